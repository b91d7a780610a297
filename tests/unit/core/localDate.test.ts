import { formatDate, isCalendarDate, isIanaTimeZone, localDate } from '../../../src/core/localDate.js';

describe('local dates', () => {
  test('localDate is the calendar date in the zone; formatDate reads well', () => {
    const instant = new Date('2026-03-02T23:30:00Z');
    expect(localDate(instant, 'Europe/London')).toBe('2026-03-02');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2026-03-03');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-03-02');
    expect(formatDate('2026-03-16')).toBe('Mon 16 Mar 2026');
  });
  test('time zones are IANA names', () => {
    expect(isIanaTimeZone('Europe/London')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(isIanaTimeZone('Europe/London; DROP TABLE')).toBe(false);
  });
});

describe('isCalendarDate', () => {
  test('a day that exists, written YYYY-MM-DD', () => {
    for (const d of ['2026-02-28', '2028-02-29', '2026-04-30', '2026-12-31', '0001-01-01', '9999-12-31'])
      expect([d, isCalendarDate(d)]).toEqual([d, true]);
  });
  test('refuses days that do not exist and any other shape, instead of rolling them over', () => {
    for (const d of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-04-99', '2026-04-00'])
      expect([d, isCalendarDate(d)]).toEqual([d, false]);
    for (const d of ['', '2026-4-1', '2026-04-01T00:00:00Z', ' 2026-04-01', '2026/04/01', '+02026-04-01'])
      expect([d, isCalendarDate(d)]).toEqual([d, false]);
  });
});
