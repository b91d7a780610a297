import {
  daysBetween,
  dueAfterMeeting,
  dueAfterSkipping,
  endDateOf,
  MAX_NUDGES,
  nextCheckIn,
  nudgeAfterPlannedDay,
  ownZone,
  planningWindow,
  receiversOf,
  todayFor,
  type PairTimes,
} from '../../../../src/domain/schedule/index.js';

const pair = (over: Partial<PairTimes> = {}): PairTimes => ({
  cadenceDays: 14,
  mentor: { timezone: 'Europe/London' },
  mentee: { timezone: 'Europe/London' },
  programme: { endDate: new Date('2026-09-02T00:00:00Z') },
  ...over,
});
const iso = (d: Date | null | undefined) => d?.toISOString();

describe("a pair's dates", () => {
  test("the pair's day is the mentee's; the receivers are the mentee's and the mentor's zones", () => {
    const p = pair({ mentee: { timezone: 'Pacific/Auckland' }, mentor: { timezone: 'Europe/London' } });
    expect(todayFor(p, new Date('2026-03-02T23:30:00Z'))).toBe('2026-03-03');
    expect(receiversOf(p)).toEqual({ menteeZone: 'Pacific/Auckland', mentorZone: 'Europe/London' });
    expect(ownZone({ timezone: 'Asia/Kolkata' })).toEqual({ menteeZone: 'Asia/Kolkata', mentorZone: 'Asia/Kolkata' });
    expect(endDateOf(p)).toBe('2026-09-02');
  });

  test('after a meeting: a cadence after the day they met; none from the end date on', () => {
    expect(dueAfterMeeting(pair(), new Date('2026-03-04T12:00:00Z'))).toBe('2026-03-18');
    expect(dueAfterMeeting(pair({ cadenceDays: 21 }), new Date('2026-03-04T12:00:00Z'))).toBe('2026-03-25');
    expect(dueAfterMeeting(pair(), new Date('2026-08-20T12:00:00Z'))).toBeNull();
  });

  test('after a skip: whole cadences after the due day, never before today', () => {
    const row = { dueAt: new Date('2026-03-02T00:00:00Z') };
    expect(dueAfterSkipping(pair(), row, new Date('2026-03-04T12:00:00Z'))).toBe('2026-03-16');
    expect(dueAfterSkipping(pair(), row, new Date('2026-04-01T12:00:00Z'))).toBe('2026-04-13');
    expect(dueAfterSkipping(pair(), { dueAt: new Date('2026-08-25T00:00:00Z') }, new Date('2026-08-26T12:00:00Z'))).toBeNull();
  });

  test('the next check-in as stored: a date-only due day and its first nudge at 10:00', () => {
    expect(nextCheckIn(pair(), null)).toBeNull();
    const next = nextCheckIn(pair(), '2026-03-16');
    expect(iso(next?.dueAt)).toBe('2026-03-16T00:00:00.000Z');
    expect(iso(next?.nextNudgeAt)).toBe('2026-03-16T10:00:00.000Z');
  });

  test('a meeting may be planned from today to the day before the end date; the nudge comes the day after it', () => {
    expect(planningWindow(pair(), new Date('2026-03-04T12:00:00Z'))).toEqual({ today: '2026-03-04', lastDay: '2026-09-01' });
    expect(iso(nudgeAfterPlannedDay(pair(), '2026-03-10', 0))).toBe('2026-03-11T10:00:00.000Z');
    expect(iso(nudgeAfterPlannedDay(pair(), '2026-03-13', 1))).toBe('2026-03-16T10:00:00.000Z'); // Friday: Monday
    expect(nudgeAfterPlannedDay(pair(), '2026-03-10', MAX_NUDGES)).toBeNull();
  });

  test('days between two dates', () => {
    expect(daysBetween('2026-03-02', '2026-03-30')).toBe(28);
  });
});
