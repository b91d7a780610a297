import { formatDate, isIanaTimeZone, localDate } from '../../../src/core/localDate.js';

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
