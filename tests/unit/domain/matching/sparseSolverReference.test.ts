import { mergePairs, slotLayout, toSlotGraph, unmatchedCost } from '../../../../src/domain/matching/assignment.js';
import { solveSparseAssignment, type SparseGraph } from '../../../../src/domain/matching/sparseSolver.js';
import type { SparseAssignment } from '../../../../src/domain/matching/sparseGraph.js';
import type { WeightedPairs } from '../../../../src/domain/matching/assignment.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** A solve's assignment and duals, bit for bit. */
function digestOf(a: SparseAssignment): string {
  const h = createHash('sha256');
  for (const part of [a.colForRow, a.rowPotential, a.colPotential, a.unmatchedPotential]) {
    h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return h.digest('hex').slice(0, 16);
}

// Digests of the same series solved by the solver as of 1710c51 (its tie-breaking decides which of several equal
// optima comes out, and so the pairs people get): a faster solver must give exactly these.
const REFERENCE = JSON.parse(readFileSync(new URL('./fixtures/sparseSolves.json', import.meta.url), 'utf8')) as string[];

describe('the sparse solver gives exactly the results of the solver as of 1710c51 (same tie-breaking, same duals)', () => {
  test('cold, then warm-started after each batch of added pairs; many ties, capacity 1 or 2, unequal sides', () => {
    const random = makeRandom(505);
    let warmSolves = 0;
    const digests: string[] = [];
    for (let round = 0; round < 30; round++) {
      const mentees = 20 + Math.floor(random() * 140);
      const mentors = 20 + Math.floor(random() * 140);
      const capacity = Int32Array.from({ length: mentors }, () => (random() < (round % 2 === 0 ? 0 : 0.4) ? 2 : 1));
      const all = randomPairs(random, mentees, mentors, [0.3, 0.7, 0.95][round % 3] as number, 3 + (round % 7));
      const layout = slotLayout(capacity);
      let pairs: WeightedPairs | null = null;
      let ours: SparseAssignment | undefined;
      for (const batch of batches(random, all, 2 + (round % 4))) {
        pairs = pairs ? mergePairs(pairs, batch) : batch;
        const graph: SparseGraph = toSlotGraph({ mentees, capacity, pairs }, layout);
        const cost = unmatchedCost(mentees, graph.cols);
        const next = solveSparseAssignment(graph, cost, ours);
        digests.push(digestOf(next));
        if (ours) warmSolves++;
        ours = next;
      }
    }
    expect(warmSolves).toBeGreaterThan(40);
    expect(digests).toEqual(REFERENCE);
  });
});
