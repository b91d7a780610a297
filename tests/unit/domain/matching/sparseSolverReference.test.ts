import { mergePairs, slotLayout, toSlotGraph, unmatchedCost } from '../../../../src/domain/matching/assignment.js';
import { solveSparseAssignment, type SparseGraph } from '../../../../src/domain/matching/sparseSolver.js';
import type { SparseAssignment } from '../../../../src/domain/matching/sparseGraph.js';
import type { WeightedPairs } from '../../../../src/domain/matching/assignment.js';
import { solveSparseAssignment as referenceSolve } from './reference/sparseSolver.js';
import { makeRandom, randomPairs } from './support.js';

/** Splits pairs into `parts` random batches, as the candidate graph and the pricing rounds that add to it. */
function batches(random: () => number, all: WeightedPairs, parts: number): WeightedPairs[] {
  const mentees = all.start.length - 1;
  const lists = Array.from({ length: parts }, () => ({
    start: new Int32Array(mentees + 1),
    mentor: [] as number[],
    weight: [] as number[],
  }));
  for (let e = 0; e < mentees; e++) {
    for (let k = all.start[e] as number; k < (all.start[e + 1] as number); k++) {
      // Most pairs arrive late, as in pricing (the first graph is thin).
      const target = lists[random() < 0.3 ? 0 : 1 + Math.floor(random() * (parts - 1))] as (typeof lists)[number];
      target.mentor.push(all.mentor[k] as number);
      target.weight.push(all.weight[k] as number);
    }
    for (const l of lists) l.start[e + 1] = l.mentor.length;
  }
  return lists.map((l) => ({ start: l.start, mentor: Int32Array.from(l.mentor), weight: Int32Array.from(l.weight) }));
}

function expectSame(actual: SparseAssignment, expected: SparseAssignment): void {
  expect(Array.from(actual.colForRow)).toEqual(Array.from(expected.colForRow));
  expect(Array.from(actual.rowPotential)).toEqual(Array.from(expected.rowPotential));
  expect(Array.from(actual.colPotential)).toEqual(Array.from(expected.colPotential));
  expect(Array.from(actual.unmatchedPotential)).toEqual(Array.from(expected.unmatchedPotential));
}

describe('the sparse solver gives exactly the reference solver results (same tie-breaking, same duals)', () => {
  test('cold, then warm-started after each batch of added pairs; many ties, capacity 1 or 2, unequal sides', () => {
    const random = makeRandom(505);
    let warmSolves = 0;
    for (let round = 0; round < 30; round++) {
      const mentees = 20 + Math.floor(random() * 140);
      const mentors = 20 + Math.floor(random() * 140);
      const capacity = Int32Array.from({ length: mentors }, () => (random() < (round % 2 === 0 ? 0 : 0.4) ? 2 : 1));
      const all = randomPairs(random, mentees, mentors, [0.3, 0.7, 0.95][round % 3] as number, 3 + (round % 7));
      const layout = slotLayout(capacity);
      let pairs: WeightedPairs | null = null;
      let ours: SparseAssignment | undefined;
      let theirs: SparseAssignment | undefined;
      for (const batch of batches(random, all, 2 + (round % 4))) {
        pairs = pairs ? mergePairs(pairs, batch) : batch;
        const graph: SparseGraph = toSlotGraph({ mentees, capacity, pairs }, layout);
        const cost = unmatchedCost(mentees, graph.cols);
        const next = solveSparseAssignment(graph, cost, ours);
        const expected = referenceSolve(graph, cost, theirs);
        expectSame(next, expected);
        if (ours) warmSolves++;
        ours = next;
        theirs = expected;
      }
    }
    expect(warmSolves).toBeGreaterThan(40);
  });
});
