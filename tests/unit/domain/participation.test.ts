import { pauseDateProblem, suggestedPauseEnd } from '../../../src/domain/participation.js';

describe('pause rules', () => {
  const today = '2026-03-10';
  const end = '2026-09-01';

  test('the modal suggests two weeks from today', () => {
    expect(suggestedPauseEnd(today)).toBe('2026-03-24');
  });

  test('a day after today and up to the programme end is fine', () => {
    expect(pauseDateProblem('2026-03-11', today, end)).toBeUndefined();
    expect(pauseDateProblem(end, today, end)).toBeUndefined();
  });

  test('no date, today or earlier, or after the programme end are refused', () => {
    expect(pauseDateProblem(undefined, today, end)).toBe('no_date');
    expect(pauseDateProblem(today, today, end)).toBe('not_after_today');
    expect(pauseDateProblem('2026-03-01', today, end)).toBe('not_after_today');
    expect(pauseDateProblem('2026-09-02', today, end)).toBe('after_programme_end');
  });
});
