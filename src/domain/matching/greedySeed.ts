import type { WeightedPairs } from './assignment.js';
import { orderByKey } from './orderByKey.js';
import { runEnd, runWeight, type RowScorer } from './rowScorer.js';

/**
 * Pairs that give the first candidate graph (nearly) as many pairs as the whole cohort allows: mentees with
 * the fewest feasible mentors first, each takes its best mentor with a slot left, read from the rows kept
 * sorted by weight. Seniority makes the feasible sets almost nested prefixes, where this greedy order is
 * optimal for the count. Without such pairs the top-k graph leaves many mentees unmatched, and the "unmatched"
 * price then distorts the duals: pricing adds many pairs and the warm-started re-solves search far.
 * Returns the pairs not already in `graph` (CSR by mentee).
 */
export function greedySeedPairs(
  scorer: RowScorer,
  capacity: Int32Array,
  menteeFeasible: Int32Array,
  graph: WeightedPairs,
): WeightedPairs {
  const nE = menteeFeasible.length;
  const left = Int32Array.from(capacity);
  const byFewest = orderByKey(menteeFeasible);
  const seedMentor = new Int32Array(nE).fill(-1);
  const seedWeight = new Int32Array(nE);
  const { order, cache } = scorer;
  if (!cache || !scorer.sortedRow) throw new RangeError('greedySeedPairs reads the rows of a caching scorer');
  const { runs, runStart, runCount, depth } = cache;
  for (let q = 0; q < nE; q++) {
    const e = byFewest[q] as number;
    const kinds = runCount[e] as number;
    let positions = cache.positions;
    let base = e * depth;
    let kept = depth;
    let from = 0;
    for (let d = 0; d < kinds && seedMentor[e] === -1; d++) {
      const packed = runs[(runStart[e] as number) + d] as number;
      const w = runWeight(packed);
      const end = runEnd(packed, w);
      // Past the positions the cache keeps: the whole row, sorted again.
      if (end > kept) {
        positions = scorer.sortedRow(e);
        base = 0;
        kept = positions.length;
      }
      for (let q = from; q < end; q++) {
        const m = order[positions[base + q] as number] as number;
        if ((left[m] as number) > 0) {
          left[m] = (left[m] as number) - 1;
          seedMentor[e] = m;
          seedWeight[e] = w;
          break;
        }
      }
      from = end;
    }
  }
  const start = new Int32Array(nE + 1);
  const mentor: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < nE; e++) {
    const m = seedMentor[e] as number;
    let inGraph = m < 0;
    for (let q = graph.start[e] as number; !inGraph && q < (graph.start[e + 1] as number); q++) inGraph = graph.mentor[q] === m;
    if (!inGraph) {
      mentor.push(m);
      weight.push(seedWeight[e] as number);
    }
    start[e + 1] = mentor.length;
  }
  return { start, mentor: Int32Array.from(mentor), weight: Int32Array.from(weight) };
}
