import { erasedPersonKey, isCompleteBatch, releasesToWithdraw } from '../../../src/domain/feedbackReleases.js';

describe('isCompleteBatch: at least three answers from three different people', () => {
  test.each([
    [[], false],
    [['a', 'b'], false],
    [['a', 'a', 'b'], false],
    [['a', 'a', 'a', 'b', 'b'], false],
    [['a', 'b', 'c'], true],
    [['a', 'b', 'a', 'c'], true],
  ])('%j -> %s', (authors, complete) => {
    expect(isCompleteBatch(authors)).toBe(complete);
  });
});

describe('releasesToWithdraw', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 2, day));
  const release = (releaseId: string, day: number, commenters: string[]) => ({ releaseId, releasedAt: at(day), commenters });

  test('their release alone when it holds three people’s words', () => {
    const releases = [release('r1', 1, ['a', 'b', 'c']), release('r2', 5, ['d', 'e', 'f'])];
    expect(releasesToWithdraw(releases, ['r1'])).toEqual(['r1']);
  });

  test('the nearest other releases join until three people’s words go (an edit left theirs with two)', () => {
    const releases = [release('r1', 1, ['x', 'y', 'z']), release('r2', 5, ['a', 'b']), release('r3', 7, ['c', 'd', 'e'])];
    expect(releasesToWithdraw(releases, ['r2'])).toEqual(['r2', 'r3']);
  });

  test('releases without words never count, and a programme with too few commenters withdraws what there is', () => {
    const releases = [release('r1', 1, ['a']), release('r2', 2, []), release('r3', 9, ['b'])];
    expect(releasesToWithdraw(releases, ['r1']).sort()).toEqual(['r1', 'r3']);
  });

  test('one stand-in key per erased person', () => {
    expect(erasedPersonKey('abc')).toBe('erased:abc');
  });
});
