import { addDays } from '../../../../src/core/calendar.js';
import {
  isStillTimely,
  localTime,
  MAX_NUDGES,
  nextReminder,
  nextSlot,
  nudgeInstant,
  zonedInstant,
  type Receivers,
} from '../../../../src/domain/schedule/index.js';

const same = (zone: string): Receivers => ({ menteeZone: zone, mentorZone: zone });
const iso = (d: Date) => d.toISOString();

describe('local time helpers', () => {
  test('zonedInstant and localTime agree, across daylight saving changes', () => {
    expect(iso(zonedInstant('2026-03-29', 600, 'Europe/London'))).toBe('2026-03-29T09:00:00.000Z'); // first day of BST
    expect(iso(zonedInstant('2026-03-28', 600, 'Europe/London'))).toBe('2026-03-28T10:00:00.000Z');
    expect(iso(zonedInstant('2026-03-08', 600, 'America/Los_Angeles'))).toBe('2026-03-08T17:00:00.000Z'); // first day of PDT
    expect(iso(zonedInstant('2026-03-07', 600, 'America/Los_Angeles'))).toBe('2026-03-07T18:00:00.000Z');
    expect(iso(zonedInstant('2026-04-05', 600, 'Pacific/Auckland'))).toBe('2026-04-04T22:00:00.000Z'); // NZDT ends that night
    expect(iso(zonedInstant('2026-04-04', 600, 'Pacific/Auckland'))).toBe('2026-04-03T21:00:00.000Z');
    expect(iso(zonedInstant('2026-03-02', 600, 'Asia/Kolkata'))).toBe('2026-03-02T04:30:00.000Z');
    expect(localTime(new Date('2026-03-02T20:00:00Z'), 'Pacific/Auckland')).toEqual({
      date: '2026-03-03',
      weekday: 2,
      minute: 9 * 60,
    });
    expect(localTime(new Date('2026-03-02T04:30:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-03-02',
      weekday: 1,
      minute: 10 * 60,
    });
  });

  test('an unknown zone counts as UTC', () => {
    expect(iso(nudgeInstant('2026-03-02', same('Not/AZone')))).toBe('2026-03-02T10:00:00.000Z');
  });
});

describe('the nudge: the due day at 10:00 local, never a weekend or a night', () => {
  test('one zone: 10:00 on the due day', () => {
    expect(iso(nudgeInstant('2026-03-02', same('Europe/London')))).toBe('2026-03-02T10:00:00.000Z');
    expect(iso(nudgeInstant('2026-03-30', same('Europe/London')))).toBe('2026-03-30T09:00:00.000Z'); // BST
    expect(iso(nudgeInstant('2026-03-06', same('America/Los_Angeles')))).toBe('2026-03-06T18:00:00.000Z'); // PST
    expect(iso(nudgeInstant('2026-03-09', same('America/Los_Angeles')))).toBe('2026-03-09T17:00:00.000Z'); // PDT
    expect(iso(nudgeInstant('2026-04-03', same('Pacific/Auckland')))).toBe('2026-04-02T21:00:00.000Z'); // NZDT
    expect(iso(nudgeInstant('2026-04-06', same('Pacific/Auckland')))).toBe('2026-04-05T22:00:00.000Z'); // NZST
    expect(iso(nudgeInstant('2026-03-02', same('Asia/Kolkata')))).toBe('2026-03-02T04:30:00.000Z');
  });

  test('a due day at a weekend moves to Monday 10:00', () => {
    expect(iso(nudgeInstant('2026-03-07', same('Europe/London')))).toBe('2026-03-09T10:00:00.000Z');
    expect(iso(nudgeInstant('2026-03-08', same('Pacific/Auckland')))).toBe('2026-03-08T21:00:00.000Z'); // Mon 9 Mar 10:00 NZDT
  });

  test('two zones with common working hours: the first common working hour from 10:00 for the mentee', () => {
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'Europe/London', mentorZone: 'Europe/Berlin' }))).toBe(
      '2026-03-02T10:00:00.000Z',
    );
    // Kolkata 15:00 = London 09:30
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'Asia/Kolkata', mentorZone: 'Europe/London' }))).toBe(
      '2026-03-02T09:30:00.000Z',
    );
    // New York 10:00 = London 15:00
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'America/New_York', mentorZone: 'Europe/London' }))).toBe(
      '2026-03-02T15:00:00.000Z',
    );
    // Los Angeles Mon 12:00 = Auckland Tue 09:00
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'America/Los_Angeles', mentorZone: 'Pacific/Auckland' }))).toBe(
      '2026-03-02T20:00:00.000Z',
    );
  });

  test('daylight saving changes the common hour: London and Los Angeles are 7 hours apart between the US and EU changes', () => {
    const r = { menteeZone: 'Europe/London', mentorZone: 'America/Los_Angeles' };
    // 8 hours apart: no common working hour; London 15:00 = LA 07:00 (mentor awake)
    expect(iso(nudgeInstant('2026-03-02', r))).toBe('2026-03-02T15:00:00.000Z');
    // 7 hours apart (16 to 27 March): London 16:00 = LA 09:00, working time for both
    expect(iso(nudgeInstant('2026-03-16', r))).toBe('2026-03-16T16:00:00.000Z');
    // both on summer time again: 8 hours apart
    expect(iso(nudgeInstant('2026-03-30', r))).toBe('2026-03-30T14:00:00.000Z');
  });

  test('never a weekend for either: Friday in Los Angeles is Saturday in Auckland', () => {
    // Fri 6 Mar: every LA working hour is Saturday in Auckland; Monday 9 Mar (PDT) 13:00 = Tue 09:00 NZDT
    expect(iso(nudgeInstant('2026-03-06', { menteeZone: 'America/Los_Angeles', mentorZone: 'Pacific/Auckland' }))).toBe(
      '2026-03-09T20:00:00.000Z',
    );
    // Kolkata Monday morning is Sunday evening in Los Angeles: Tuesday 10:00 Kolkata = Monday 20:30 LA
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'Asia/Kolkata', mentorZone: 'America/Los_Angeles' }))).toBe(
      '2026-03-03T04:30:00.000Z',
    );
  });

  test('never a night for either: an LA mentee with a Kolkata mentor gets it early in the day', () => {
    // LA 10:00 = 23:30 in Kolkata; LA 07:00 = 20:30 in Kolkata
    expect(iso(nudgeInstant('2026-03-02', { menteeZone: 'America/Los_Angeles', mentorZone: 'Asia/Kolkata' }))).toBe(
      '2026-03-02T15:00:00.000Z',
    );
  });

  test('every due day of a year, for many pairs of zones: on or after the due day, within a week, weekday daytime for both', () => {
    const zones = ['Europe/London', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'America/New_York', 'Asia/Tokyo'];
    for (const a of zones) {
      for (const b of zones) {
        const r = { menteeZone: a, mentorZone: b };
        for (let d = 0; d < 365; d += 3) {
          const due = addDays('2026-01-01', d);
          const at = nudgeInstant(due, r);
          for (const zone of [a, b]) {
            const t = localTime(at, zone);
            expect(t.minute >= 7 * 60 && t.minute < 22 * 60).toBe(true);
            expect(t.weekday === 0 || t.weekday === 6).toBe(false);
          }
          const menteeDay = localTime(at, a).date;
          expect(menteeDay >= due && menteeDay <= addDays(due, 7)).toBe(true);
          if (a === b) expect(localTime(at, a).minute).toBe(600);
        }
      }
    }
  });

  test('nextSlot: the first acceptable hour at or after an instant', () => {
    const r = same('Europe/London');
    expect(iso(nextSlot(new Date('2026-03-02T10:00:00Z'), r))).toBe('2026-03-02T10:00:00.000Z');
    expect(iso(nextSlot(new Date('2026-03-02T10:20:00Z'), r))).toBe('2026-03-02T11:00:00.000Z');
    expect(iso(nextSlot(new Date('2026-03-02T18:00:00Z'), r))).toBe('2026-03-03T10:00:00.000Z');
    expect(iso(nextSlot(new Date('2026-03-07T11:00:00Z'), r))).toBe('2026-03-09T10:00:00.000Z'); // Saturday
  });
});

describe('reminders: at most two, spaced out, never after the next check-in is due', () => {
  const r = same('Europe/London');
  test('three days after the nudge, then four days after the first reminder, then none', () => {
    expect(MAX_NUDGES).toBe(3);
    const first = nextReminder(1, new Date('2026-03-02T10:00:00Z'), r, '2026-03-16');
    expect(first && iso(first)).toBe('2026-03-05T10:00:00.000Z');
    const second = nextReminder(2, first!, r, '2026-03-16');
    expect(second && iso(second)).toBe('2026-03-09T10:00:00.000Z');
    expect(nextReminder(3, second!, r, '2026-03-16')).toBeNull();
  });

  test('a reminder that would fall on a weekend moves to Monday', () => {
    const at = nextReminder(1, new Date('2026-03-05T10:00:00Z'), r, '2026-03-30'); // Thu + 3 = Sunday
    expect(at && iso(at)).toBe('2026-03-09T10:00:00.000Z');
  });

  test('no reminder on or after the next due day', () => {
    expect(nextReminder(1, new Date('2026-03-02T10:00:00Z'), r, '2026-03-05')).toBeNull();
  });

  test('a late pass (scheduler down, a pause) does not send an old nudge at night or at a weekend', () => {
    const slot = new Date('2026-03-02T10:00:00Z');
    expect(isStillTimely(slot, new Date('2026-03-02T10:05:00Z'), 2 * 3600_000, r)).toBe(true);
    expect(isStillTimely(slot, new Date('2026-03-02T13:00:00Z'), 2 * 3600_000, r)).toBe(false);
    expect(isStillTimely(new Date('2026-03-02T21:30:00Z'), new Date('2026-03-02T22:30:00Z'), 2 * 3600_000, r)).toBe(false);
  });
});
