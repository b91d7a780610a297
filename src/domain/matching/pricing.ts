import type { WeightedPairs } from './assignment.js';
import { type Cohort, pairWeight } from './cohort.js';
import { type RowCache, type RowScorer, runEnd, runWeight } from './rowScorer.js';
import { WEIGHT_SCALE } from './score.js';

/**
 * What earlier work tells about pairs outside the graph, so that most mentees are priced without scoring
 * their row again:
 * - before a mentee's row is scanned: its reserve (checked pair by pair) and its pruned bound (no other
 *   pair outside the graph weighs more), plus the highest mentor potential (potentials are <= 0);
 * - after a scan: the best few pairs it read and left outside the graph (checked pair by pair at the current
 *   potentials); a bound on the others it read, weight + mentor potential at that round's potentials
 *   (potentials move between rounds, so this bound grows by the largest rise of any mentor's potential
 *   since then); and the weight where the scan stopped reading: no pair below it beats that weight + the
 *   highest mentor potential of the current round.
 */
export interface PricingMemo {
  reserve: WeightedPairs;
  prunedBound: Int32Array;
  /** Per mentee: the round of its last scan, -1 = never scanned. Threads may share it (one writer per row). */
  scannedIn: Int32Array;
  /** Per mentee, up to `outsideWidth` of them: the best pairs its last scan read and left outside the graph. */
  outsideMentor: Int32Array;
  outsideWeight: Int32Array;
  outsideCount: Int32Array;
  outsideWidth: number;
  /**
   * Per mentee: max(weight + mentor potential) over the other pairs its last scan read and left outside the
   * graph, at the potentials of that round.
   */
  bestOutside: Float64Array;
  /** Per mentee: the highest weight its last scan did not read (-Infinity: it read the whole row). */
  unreadWeight: Float64Array;
  /** Mentor potentials of each round. */
  potentials: Float64Array[];
}

/** `outsideWidth`: best pairs left outside kept per mentee (perMentee + 1 keeps all a round's scan finds). */
export function pricingMemo(
  reserve: WeightedPairs,
  prunedBound: Int32Array,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
  outsideWidth = 0,
): PricingMemo {
  const mentees = prunedBound.length;
  const scannedIn = new Int32Array(allocate(mentees * 4));
  scannedIn.fill(-1);
  return {
    reserve,
    prunedBound,
    scannedIn,
    outsideMentor: new Int32Array(allocate(mentees * outsideWidth * 4)),
    outsideWeight: new Int32Array(allocate(mentees * outsideWidth * 4)),
    outsideCount: new Int32Array(allocate(mentees * 4)),
    outsideWidth,
    bestOutside: new Float64Array(allocate(mentees * 8)),
    unreadWeight: new Float64Array(allocate(mentees * 8)),
    potentials: [],
  };
}

/**
 * A copy of the memo's rows, to put rows from..to-1 back (a thread that failed may have updated rows it did
 * not finish).
 */
export function memoRowsRestorer(memo: PricingMemo): (from: number, to: number) => void {
  const width = memo.outsideWidth;
  const perRow: [Int32Array | Float64Array, number][] = [
    [memo.scannedIn, 1],
    [memo.bestOutside, 1],
    [memo.unreadWeight, 1],
    [memo.outsideCount, 1],
    [memo.outsideMentor, width],
    [memo.outsideWeight, width],
  ];
  const copies = perRow.map(([array]) => array.slice());
  return (from, to) =>
    perRow.forEach(([array, span], i) => array.set((copies[i] as typeof array).subarray(from * span, to * span), from * span));
}

/** Mentors per earlier round whose pairs are checked one by one instead of widening every bound. */
const EXCEPTIONS = 64;

export interface PricingResult {
  pairs: WeightedPairs;
  count: number;
  /** Mentees whose whole row was scored again (the others were settled by the memo's bounds). */
  scannedRows: number;
}

/** Everything a thread needs to price rows in one round (plain data: it can be sent to a worker). */
export interface PricingRound {
  round: number;
  perMentee: number;
  menteePotential: Float64Array;
  mentorPotential: Float64Array;
  highestPotential: number;
  /**
   * Since each earlier round: the largest rise of a mentor potential but for a few exceptions (sinceMentors),
   * checked one by one. In a typed array: objects holding a rise, an integer or -Infinity, changed shape between
   * rounds, and V8 then compiled the pricing code again.
   */
  sinceRest: Float64Array;
  sinceMentors: number[][];
  graph?: WeightedPairs;
}

/** Improving pairs found in some rows: (mentee, mentor, weight) triples, each mentee's together, best first. */
export interface PricedRows {
  triples: number[];
  scannedRows: number;
}

/**
 * Linear-programming pricing: with the sparse solver's duals, a feasible pair left out of the candidate
 * graph could improve the assignment only if its reduced cost is negative,
 *   (WEIGHT_SCALE - weight) - menteePotential[e] - mentorPotential[m] < 0.
 * When no pair over the whole cohort has one, the sparse solution is optimal for the full problem.
 * Returns up to `perMentee` of the most negative pairs for each mentee in `mentees` (null = all).
 * Without a memo every row is scored; with one, only rows whose bound cannot rule out such a pair.
 * `priceAll` prices all rows of a round, possibly on several threads (the default: this one).
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
  priceAll: RowPricer = priceOnThisThread,
): PricingResult {
  const round = pricingRound(c, menteePotential, mentorPotential, perMentee, graph, memo);
  const parts = mentees ? [priceRows(c, scorer, round, memo, mentees, 0, mentees.length)] : priceAll(c, scorer, round, memo);
  return assemblePricing(c.mentees.length, parts);
}

export type RowPricer = (c: Cohort, scorer: RowScorer, round: PricingRound, memo?: PricingMemo) => PricedRows[];

export const priceOnThisThread: RowPricer = (c, scorer, round, memo) => [
  priceRows(c, scorer, round, memo, null, 0, c.mentees.length),
];

/** Prepares a round (and records its potentials in the memo). */
export function pricingRound(
  c: Cohort,
  menteePotential: Float64Array,
  mentorPotential: Float64Array,
  perMentee: number,
  graph?: WeightedPairs,
  memo?: PricingMemo,
): PricingRound {
  const nM = c.mentors.length;
  let highestPotential = -Infinity;
  for (let m = 0; m < mentorPotential.length; m++) {
    if ((mentorPotential[m] as number) > highestPotential) highestPotential = mentorPotential[m] as number;
  }
  // Since each earlier round: the few mentors whose potential rose most (checked pair by pair) and the
  // largest rise among the others (added to the bound).
  const round = memo ? memo.potentials.length : 0;
  const exceptions = Math.max(1, Math.min(EXCEPTIONS, nM >> 5));
  const rises = new Float64Array(nM);
  const earlier = memo?.potentials ?? [];
  const sinceRest = new Float64Array(earlier.length);
  const sinceMentors: number[][] = [];
  for (let r = 0; r < earlier.length; r++) {
    const mentors: number[] = [];
    sinceRest[r] = risesSince(earlier[r] as Float64Array, mentorPotential, rises, exceptions, mentors);
    sinceMentors.push(mentors);
  }
  memo?.potentials.push(mentorPotential.slice());
  return { round, perMentee, menteePotential, mentorPotential, highestPotential, sinceRest, sinceMentors, graph };
}

/**
 * Since the round of `old`: the largest rise of a mentor potential but for the `exceptions` mentors whose
 * potential rose most (added to `mentors`); `rises` is scratch. Its own function: a loop that V8 compiles while
 * it runs (on-stack replacement) is compiled without what the code after it has not run yet, and that code then
 * sends it back to the interpreter.
 */
function risesSince(old: Float64Array, now: Float64Array, rises: Float64Array, exceptions: number, mentors: number[]): number {
  const nM = now.length;
  for (let m = 0; m < nM; m++) rises[m] = (now[m] as number) - (old[m] as number);
  const rest = exceptions < nM ? largest(rises, exceptions + 1) : -Infinity;
  for (let m = 0; m < nM && mentors.length < exceptions; m++) if ((rises[m] as number) > rest) mentors.push(m);
  return rest;
}

/** The count-th largest value (count <= values.length), in one pass: few values enter the top list. */
export function largest(values: Float64Array, count: number): number {
  const top = new Float64Array(count).fill(-Infinity); // descending
  let filled = 0;
  // The answer is kept in a local, so that nothing after the loop needs V8's type feedback (see risesSince).
  let answer = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (filled === count && x <= answer) continue;
    let at = filled < count ? filled++ : count - 1;
    while (at > 0 && (top[at - 1] as number) < x) {
      top[at] = top[at - 1] as number;
      at--;
    }
    top[at] = x;
    if (filled === count) answer = top[count - 1] as number;
  }
  return answer;
}

/** Prices rows[from..to-1] (or mentees from..to-1 when rows is null). */
export function priceRows(
  c: Cohort,
  scorer: RowScorer,
  p: PricingRound,
  memo: PricingMemo | undefined,
  rows: Int32Array | null,
  from: number,
  to: number,
): PricedRows {
  const order = scorer.order;
  const potentialByPosition = new Float64Array(order.length);
  for (let t = 0; t < order.length; t++) potentialByPosition[t] = p.mentorPotential[order[t] as number] as number;
  const r = Math.max(1, p.perMentee);
  const s: RowPricing = {
    c,
    scorer,
    p,
    memo,
    r,
    // The best r + 1 values (weight + mentor potential) of the current mentee outside the graph, descending.
    best: new BestValues(r + 1),
    potentialByPosition,
    inGraph: new Int32Array(c.mentors.length).fill(-1),
    triples: [],
  };
  let scannedRows = 0;
  for (let i = from; i < to; i++) scannedRows += priceRow(s, rows ? (rows[i] as number) : i);
  return { triples: s.triples, scannedRows };
}

/**
 * One priceRows call's state. Plain functions over it rather than closures made per call: every pricing round
 * made new closures, and V8 compiled the row's code again for each (a fresh process spent 50 to 70 ms of
 * compiler time on them at 2,000 x 2,000).
 */
interface RowPricing {
  c: Cohort;
  scorer: RowScorer;
  p: PricingRound;
  memo: PricingMemo | undefined;
  r: number;
  best: BestValues;
  potentialByPosition: Float64Array;
  inGraph: Int32Array;
  triples: number[];
}

/** -Infinity, read from a constant: a `-Infinity` first reached in optimised code sent it back to the interpreter. */
const NO_VALUE = -Infinity;

/** Keeps the improving pairs among the best r; records what is left outside for the next rounds. */
function keepBest(s: RowPricing, e: number, threshold: number, scanned: boolean, unread: number): void {
  const { best, memo, r } = s;
  const { values: bestValue, mentors: bestMentor, weights: bestWeight } = best;
  let q = 0;
  const size = best.size;
  while (q < Math.min(size, r) && (bestValue[q] as number) > threshold) q++;
  if (memo && scanned) {
    memo.scannedIn[e] = s.p.round;
    const width = memo.outsideWidth;
    const n = Math.min(size - q, width);
    for (let k = 0; k < n; k++) {
      memo.outsideMentor[e * width + k] = bestMentor[q + k] as number;
      memo.outsideWeight[e * width + k] = bestWeight[q + k] as number;
    }
    memo.outsideCount[e] = n;
    // Pairs the best values dropped are at most the last one.
    const rest = q + n < size ? q + n : size === best.cap ? size - 1 : -1;
    memo.bestOutside[e] = rest >= 0 ? (bestValue[rest] as number) : NO_VALUE;
    memo.unreadWeight[e] = unread;
  }
  const triples = s.triples;
  for (let k = 0; k < q; k++) triples.push(e, bestMentor[k] as number, bestWeight[k] as number);
}

/** Prices mentee e's row; returns 1 when it read the row again (0 when the memo settled it). */
function priceRow(s: RowPricing, e: number): number {
  const { c, memo, best, p } = s;
  const { menteePotential, mentorPotential, highestPotential } = p;
  // A pair improves when weight + mentorPotential > WEIGHT_SCALE - menteePotential.
  const threshold = WEIGHT_SCALE - (menteePotential[e] as number);
  best.size = 0;
  if (memo) {
    const last = memo.scannedIn[e] as number;
    if (last >= 0) {
      const exceptions = p.sinceMentors[last] as number[];
      let settled =
        (memo.bestOutside[e] as number) + (p.sinceRest[last] as number) <= threshold &&
        (memo.unreadWeight[e] as number) + highestPotential <= threshold;
      const at = e * memo.outsideWidth;
      for (let q = 0; settled && q < (memo.outsideCount[e] as number); q++) {
        const m = memo.outsideMentor[at + q] as number;
        if ((memo.outsideWeight[at + q] as number) + (mentorPotential[m] as number) > threshold) settled = false;
      }
      for (let q = 0; settled && q < exceptions.length; q++) {
        const m = exceptions[q] as number;
        const v = mentorPotential[m] as number;
        if (WEIGHT_SCALE + v > threshold && pairWeight(c, m, e) + v > threshold) settled = false;
      }
      if (settled) return 0;
    } else {
      const bound = memo.prunedBound[e] as number;
      if (bound < 0 || bound + highestPotential <= threshold) {
        const { start, mentor, weight } = memo.reserve;
        for (let q = start[e] as number; q < (start[e + 1] as number); q++) {
          const m = mentor[q] as number;
          const w = weight[q] as number;
          const value = w + (mentorPotential[m] as number);
          if (value > threshold) best.offer(value, m, w);
        }
        keepBest(s, e, threshold, false, NO_VALUE);
        return 0;
      }
    }
  }
  const { graph } = p;
  const { inGraph, potentialByPosition, scorer } = s;
  const order = scorer.order;
  const cache = scorer.cache;
  if (graph)
    for (let q = graph.start[e] as number; q < (graph.start[e + 1] as number); q++) inGraph[graph.mentor[q] as number] = e;
  const kinds = cache ? (cache.runCount[e] as number) : -1;
  if (kinds >= 0) {
    const unread = scanSortedRow(
      scorer,
      cache as RowCache,
      e,
      threshold,
      kinds,
      highestPotential,
      potentialByPosition,
      order,
      inGraph,
      best,
    );
    keepBest(s, e, threshold, true, unread);
    return 1;
  }
  const { weights: row, length } = scorer.row(e);
  const floor = memo ? -Infinity : threshold;
  const bestValue = best.values;
  for (let t = 0; t < length; t++) {
    const w = row[t] as number;
    if (w < 0) continue;
    const value = w + (potentialByPosition[t] as number);
    if (value <= floor || (best.size === best.cap && value <= (bestValue[best.cap - 1] as number))) continue;
    const m = order[t] as number;
    if (inGraph[m] === e) continue;
    best.offer(value, m, w);
  }
  keepBest(s, e, threshold, true, NO_VALUE);
  return 1;
}

/**
 * The best values (weight + mentor potential) of one mentee's pairs outside the graph, descending, at most
 * cap of them. A class and plain functions rather than closures made per priceRows call: with worker threads
 * priceRows runs once per chunk of rows, and the closures then ran about 30 % slower (one thread, 32 chunks,
 * 10,000 x 10,000: 0.84 to 0.87 s for all rounds, 0.58 to 0.59 s with these).
 */
class BestValues {
  size = 0;
  readonly values: Float64Array;
  readonly mentors: Int32Array;
  readonly weights: Int32Array;
  /** For offerAt: the order a scan by position gives (value, then the lower position), whatever the order of the offers. */
  readonly positions: Int32Array;

  constructor(readonly cap: number) {
    this.values = new Float64Array(cap);
    this.mentors = new Int32Array(cap);
    this.weights = new Int32Array(cap);
    this.positions = new Int32Array(cap);
  }

  offer(value: number, m: number, w: number): void {
    const { cap, values, mentors, weights } = this;
    if (this.size === cap && value <= (values[cap - 1] as number)) return;
    let at = this.size < cap ? this.size++ : cap - 1;
    while (at > 0 && (values[at - 1] as number) < value) {
      values[at] = values[at - 1] as number;
      mentors[at] = mentors[at - 1] as number;
      weights[at] = weights[at - 1] as number;
      at--;
    }
    values[at] = value;
    mentors[at] = m;
    weights[at] = w;
  }

  offerAt(value: number, t: number, m: number, w: number): void {
    const { cap, values, positions, mentors, weights } = this;
    if (this.size === cap) {
      const last = values[cap - 1] as number;
      if (value < last || (value === last && t > (positions[cap - 1] as number))) return;
    }
    let at = this.size < cap ? this.size++ : cap - 1;
    for (; at > 0; at--) {
      const before = values[at - 1] as number;
      if (before > value || (before === value && (positions[at - 1] as number) < t)) break;
      values[at] = before;
      positions[at] = positions[at - 1] as number;
      mentors[at] = mentors[at - 1] as number;
      weights[at] = weights[at - 1] as number;
    }
    values[at] = value;
    positions[at] = t;
    mentors[at] = m;
    weights[at] = w;
  }
}

/**
 * Scans a cached row by weight, highest first, down to the weight that can neither improve the result nor
 * enter the best r + 1; returns the weight of the first run left unread (-Infinity when it read the whole row).
 * A run that ends beyond the positions the cache keeps is read from the scorer's whole row.
 */
function scanSortedRow(
  scorer: RowScorer,
  cache: RowCache,
  e: number,
  threshold: number,
  kinds: number,
  highestPotential: number,
  potentialByPosition: Float64Array,
  order: Int32Array,
  inGraph: Int32Array,
  best: BestValues,
): number {
  const { runs, depth } = cache;
  const { cap, values } = best;
  let positions = cache.positions;
  let base = e * depth;
  let kept = depth;
  const runBase = cache.runStart[e] as number;
  let from = 0;
  for (let d = 0; d < kinds; d++) {
    const packed = runs[runBase + d] as number;
    const w = runWeight(packed);
    const end = runEnd(packed, w);
    const bound = w + highestPotential;
    if (bound <= threshold || (best.size === cap && bound < (values[cap - 1] as number))) return w;
    if (end > kept) {
      positions = wholeRow(scorer, e);
      base = 0;
      kept = positions.length;
    }
    // The value a pair must reach to enter the best values (once they are full), kept in a local.
    let floor = best.size === cap ? (values[cap - 1] as number) : -Infinity;
    for (let q = from; q < end; q++) {
      const t = positions[base + q] as number;
      const value = w + (potentialByPosition[t] as number);
      if (value < floor) continue;
      const m = order[t] as number;
      if (inGraph[m] === e) continue;
      best.offerAt(value, t, m, w);
      if (best.size === cap) floor = values[cap - 1] as number;
    }
    from = end;
  }
  return -Infinity;
}

/** The scorer's whole sorted row of mentee e (a caching scorer's: scanSortedRow is only called with one). */
function wholeRow(scorer: RowScorer, e: number): Uint16Array {
  if (!scorer.sortedRow) throw new Error('pricing: a cached row read without its scorer');
  return scorer.sortedRow(e);
}

/** The improving pairs of all parts as CSR by mentee (each mentee's pairs come from one part, in its order). */
export function assemblePricing(nE: number, parts: PricedRows[]): PricingResult {
  // The loops are in functions of their own: V8 compiles a long loop while it runs, without feedback for the
  // code after it, and that code then sent it back to the interpreter (every round).
  const start = new Int32Array(nE + 1);
  let count = 0;
  let scannedRows = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as PricedRows;
    scannedRows += part.scannedRows;
    countTriples(part.triples, start);
    count += part.triples.length / 3;
  }
  prefixSums(start);
  const fill = start.slice(0, nE);
  const mentor = new Int32Array(count);
  const weight = new Int32Array(count);
  for (let p = 0; p < parts.length; p++) placeTriples((parts[p] as PricedRows).triples, fill, mentor, weight);
  return { pairs: { start, mentor, weight }, count, scannedRows };
}

/** Adds each triple's mentee to start[e + 1]. */
function countTriples(triples: number[], start: Int32Array): void {
  for (let q = 0; q < triples.length; q += 3) {
    const e = triples[q] as number;
    start[e + 1] = (start[e + 1] as number) + 1;
  }
}

function prefixSums(start: Int32Array): void {
  for (let e = 1; e < start.length; e++) start[e] = (start[e] as number) + (start[e - 1] as number);
}

function placeTriples(triples: number[], fill: Int32Array, mentor: Int32Array, weight: Int32Array): void {
  for (let q = 0; q < triples.length; q += 3) {
    const e = triples[q] as number;
    const at = fill[e] as number;
    mentor[at] = triples[q + 1] as number;
    weight[at] = triples[q + 2] as number;
    fill[e] = at + 1;
  }
}
