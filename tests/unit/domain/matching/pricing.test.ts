import {
  assignSparse,
  buildCandidates,
  compileCohort,
  mentorCapacity,
  type Cohort,
} from '../../../../src/domain/matching/index.js';
import { mergePairs } from '../../../../src/domain/matching/assignment.js';
import {
  findImprovingPairs,
  largest,
  memoRowsRestorer,
  pricingMemo,
  type PricingResult,
} from '../../../../src/domain/matching/pricing.js';
import { cachingRowScorer, makeRowScorer, newRowCache } from '../../../../src/domain/matching/rowScorer.js';
import { makeRandom, syntheticCohort } from './support.js';

function compiled(seed: number, mentees: number, mentors: number): { c: Cohort; capacity: Int32Array } {
  const cohort = syntheticCohort({ mentors, mentees, seed, doubleCapacityShare: 0.2 });
  const active = <T extends { status: string }>(list: T[]): T[] => list.filter((p) => p.status === 'active');
  const people = { mentors: active(cohort.mentors), mentees: active(cohort.mentees) };
  return {
    c: compileCohort(people.mentors, people.mentees, cohort),
    capacity: Int32Array.from(people.mentors, (m) => mentorCapacity(m)),
  };
}

describe('pricing rows kept sorted by weight', () => {
  test('a cached row holds every feasible mentor position once, highest weight first, in runs of equal weight', () => {
    const { c } = compiled(3, 80, 70);
    const plain = makeRowScorer(c);
    const cache = newRowCache(c.mentees.length, c.mentors.length, undefined, c.mentors.length);
    const caching = cachingRowScorer(makeRowScorer(c), cache);
    for (let e = 0; e < c.mentees.length; e++) {
      caching.row(e);
      const { weights, length } = plain.row(e);
      const expected = Array.from(weights.subarray(0, length), (w, t) => [w, t] as const)
        .filter(([w]) => w >= 0)
        .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      const kinds = cache.runCount[e] as number;
      // One run per distinct weight: none left empty by a forbidden pair.
      expect(kinds).toBe(new Set(expected.map(([w]) => w)).size);
      const got: (readonly [number, number])[] = [];
      let from = 0;
      let lastWeight = Infinity;
      for (let d = 0; d < kinds; d++) {
        const packed = cache.runs[(cache.runStart[e] as number) + d] as number;
        const w = Math.floor(packed / 65_536);
        const end = packed % 65_536;
        expect(w).toBeLessThan(lastWeight);
        lastWeight = w;
        for (let q = from; q < end; q++) got.push([w, cache.positions[e * cache.depth + q] as number]);
        from = end;
      }
      expect(got.sort((a, b) => b[0] - a[0] || a[1] - b[1])).toEqual(expected);
    }
  });

  test.each([
    ['every row sorted', 0, undefined],
    ['every third row with too many distinct weights (scored again)', 3, undefined],
    ['rows kept 6 positions deep (the rest sorted again when read)', 0, 6],
  ])('finds exactly the improving pairs a scan by position finds, round after round: %s', (_, overflowEvery, depth) => {
    const random = makeRandom(11);
    for (let trial = 0; trial < 4; trial++) {
      const { c, capacity } = compiled(
        Math.floor(random() * 1e9),
        60 + Math.floor(random() * 60),
        50 + Math.floor(random() * 60),
      );
      const mentees = c.mentees.length;
      const candidates = buildCandidates(c, 2, makeRowScorer(c), 3);
      const cache = newRowCache(mentees, c.mentors.length, undefined, depth);
      const sorted = cachingRowScorer(makeRowScorer(c), cache);
      for (let e = 0; e < mentees; e++) sorted.row(e);
      if (overflowEvery > 0) for (let e = 0; e < mentees; e += overflowEvery) cache.runCount[e] = -2;
      const byPosition = makeRowScorer(c);
      const memos = [sorted, byPosition].map(() => pricingMemo(candidates.reserve, candidates.prunedBound));
      let pairs = { start: candidates.start, mentor: candidates.mentor, weight: candidates.weight };
      let outcome = assignSparse({ mentees, capacity, pairs });
      let found = 0;
      for (let round = 0; round < 6; round++) {
        const [a, b] = [sorted, byPosition].map((scorer, i) =>
          findImprovingPairs(c, scorer, null, outcome.menteePotential, outcome.mentorPotential, 4, pairs, memos[i]),
        );
        expect(a?.pairs).toEqual(b?.pairs);
        found += a?.count ?? 0;
        if (!a || a.count === 0) break;
        const merged = { start: new Int32Array(mentees + 1), mentor: [] as number[], weight: [] as number[] };
        for (let e = 0; e < mentees; e++) {
          for (const p of [pairs, a.pairs]) {
            for (let k = p.start[e] as number; k < (p.start[e + 1] as number); k++) {
              merged.mentor.push(p.mentor[k] as number);
              merged.weight.push(p.weight[k] as number);
            }
          }
          merged.start[e + 1] = merged.mentor.length;
        }
        pairs = { start: merged.start, mentor: Int32Array.from(merged.mentor), weight: Int32Array.from(merged.weight) };
        outcome = assignSparse({ mentees, capacity, pairs }, outcome.state);
      }
      expect(found).toBeGreaterThan(0);
    }
  });
});

describe("pricing's memo", () => {
  test('a row read from the cache keeps the same best pairs outside as a scan by position, ties in value included', () => {
    const random = makeRandom(13);
    for (let trial = 0; trial < 3; trial++) {
      const { c } = compiled(Math.floor(random() * 1e9), 90, 80);
      const mentees = c.mentees.length;
      const perMentee = 2;
      const candidates = buildCandidates(c, 2, makeRowScorer(c), 3);
      const cache = newRowCache(mentees, c.mentors.length);
      const sorted = cachingRowScorer(makeRowScorer(c), cache);
      for (let e = 0; e < mentees; e++) sorted.row(e);
      // Every pair improves (no row stops early on the threshold); mentor potentials that are differences of
      // weights make many equal values, from pairs of different weights.
      const menteePotential = new Float64Array(mentees).fill(1e6);
      const weights = [...new Set(candidates.weight)].sort((x, y) => y - x);
      const steps = weights.slice(1, 4).map((w) => (weights[0] as number) - w);
      const mentorPotential = Float64Array.from({ length: c.mentors.length }, () =>
        random() < 0.5 ? 0 : (steps[Math.floor(random() * steps.length)] as number),
      );
      const [a, b] = [sorted, makeRowScorer(c)].map((scorer) => {
        const memo = pricingMemo(candidates.reserve, candidates.prunedBound, undefined, perMentee + 1);
        const found = findImprovingPairs(c, scorer, null, menteePotential, mentorPotential, perMentee, candidates, memo);
        const { outsideCount, outsideMentor, outsideWeight, bestOutside, scannedIn } = memo;
        return { pairs: found.pairs, outsideCount, outsideMentor, outsideWeight, bestOutside, scannedIn };
      });
      expect(a).toEqual(b);
      expect(Array.from(a?.outsideCount ?? []).filter((n) => n > 0).length).toBeGreaterThan(mentees / 2);
    }
  });

  test('keeping the best pairs left outside settles more rows, and finds exactly the pairs of a full scan every round', () => {
    const random = makeRandom(12);
    let settledByPairs = 0;
    for (let trial = 0; trial < 4; trial++) {
      const { c, capacity } = compiled(
        Math.floor(random() * 1e9),
        80 + Math.floor(random() * 60),
        70 + Math.floor(random() * 60),
      );
      const mentees = c.mentees.length;
      const perMentee = 3;
      const candidates = buildCandidates(c, 2, makeRowScorer(c), 3);
      const cache = newRowCache(mentees, c.mentors.length);
      const scorer = cachingRowScorer(makeRowScorer(c), cache);
      const narrow = pricingMemo(candidates.reserve, candidates.prunedBound);
      const wide = pricingMemo(candidates.reserve, candidates.prunedBound, undefined, perMentee + 1);
      let pairs = { start: candidates.start, mentor: candidates.mentor, weight: candidates.weight };
      let outcome = assignSparse({ mentees, capacity, pairs });
      for (let round = 0; round < 8; round++) {
        const [full, a, b] = [undefined, narrow, wide].map((memo) =>
          findImprovingPairs(c, scorer, null, outcome.menteePotential, outcome.mentorPotential, perMentee, pairs, memo),
        ) as [PricingResult, PricingResult, PricingResult];
        expect(a.pairs).toEqual(full.pairs);
        expect(b.pairs).toEqual(full.pairs);
        expect(b.scannedRows).toBeLessThanOrEqual(a.scannedRows);
        settledByPairs += a.scannedRows - b.scannedRows;
        if (full.count === 0) break;
        pairs = mergePairs(pairs, full.pairs);
        outcome = assignSparse({ mentees, capacity, pairs }, outcome.state);
      }
    }
    expect(settledByPairs).toBeGreaterThan(0);
  });
});

describe('largest', () => {
  test('is the count-th value of a descending sort, ties included', () => {
    const random = makeRandom(13);
    for (let trial = 0; trial < 50; trial++) {
      const values = Float64Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 40) - 20);
      const count = 1 + Math.floor(random() * values.length);
      const sorted = Float64Array.from(values).sort().reverse();
      expect(largest(values, count)).toBe(sorted[count - 1]);
    }
  });
});

describe('memoRowsRestorer', () => {
  test('puts back every per-row array of the memo for the rows asked, and only those', () => {
    const mentees = 8;
    const width = 3;
    const empty = { start: new Int32Array(mentees + 1), mentor: new Int32Array(0), weight: new Int32Array(0) };
    const memo = pricingMemo(empty, new Int32Array(mentees), undefined, width);
    const arrays = [
      memo.scannedIn,
      memo.bestOutside,
      memo.unreadWeight,
      memo.outsideCount,
      memo.outsideMentor,
      memo.outsideWeight,
    ];
    arrays.forEach((a, i) => a.forEach((_, q) => (a[q] = i * 100 + q)));
    const before = arrays.map((a) => Array.from(a));
    const restore = memoRowsRestorer(memo);
    arrays.forEach((a) => a.fill(-7));
    restore(2, 5);
    arrays.forEach((a, i) => {
      const span = a.length / mentees;
      a.forEach((x, q) => expect(x).toBe(q >= 2 * span && q < 5 * span ? before[i]?.[q] : -7));
    });
  });
});
