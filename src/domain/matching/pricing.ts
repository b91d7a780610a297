import type { WeightedPairs } from './assignment.js';
import type { Cohort } from './cohort.js';
import type { RowScorer } from './rowScorer.js';
import { WEIGHT_SCALE } from './score.js';

/**
 * Linear-programming pricing: with the sparse solver's duals, a feasible pair left out of the candidate
 * graph could improve the assignment only if its reduced cost is negative,
 *   (WEIGHT_SCALE - weight) - menteePotential[e] - mentorPotential[m] < 0.
 * When no pair over the whole cohort has one, the sparse solution is optimal for the full problem.
 * Returns up to `perMentee` of the most negative pairs for each mentee in `mentees` (null = all).
 */
export function findImprovingPairs(
  c: Cohort,
  scorer: RowScorer,
  mentees: Int32Array | null,
  menteePotential: Float64Array,
  mentorPotential: Float64Array,
  perMentee: number,
): { pairs: WeightedPairs; count: number } {
  const nE = c.mentees.length;
  const order = scorer.order;
  const potentialByPosition = Float64Array.from(order, (m) => mentorPotential[m] as number);
  const r = Math.max(1, perMentee);
  // The best r improving pairs of the current mentee, sorted by gain descending.
  const bestGain = new Float64Array(r);
  const bestAt = new Int32Array(r);
  const kept: Int32Array[] = [];
  let count = 0;
  const visit = (e: number): void => {
    const { weights: row, length } = scorer.row(e);
    // A pair improves when weight + mentorPotential > WEIGHT_SCALE - menteePotential.
    const threshold = WEIGHT_SCALE - (menteePotential[e] as number);
    let size = 0;
    for (let t = 0; t < length; t++) {
      const w = row[t] as number;
      if (w < 0) continue;
      const gain = w + (potentialByPosition[t] as number) - threshold;
      if (gain <= 0 || (size === r && gain <= (bestGain[r - 1] as number))) continue;
      let at = size < r ? size++ : r - 1;
      while (at > 0 && (bestGain[at - 1] as number) < gain) {
        bestGain[at] = bestGain[at - 1] as number;
        bestAt[at] = bestAt[at - 1] as number;
        at--;
      }
      bestGain[at] = gain;
      bestAt[at] = t;
    }
    if (size === 0) return;
    const list = new Int32Array(2 * size);
    for (let q = 0; q < size; q++) {
      const t = bestAt[q] as number;
      list[2 * q] = order[t] as number;
      list[2 * q + 1] = row[t] as number;
    }
    kept[e] = list;
    count += size;
  };
  if (mentees) for (const e of mentees) visit(e);
  else for (let e = 0; e < nE; e++) visit(e);

  const start = new Int32Array(nE + 1);
  const mentor = new Int32Array(count);
  const weight = new Int32Array(count);
  let at = 0;
  for (let e = 0; e < nE; e++) {
    start[e] = at;
    const list = kept[e];
    if (!list) continue;
    for (let q = 0; q < list.length; q += 2) {
      mentor[at] = list[q] as number;
      weight[at++] = list[q + 1] as number;
    }
  }
  start[nE] = at;
  return { pairs: { start, mentor, weight }, count };
}
