import {
  allFeasiblePairs,
  buildCandidates,
  compileCohort,
  pairPoints,
  pairWeight,
  passesHardConstraints,
  type Cohort,
} from '../../../../src/domain/matching/index.js';
import { cachingRowScorer, makeRowScorer, newRowCache } from '../../../../src/domain/matching/rowScorer.js';
import { makeRandom, syntheticCohort } from './support.js';

function compiled(seed: number, extraTopics = 0, minScore = 0): Cohort {
  const cohort = syntheticCohort({ mentors: 60, mentees: 50, seed });
  if (extraTopics > 0) {
    const random = makeRandom(seed);
    for (const p of [...cohort.mentors, ...cohort.mentees]) {
      p.teaches.push(`extra${Math.floor(random() * extraTopics)}`);
      p.learns.push(`extra${Math.floor(random() * extraTopics)}`);
    }
  }
  const active = (list: typeof cohort.mentors): typeof list => list.filter((p) => p.status === 'active');
  return compileCohort(active(cohort.mentors), active(cohort.mentees), { ...cohort, minScore });
}

function feasible(c: Cohort, m: number, e: number): boolean {
  return passesHardConstraints(c, m, e) && pairWeight(c, m, e) >= c.minWeight;
}

describe('candidate pairs', () => {
  test.each([
    ['up to 32 topics', 0],
    ['more than 32 topics', 40],
  ])('%s: a pair weight is the sum of its score parts', (_, extraTopics) => {
    const c = compiled(22, extraTopics);
    for (let e = 0; e < c.mentees.length; e++) {
      for (let m = 0; m < c.mentors.length; m++) {
        const p = pairPoints(c, m, e);
        const sum = p.mentorCoversMentee + p.menteeCoversMentor + p.differentDepartment + p.workingHours + p.meetingPreference;
        expect(pairWeight(c, m, e)).toBe(sum);
      }
    }
  });

  test.each([
    ['up to 32 topics (one word per topic set)', 0, 0],
    ['more than 32 topics (several words)', 40, 0],
    ['with a minimum score', 0, 40],
  ])('%s: every feasible pair, with the reference weights', (_, extraTopics, minScore) => {
    const c = compiled(21, extraTopics, minScore);
    if (extraTopics > 0) expect(c.words).toBeGreaterThan(1);
    const all = allFeasiblePairs(c);
    let count = 0;
    for (let e = 0; e < c.mentees.length; e++) {
      for (let k = all.start[e] as number; k < (all.start[e + 1] as number); k++) {
        const m = all.mentor[k] as number;
        expect(feasible(c, m, e)).toBe(true);
        expect(all.weight[k]).toBe(pairWeight(c, m, e));
      }
      for (let m = 0; m < c.mentors.length; m++) if (feasible(c, m, e)) count++;
    }
    expect(all.mentor.length).toBe(count);
  });

  test.each([
    ['up to 32 topics', 0, 0],
    ['with a minimum score', 0, 40],
  ])(
    "%s: rows scored through mentor groups give exactly the plain loop's weights, with the same weight counts",
    (_, extraTopics, minScore) => {
      for (const seed of [21, 23, 25]) {
        const c = compiled(seed, extraTopics, minScore);
        const grouped = makeRowScorer(c, 'always');
        const plain = makeRowScorer(c, 'never');
        for (let e = 0; e < c.mentees.length; e++) {
          const a = grouped.row(e);
          const aRow = { weights: Array.from(a.weights.subarray(0, a.length)), best: a.best };
          const aCounts = Array.from(a.distinct.subarray(0, a.kinds), (w) => [w, a.count[w]]);
          const b = plain.row(e);
          expect(aRow).toEqual({ weights: Array.from(b.weights.subarray(0, b.length)), best: b.best });
          expect(aCounts).toEqual(Array.from(b.distinct.subarray(0, b.kinds), (w) => [w, b.count[w]]));
          aRow.weights.forEach((w, t) => {
            const m = grouped.order[t] as number;
            expect(w).toBe(feasible(c, m, e) ? pairWeight(c, m, e) : -1);
          });
        }
      }
    },
  );

  test('top k on both sides: each person keeps its best feasible partners, weights are exact', () => {
    const c = compiled(22);
    const k = 3;
    const cand = buildCandidates(c, k);
    const kept = (e: number): Map<number, number> => {
      const out = new Map<number, number>();
      for (let i = cand.start[e] as number; i < (cand.start[e + 1] as number); i++)
        out.set(cand.mentor[i] as number, cand.weight[i] as number);
      return out;
    };
    for (let e = 0; e < c.mentees.length; e++) {
      const list = kept(e);
      for (const [m, w] of list) {
        expect(feasible(c, m, e)).toBe(true);
        expect(w).toBe(pairWeight(c, m, e));
      }
      const weights = [];
      for (let m = 0; m < c.mentors.length; m++) if (feasible(c, m, e)) weights.push(pairWeight(c, m, e));
      weights.sort((a, b) => b - a);
      expect(cand.menteeFeasible[e]).toBe(weights.length);
      // The k best weights of this mentee are all present (ties may pick different mentors).
      const keptWeights = [...list.values()].sort((a, b) => b - a);
      expect(keptWeights.slice(0, Math.min(k, weights.length))).toEqual(weights.slice(0, Math.min(k, weights.length)));
    }
    for (let m = 0; m < c.mentors.length; m++) {
      let listed = 0;
      for (let e = 0; e < c.mentees.length; e++) if (kept(e).has(m)) listed++;
      expect(listed).toBeGreaterThanOrEqual(Math.min(k, cand.mentorFeasible[m] as number));
    }
  });

  test.each([
    [300, 400, 2, 3, 31, 0],
    [150, 600, 1, 0, 32, 0],
    [500, 250, 5, 20, 33, 0],
    [300, 400, 2, 3, 34, 45],
  ])(
    '%i mentors x %i mentees, k = %i, reserve %i: read from the sorted row cache, exactly the scan by position (seed %i, minimum score %i)',
    (mentors, mentees, k, reserve, seed, minScore) => {
      const input = syntheticCohort({ mentors, mentees, seed });
      const c = compileCohort(input.mentors, input.mentees, { ...input, minScore });
      const byPosition = buildCandidates(c, k, makeRowScorer(c), reserve);
      const cache = newRowCache(c.mentees.length, c.mentors.length);
      const sorted = buildCandidates(c, k, cachingRowScorer(makeRowScorer(c), cache), reserve);
      // More than the bound's 64 exceptions, and rows that were in fact read from the cache.
      expect(c.mentors.length).toBeGreaterThan(64);
      expect(cache.runCount.some((r) => r > 0)).toBe(true);
      expect(sorted).toEqual(byPosition);
      // Feasible pairs are counted by the sort of a row; rows already in the cache (a chunk scanned again after
      // a thread failed) are counted by the scan.
      expect(buildCandidates(c, k, cachingRowScorer(makeRowScorer(c), cache), reserve)).toEqual(byPosition);
      // A cache that keeps only the head of each row: the scan reads the whole row it has just sorted.
      const shallow = newRowCache(c.mentees.length, c.mentors.length, undefined, 7);
      expect(buildCandidates(c, k, cachingRowScorer(makeRowScorer(c), shallow), reserve)).toEqual(byPosition);
      expect(buildCandidates(c, k, cachingRowScorer(makeRowScorer(c), shallow), reserve)).toEqual(byPosition);
      // A cache whose runs are all taken (as after rows sorted twice by a thread that failed and the one that took
      // its rows over): every row is sorted, not kept, and counted once.
      const full = newRowCache(c.mentees.length, c.mentors.length);
      full.runsTaken[0] = full.runs.length - 1;
      expect(buildCandidates(c, k, cachingRowScorer(makeRowScorer(c), full), reserve)).toEqual(byPosition);
      expect(full.runCount.every((r) => r === -2)).toBe(true);
      // Rows with infeasible pairs among the scored ones (-1 weights), not only beyond their length.
      const plain = makeRowScorer(c);
      const gaps = c.mentees.filter((_, e) => {
        const { weights, length } = plain.row(e);
        return weights.subarray(0, length).includes(-1);
      });
      expect(gaps.length).toBeGreaterThan(minScore > 0 ? c.mentees.length / 2 : 0);
    },
  );
});
