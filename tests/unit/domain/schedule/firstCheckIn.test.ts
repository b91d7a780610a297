import { addDays } from '../../../../src/core/calendar.js';
import { firstCheckInDue, firstCheckInDueFor, isWorkingDay } from '../../../../src/domain/schedule/index.js';

const due = (introducedOn: string, programmeStart = '2026-01-05') => firstCheckInDue({ introducedOn, programmeStart });

describe('the first check-in', () => {
  test('the last working day of the week that begins with the introduction', () => {
    expect(due('2026-03-02')).toBe('2026-03-06'); // Monday: that Friday
    expect(due('2026-03-04')).toBe('2026-03-10'); // Wednesday: the Tuesday after
    expect(due('2026-03-06')).toBe('2026-03-12'); // Friday: the Thursday after
    expect(due('2026-03-14')).toBe('2026-03-20'); // approved on Saturday 14 March: Friday 20, not Saturday 21
    expect(due('2026-03-15')).toBe('2026-03-20'); // Sunday: the Friday after
  });

  test('never before the programme starts: an introduction before the start counts from the start', () => {
    expect(due('2026-03-14', '2026-03-23')).toBe('2026-03-27'); // approved a week early; starts Monday 23
    expect(due('2026-03-20', '2026-03-21')).toBe('2026-03-27'); // starts on a Saturday: its first Friday
    expect(due('2026-03-25', '2026-03-23')).toBe('2026-03-31'); // a later introduction (a rematch): its own week
  });

  test('for every introduction and start in a year: a working day, within the first week, never before the start', () => {
    for (let i = 0; i < 366; i++) {
      const introducedOn = addDays('2026-01-01', i);
      for (const lag of [-9, -1, 0, 1, 6, 30]) {
        const start = addDays(introducedOn, lag);
        const d = due(introducedOn, start);
        const weekStart = introducedOn > start ? introducedOn : start;
        expect(isWorkingDay(d)).toBe(true);
        expect(d >= weekStart).toBe(true);
        expect(d <= addDays(weekStart, 6)).toBe(true);
        // the last working day of that week: no working day after it within the week
        for (let later = addDays(d, 1); later <= addDays(weekStart, 6); later = addDays(later, 1))
          expect(isWorkingDay(later)).toBe(false);
      }
    }
  });

  test("a stored programme: the introduction is read on the programme's calendar", () => {
    const programme = { startDate: new Date('2026-03-02T00:00:00Z'), timezone: 'America/Los_Angeles' };
    // Saturday 14 March 02:00 UTC is still Friday 13 March in Los Angeles
    expect(firstCheckInDueFor(programme, new Date('2026-03-14T02:00:00Z'))).toBe('2026-03-19');
    expect(firstCheckInDueFor({ ...programme, timezone: 'UTC' }, new Date('2026-03-14T02:00:00Z'))).toBe('2026-03-20');
  });
});
