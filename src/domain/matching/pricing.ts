import type { WeightedPairs } from './assignment.js';
import { type Cohort, pairWeight } from './cohort.js';
import type { RowScorer } from './rowScorer.js';
import { WEIGHT_SCALE } from './score.js';

/**
 * What earlier work tells about pairs outside the graph, so that most mentees are priced without scoring
 * their row again:
 * - before a mentee's row is scanned: its reserve (checked pair by pair) and its pruned bound (no other
 *   pair outside the graph weighs more), plus the highest mentor potential (potentials are <= 0);
 * - after a scan: the best weight + mentor potential among the pairs still outside the graph, at the
 *   potentials of that round; potentials move between rounds, so the bound grows by the largest rise
 *   of any mentor's potential since then.
 */
export interface PricingMemo {
  reserve: WeightedPairs;
  prunedBound: Int32Array;
  /** Per mentee: the round of its last scan, -1 = never scanned. */
  scannedIn: Int32Array;
  /** Per mentee: max(weight + mentor potential) over pairs left outside the graph at its last scan. */
  bestOutside: Float64Array;
  /** Mentor potentials of each round. */
  potentials: Float64Array[];
}

export function pricingMemo(reserve: WeightedPairs, prunedBound: Int32Array): PricingMemo {
  const mentees = prunedBound.length;
  return {
    reserve,
    prunedBound,
    scannedIn: new Int32Array(mentees).fill(-1),
    bestOutside: new Float64Array(mentees),
    potentials: [],
  };
}

/** Mentors per earlier round whose pairs are checked one by one instead of widening every bound. */
const EXCEPTIONS = 64;

export interface PricingResult {
  pairs: WeightedPairs;
  count: number;
  /** Mentees whose whole row was scored again (the others were settled by the memo's bounds). */
  scannedRows: number;
}

/**
 * Linear-programming pricing: with the sparse solver's duals, a feasible pair left out of the candidate
 * graph could improve the assignment only if its reduced cost is negative,
 *   (WEIGHT_SCALE - weight) - menteePotential[e] - mentorPotential[m] < 0.
 * When no pair over the whole cohort has one, the sparse solution is optimal for the full problem.
 * Returns up to `perMentee` of the most negative pairs for each mentee in `mentees` (null = all).
 * Without a memo every row is scored; with one, only rows whose bound cannot rule out such a pair.
 */
export function findImprovingPairs(
  c: Cohort,
  scorer: RowScorer,
  mentees: Int32Array | null,
  menteePotential: Float64Array,
  mentorPotential: Float64Array,
  perMentee: number,
  graph?: WeightedPairs,
  memo?: PricingMemo,
): PricingResult {
  const nE = c.mentees.length;
  const nM = c.mentors.length;
  const order = scorer.order;
  const potentialByPosition = Float64Array.from(order, (m) => mentorPotential[m] as number);
  let highestPotential = -Infinity;
  for (const p of mentorPotential) if (p > highestPotential) highestPotential = p;
  // Since each earlier round: the few mentors whose potential rose most (checked pair by pair) and the
  // largest rise among the others (added to the bound).
  const round = memo ? memo.potentials.length : 0;
  const exceptions = Math.max(1, Math.min(EXCEPTIONS, nM >> 5));
  const sinceRound = (memo?.potentials ?? []).map((old) => {
    const rises = Float64Array.from(mentorPotential, (p, m) => p - (old[m] as number));
    const sorted = Float64Array.from(rises).sort();
    const rest = exceptions < nM ? (sorted[nM - 1 - exceptions] as number) : -Infinity;
    const mentors: number[] = [];
    for (let m = 0; m < nM && mentors.length < exceptions; m++) if ((rises[m] as number) > rest) mentors.push(m);
    return { rest, mentors };
  });
  memo?.potentials.push(Float64Array.from(mentorPotential));
  const r = Math.max(1, perMentee);
  // The best r + 1 values (weight + mentor potential) of the current mentee outside the graph, descending.
  const cap = r + 1;
  const bestValue = new Float64Array(cap);
  const bestMentor = new Int32Array(cap);
  const bestWeight = new Int32Array(cap);
  let size = 0;
  const offer = (value: number, m: number, w: number): void => {
    if (size === cap && value <= (bestValue[cap - 1] as number)) return;
    let at = size < cap ? size++ : cap - 1;
    while (at > 0 && (bestValue[at - 1] as number) < value) {
      bestValue[at] = bestValue[at - 1] as number;
      bestMentor[at] = bestMentor[at - 1] as number;
      bestWeight[at] = bestWeight[at - 1] as number;
      at--;
    }
    bestValue[at] = value;
    bestMentor[at] = m;
    bestWeight[at] = w;
  };
  const inGraph = new Int32Array(nM).fill(-1);
  const kept: Int32Array[] = [];
  let count = 0;
  let scannedRows = 0;
  const visit = (e: number): void => {
    // A pair improves when weight + mentorPotential > WEIGHT_SCALE - menteePotential.
    const threshold = WEIGHT_SCALE - (menteePotential[e] as number);
    size = 0;
    if (memo) {
      const last = memo.scannedIn[e] as number;
      if (last >= 0) {
        const since = sinceRound[last] as { rest: number; mentors: number[] };
        let settled = (memo.bestOutside[e] as number) + since.rest <= threshold;
        for (let q = 0; settled && q < since.mentors.length; q++) {
          const m = since.mentors[q] as number;
          const v = mentorPotential[m] as number;
          if (WEIGHT_SCALE + v > threshold && pairWeight(c, m, e) + v > threshold) settled = false;
        }
        if (settled) return;
      } else {
        const bound = memo.prunedBound[e] as number;
        if (bound < 0 || bound + highestPotential <= threshold) {
          const { start, mentor, weight } = memo.reserve;
          for (let q = start[e] as number; q < (start[e + 1] as number); q++) {
            const m = mentor[q] as number;
            const w = weight[q] as number;
            const value = w + (mentorPotential[m] as number);
            if (value > threshold) offer(value, m, w);
          }
          keep(e, threshold, false);
          return;
        }
      }
    }
    scannedRows++;
    if (graph)
      for (let q = graph.start[e] as number; q < (graph.start[e + 1] as number); q++) inGraph[graph.mentor[q] as number] = e;
    const { weights: row, length } = scorer.row(e);
    const floor = memo ? -Infinity : threshold;
    for (let t = 0; t < length; t++) {
      const w = row[t] as number;
      if (w < 0) continue;
      const value = w + (potentialByPosition[t] as number);
      if (value <= floor || (size === cap && value <= (bestValue[cap - 1] as number))) continue;
      const m = order[t] as number;
      if (inGraph[m] === e) continue;
      offer(value, m, w);
    }
    keep(e, threshold, true);
  };
  /** Keeps the improving pairs among the best r; records what is left outside for the next rounds. */
  const keep = (e: number, threshold: number, scanned: boolean): void => {
    let q = 0;
    while (q < Math.min(size, r) && (bestValue[q] as number) > threshold) q++;
    if (memo && scanned) {
      memo.scannedIn[e] = round;
      memo.bestOutside[e] = q < size ? (bestValue[q] as number) : -Infinity;
    }
    if (q === 0) return;
    const list = new Int32Array(2 * q);
    for (let p = 0; p < q; p++) {
      list[2 * p] = bestMentor[p] as number;
      list[2 * p + 1] = bestWeight[p] as number;
    }
    kept[e] = list;
    count += q;
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
  return { pairs: { start, mentor, weight }, count, scannedRows };
}
