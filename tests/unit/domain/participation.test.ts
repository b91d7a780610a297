import { pauseDateProblem, pauseEndsAt, suggestedPauseEnd } from '../../../src/domain/participation.js';

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

describe('when a pause ends', () => {
  test('at the start of the chosen day where the person is, not at 00:00 UTC', () => {
    expect(pauseEndsAt('2026-03-20', 'Europe/London').toISOString()).toBe('2026-03-20T00:00:00.000Z');
    expect(pauseEndsAt('2026-03-20', 'America/Los_Angeles').toISOString()).toBe('2026-03-20T07:00:00.000Z'); // PDT
    expect(pauseEndsAt('2026-03-20', 'Asia/Tokyo').toISOString()).toBe('2026-03-19T15:00:00.000Z');
    expect(pauseEndsAt('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z'); // CEST
  });
});
