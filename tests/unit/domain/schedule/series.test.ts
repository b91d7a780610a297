import { atRiskOn, clampCadence, dueAfterMet, dueAfterUnmet, missedOn } from '../../../../src/domain/schedule/index.js';

describe('the series of check-ins', () => {
  test('after a meeting: a cadence after the day they met; the programme end stops the series', () => {
    expect(dueAfterMet('2026-03-10', 14, '2026-09-02')).toBe('2026-03-24');
    expect(dueAfterMet('2026-03-10', 28, '2026-09-02')).toBe('2026-04-07');
    expect(dueAfterMet('2026-08-20', 14, '2026-09-02')).toBeNull(); // 3 Sep is after the end
    expect(dueAfterMet('2026-08-19', 14, '2026-09-02')).toBeNull(); // the end date itself is the wrap-up day
    expect(dueAfterMet('2026-08-18', 14, '2026-09-02')).toBe('2026-09-01');
  });

  test('after a skip or a miss: a cadence after the due day, without a trail of missed ones after a long pause', () => {
    expect(dueAfterUnmet('2026-03-02', 14, '2026-03-05', '2026-09-02')).toBe('2026-03-16');
    expect(dueAfterUnmet('2026-03-02', 14, '2026-05-01', '2026-09-02')).toBe('2026-05-11');
    expect(dueAfterUnmet('2026-08-25', 21, '2026-08-26', '2026-09-02')).toBeNull();
  });

  test('an open check-in is missed when the next would be due (later when they planned a later date)', () => {
    expect(missedOn('2026-03-02', null, 14)).toBe('2026-03-16');
    expect(missedOn('2026-03-02', '2026-03-10', 14)).toBe('2026-03-24');
    expect(missedOn('2026-03-02', '2026-02-27', 14)).toBe('2026-03-16');
  });

  test('at risk after two cadences without a meeting', () => {
    expect(atRiskOn('2026-03-02', 14)).toBe('2026-03-30');
    expect(atRiskOn('2026-03-02', 21)).toBe('2026-04-13');
  });

  test('a cadence stays within 14 to 28 days', () => {
    expect([clampCadence(10), clampCadence(14), clampCadence(21), clampCadence(30)]).toEqual([14, 14, 21, 28]);
  });
});
