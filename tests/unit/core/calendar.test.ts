import { addDays, addMonths } from '../../../src/core/calendar.js';

describe('calendar', () => {
  test('addMonths keeps the day, clamped to the month end, across years', () => {
    expect(addMonths('2026-03-30', 6)).toBe('2026-09-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
  });
  test('addDays crosses months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
