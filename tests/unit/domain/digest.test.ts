import { afterWorkingDays, digestWeek, endsSoon } from '../../../src/domain/digest.js';
import { firstMomentForAll, firstWorkingMoment } from '../../../src/domain/delivery.js';

const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

describe("coordinators' moments", () => {
  test('the digest week: the latest Monday 09:00 in the zone', () => {
    // Monday 2 March 2026; New York is UTC-5 then.
    expect(digestWeek(at('2026-03-02T13:59:00Z'), 'America/New_York')).toEqual({
      weekOf: '2026-02-23',
      at: at('2026-02-23T14:00:00Z'),
    });
    expect(digestWeek(at('2026-03-02T14:00:00Z'), 'America/New_York')).toEqual({
      weekOf: '2026-03-02',
      at: at('2026-03-02T14:00:00Z'),
    });
    // Sunday in Auckland is already Monday there.
    expect(digestWeek(at('2026-03-08T21:00:00Z'), 'Pacific/Auckland').weekOf).toBe('2026-03-09');
    expect(digestWeek(at('2026-03-08T23:00:00Z'), 'Europe/London').weekOf).toBe('2026-03-02');
  });

  test('working hours: now when it is working time, else the next working day at 10:00', () => {
    expect(iso(firstWorkingMoment(at('2026-03-04T14:23:00Z'), 'Europe/London'))).toBe('2026-03-04T14:23:00.000Z');
    expect(iso(firstWorkingMoment(at('2026-03-04T17:00:00Z'), 'Europe/London'))).toBe('2026-03-05T10:00:00.000Z');
    expect(iso(firstWorkingMoment(at('2026-03-07T12:00:00Z'), 'Europe/London'))).toBe('2026-03-09T10:00:00.000Z');
    expect(iso(firstWorkingMoment(at('2026-03-04T08:30:00Z'), 'Europe/London'))).toBe('2026-03-04T10:00:00.000Z');
    const pair = ['Europe/London', 'Europe/Berlin'];
    expect(iso(firstMomentForAll(at('2026-03-04T12:00:00Z'), pair))).toBe('2026-03-04T12:00:00.000Z');
    expect(iso(firstMomentForAll(at('2026-03-04T16:30:00Z'), pair))).toBe('2026-03-05T10:00:00.000Z');
  });

  test('working days skip weekends', () => {
    expect(iso(afterWorkingDays(at('2026-03-13T15:00:00Z'), 2, 'Europe/London'))).toBe('2026-03-17T15:00:00.000Z');
    expect(iso(afterWorkingDays(at('2026-03-02T09:00:00Z'), 2, 'Europe/London'))).toBe('2026-03-04T09:00:00.000Z');
    expect(iso(afterWorkingDays(at('2026-03-07T09:00:00Z'), 2, 'Europe/London'))).toBe('2026-03-10T09:00:00.000Z');
  });

  test('the end is near from two weeks before, up to the day before', () => {
    expect(endsSoon('2026-04-13', '2026-03-29')).toBe(false);
    expect(endsSoon('2026-04-13', '2026-03-30')).toBe(true);
    expect(endsSoon('2026-04-13', '2026-04-12')).toBe(true);
    expect(endsSoon('2026-04-13', '2026-04-13')).toBe(false);
  });
});
