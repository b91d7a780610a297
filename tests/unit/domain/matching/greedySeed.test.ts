import {
  assignSparse,
  compileCohort,
  mentorCapacity,
  pairWeight,
  passesHardConstraints,
} from '../../../../src/domain/matching/index.js';
import { buildCandidates } from '../../../../src/domain/matching/candidates.js';
import { greedySeedPairs } from '../../../../src/domain/matching/greedySeed.js';
import { cachingRowScorer, makeRowScorer, newRowCache } from '../../../../src/domain/matching/rowScorer.js';
import { syntheticCohort } from './support.js';

describe('greedy seed pairs for the first candidate graph', () => {
  test.each([1, 2, 3])(
    'seed %i: feasible pairs outside the graph, within capacity, and the graph then pairs as many as the full cohort',
    (seed) => {
      const cohort = syntheticCohort({ mentors: 90, mentees: 100, seed, doubleCapacityShare: 0.2 });
      const active = <T extends { status: string }>(list: T[]): T[] => list.filter((p) => p.status === 'active');
      const mentors = active(cohort.mentors);
      const c = compileCohort(mentors, active(cohort.mentees), cohort);
      const capacity = Int32Array.from(mentors, (m) => mentorCapacity(m));
      const mentees = c.mentees.length;
      const cache = newRowCache(mentees, c.mentors.length);
      const scorer = cachingRowScorer(makeRowScorer(c), cache);
      const graph = buildCandidates(c, 1, scorer);
      const seedPairs = greedySeedPairs(scorer, capacity, graph.menteeFeasible, graph);
      // Rows read past the head a cache keeps give the same pairs.
      const shallow = cachingRowScorer(makeRowScorer(c), newRowCache(mentees, c.mentors.length, undefined, 2));
      expect(greedySeedPairs(shallow, capacity, buildCandidates(c, 1, shallow).menteeFeasible, graph)).toEqual(seedPairs);
      const used = new Int32Array(c.mentors.length);
      for (let e = 0; e < mentees; e++) {
        for (let q = seedPairs.start[e] as number; q < (seedPairs.start[e + 1] as number); q++) {
          const m = seedPairs.mentor[q] as number;
          used[m] = (used[m] as number) + 1;
          expect(passesHardConstraints(c, m, e)).toBe(true);
          expect(seedPairs.weight[q]).toBe(pairWeight(c, m, e));
          const inGraph = Array.from(graph.mentor.subarray(graph.start[e], graph.start[e + 1])).includes(m);
          expect(inGraph).toBe(false);
        }
      }
      used.forEach((n, m) => expect(n).toBeLessThanOrEqual(capacity[m] as number));
      const paired = (pairs: Parameters<typeof assignSparse>[0]['pairs']): number =>
        assignSparse({ mentees, capacity, pairs }).mentorForMentee.filter((m) => m >= 0).length;
      const all = buildCandidates(c, c.mentors.length);
      const seeded = { start: new Int32Array(mentees + 1), mentor: [] as number[], weight: [] as number[] };
      for (let e = 0; e < mentees; e++) {
        for (const p of [graph, seedPairs]) {
          for (let q = p.start[e] as number; q < (p.start[e + 1] as number); q++) {
            seeded.mentor.push(p.mentor[q] as number);
            seeded.weight.push(p.weight[q] as number);
          }
        }
        seeded.start[e + 1] = seeded.mentor.length;
      }
      const best = paired(all);
      expect(paired(graph)).toBeLessThan(best);
      expect(
        paired({ start: seeded.start, mentor: Int32Array.from(seeded.mentor), weight: Int32Array.from(seeded.weight) }),
      ).toBe(best);
    },
  );
});
