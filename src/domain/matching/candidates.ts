import type { Cohort } from './cohort.js';
import { makeRowScorer, type RowCache, type RowScorer, runEnd, runWeight, sortedRowLength } from './rowScorer.js';
import { WEIGHT_SCALE } from './score.js';

/**
 * Feasible mentor-mentee pairs worth giving to the solver: for each mentee its k best mentors AND for each
 * mentor the k mentees for whom it comes closest to their best option (the union; one side alone crowds
 * onto popular mentors). CSR by mentee, mentors in ascending index order. Pruning by hard constraints happens
 * in the row scorer (seniority as a prefix, forbidden pairs by stamps, topics as bit sets).
 */
export interface CandidatePairs {
  start: Int32Array;
  mentor: Int32Array;
  /** Integer weight 0..WEIGHT_SCALE. */
  weight: Int32Array;
  /** Feasible partners of each person over the whole cohort, not only the kept candidates. */
  menteeFeasible: Int32Array;
  mentorFeasible: Int32Array;
  /**
   * Each mentee's next-best pairs after its top k (up to `reserve` of them), kept out of the graph: pricing
   * checks them without scoring the row again. They may repeat pairs the mentor side put in the graph.
   */
  reserve: { start: Int32Array; mentor: Int32Array; weight: Int32Array };
  /**
   * Per mentee, a weight no pair outside the graph and the reserve exceeds (the lowest weight kept in the
   * mentee's list), or -1 when the graph and the reserve hold every feasible pair of the mentee.
   */
  prunedBound: Int32Array;
}

/**
 * Equal scores are common (scores are built from a few discrete parts). Breaking ties by index would send
 * every mentee's list to the same lowest-index mentors; a fixed hash of the pair spreads them instead,
 * and stays deterministic.
 */
const TIE_SPAN = 2 ** 17;
function tieHash(e: number, m: number): number {
  let h = Math.imul(e ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(m + 0x27d4eb2f, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) % TIE_SPAN;
}

/** Allocates the arrays a scan shares between threads (plain memory on one thread). */
export type Allocate = (bytes: number) => ArrayBufferLike;
const plainMemory: Allocate = (bytes) => new ArrayBuffer(bytes);

/**
 * Fixed-capacity min-heaps side by side in typed arrays; the root is the worst kept candidate. Order: key,
 * then the lower item wins a tie, so the kept set is the top k of a total order whatever the order of the
 * offers (threads can scan rows in any order and merge their heaps to the same result).
 */
export class TopK {
  constructor(
    readonly k: number,
    readonly keys: Float64Array,
    readonly items: Int32Array,
    readonly sizes: Int32Array,
  ) {}

  static create(owners: number, k: number, allocate: Allocate = plainMemory): TopK {
    return new TopK(
      k,
      new Float64Array(allocate(owners * k * 8)),
      new Int32Array(allocate(owners * k * 4)),
      new Int32Array(allocate(owners * 4)),
    );
  }

  /**
   * Adds the pair unless the owner's heap is full and it does not beat the root (the caller may pre-check
   * key >= threshold); returns the new threshold for this owner (-Infinity while not full).
   */
  offer(owner: number, key: number, item: number): number {
    const base = owner * this.k;
    const size = this.sizes[owner] as number;
    const { keys, items } = this;
    if (size < this.k) {
      let at = size;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        const pk = keys[base + parent] as number;
        if (pk < key || (pk === key && (items[base + parent] as number) > item)) break;
        keys[base + at] = pk;
        items[base + at] = items[base + parent] as number;
        at = parent;
      }
      keys[base + at] = key;
      items[base + at] = item;
      this.sizes[owner] = size + 1;
      return size + 1 < this.k ? -Infinity : (keys[base] as number);
    }
    const rootKey = keys[base] as number;
    if (key < rootKey || (key === rootKey && item >= (items[base] as number))) return rootKey;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size) {
        const lk = keys[base + left] as number;
        const rk = keys[base + right] as number;
        if (rk < lk || (rk === lk && (items[base + right] as number) > (items[base + left] as number))) child = right;
      }
      const ck = keys[base + child] as number;
      if (ck > key || (ck === key && (items[base + child] as number) < item)) break;
      keys[base + at] = ck;
      items[base + at] = items[base + child] as number;
      at = child;
    }
    keys[base + at] = key;
    items[base + at] = item;
    return keys[base] as number;
  }
}

/** What a scan writes per mentee row; every row is written by exactly one thread, so threads may share it. */
export interface MenteeLists {
  byMentee: TopK;
  menteeFeasible: Int32Array;
  /** Each row's highest weight: with it a mentor-side key gives back its pair's weight (see mentorSideWeight). */
  menteeBest: Int32Array;
}

/** What a scan collects per mentor (by seniority position); each thread keeps its own, merged afterwards. */
export interface MentorLists {
  byMentor: TopK;
  /** A key must reach this to enter position t's heap. */
  mentorWorst: Float64Array;
  feasibleByPosition: Int32Array;
}

export interface CandidateSizes {
  /** Heap size per mentee: its top k plus the reserve. */
  menteeK: number;
  mentorK: number;
}

export function candidateSizes(c: Cohort, k: number, reserve: number): CandidateSizes {
  const nM = c.mentors.length;
  return {
    menteeK: Math.max(1, Math.min(k + Math.max(0, reserve), nM)),
    mentorK: Math.max(1, Math.min(k, c.mentees.length)),
  };
}

export function newMenteeLists(c: Cohort, sizes: CandidateSizes, allocate: Allocate = plainMemory): MenteeLists {
  const nE = c.mentees.length;
  return {
    byMentee: TopK.create(nE, sizes.menteeK, allocate),
    menteeFeasible: new Int32Array(allocate(nE * 4)),
    menteeBest: new Int32Array(allocate(nE * 4)),
  };
}

export function newMentorLists(c: Cohort, sizes: CandidateSizes): MentorLists {
  const nM = c.mentors.length;
  return {
    byMentor: TopK.create(nM, sizes.mentorK),
    mentorWorst: new Float64Array(nM).fill(-Infinity),
    feasibleByPosition: new Int32Array(nM),
  };
}

/** Scores mentee rows from..to-1 and offers their pairs to both sides' heaps. */
export function scanCandidateRows(scorer: RowScorer, mentees: MenteeLists, mentors: MentorLists, from: number, to: number): void {
  const order = scorer.order;
  const { byMentee, menteeFeasible, menteeBest } = mentees;
  // Mentor-side heaps are indexed by seniority position t (not mentor index) so the hot loop walks memory in order.
  const { byMentor, mentorWorst, feasibleByPosition } = mentors;
  const cache = scorer.cache;
  const bound = cache ? new MentorBound(mentorWorst) : null;
  for (let e = from; e < to; e++) {
    // A row sorted into the cache now is counted by the sort (a row scanned again, after a failed thread, is not).
    const sortsNow = cache !== undefined && cache.runCount[e] === -1;
    const { weights: row, length, best } = scorer.row(e, feasibleByPosition);
    menteeBest[e] = best;
    if (cache && bound && scorer.sortedRow && (cache.runCount[e] as number) >= 0) {
      if ((e - from) % BOUND_EVERY === 0) bound.refresh();
      menteeFeasible[e] = sortsNow ? sortedRowLength(cache, e) : countFeasible(row, length, feasibleByPosition);
      const sorted = scorer.sortedRow(e);
      offerSortedRow(e, row, length, best, order, sorted, cache, byMentee, byMentor, mentorWorst, bound);
      continue;
    }
    let feasible = 0;
    let menteeWorst = -Infinity;
    // Mentor side ranks by regret (how far below the mentee's best option), so that mentees whose scores are
    // low everywhere still get listed by the mentors that suit them best.
    const regretBase = WEIGHT_SCALE - best;
    for (let t = 0; t < length; t++) {
      const w = row[t] as number;
      if (w < 0) continue;
      feasible++;
      feasibleByPosition[t] = (feasibleByPosition[t] as number) + 1;
      const wKey = w * TIE_SPAN;
      const rKey = (w + regretBase) * TIE_SPAN;
      const forMentee = wKey + TIE_SPAN > menteeWorst;
      const forMentor = rKey + TIE_SPAN > (mentorWorst[t] as number);
      if (!forMentee && !forMentor) continue;
      const m = order[t] as number;
      const hash = tieHash(e, m);
      if (forMentee && wKey + hash >= menteeWorst) menteeWorst = byMentee.offer(e, wKey + hash, m);
      if (forMentor && rKey + hash >= (mentorWorst[t] as number)) mentorWorst[t] = byMentor.offer(t, rKey + hash, e);
    }
    menteeFeasible[e] = feasible;
  }
}

/** Rows scanned between two refreshes of the mentor-side bound. */
const BOUND_EVERY = 32;
/** Mentors (positions) with the lowest entry thresholds, checked pair by pair instead of lowering the bound. */
const BOUND_EXCEPTIONS = 64;

/**
 * A key no mentor-side heap would take unless it reaches `floor`, but for a few exceptions (the heaps with
 * the lowest thresholds, still filling ones included), checked one by one. Thresholds only rise, so a floor
 * taken earlier stays valid.
 */
class MentorBound {
  floor = -Infinity;
  exceptions = new Int32Array(BOUND_EXCEPTIONS);
  exceptionCount = 0;
  private lowest = new Float64Array(BOUND_EXCEPTIONS + 1);

  constructor(private readonly mentorWorst: Float64Array) {}

  refresh(): void {
    const worst = this.mentorWorst;
    const n = worst.length;
    if (n <= BOUND_EXCEPTIONS) {
      this.floor = -Infinity;
      this.exceptionCount = 0;
      return;
    }
    // The BOUND_EXCEPTIONS + 1 lowest thresholds, kept sorted ascending (insertion; a rare event after the first rows).
    const lowest = this.lowest;
    const size = BOUND_EXCEPTIONS + 1;
    for (let q = 0; q < size; q++) lowest[q] = worst[q] as number;
    lowest.sort();
    for (let t = size; t < n; t++) {
      const x = worst[t] as number;
      if (x >= (lowest[size - 1] as number)) continue;
      let at = size - 1;
      while (at > 0 && (lowest[at - 1] as number) > x) {
        lowest[at] = lowest[at - 1] as number;
        at--;
      }
      lowest[at] = x;
    }
    const floor = lowest[size - 1] as number;
    let count = 0;
    for (let t = 0; t < n && count < BOUND_EXCEPTIONS; t++) if ((worst[t] as number) < floor) this.exceptions[count++] = t;
    this.floor = floor;
    this.exceptionCount = count;
  }
}

/** Counts the row's feasible pairs, per mentor position too (branch-free: a weight is -1 or >= 0). */
function countFeasible(row: Int32Array | Int16Array, length: number, feasibleByPosition: Int32Array): number {
  let feasible = 0;
  for (let t = 0; t < length; t++) {
    const f = 1 + ((row[t] as number) >> 31);
    feasible += f;
    feasibleByPosition[t] = (feasibleByPosition[t] as number) + f;
  }
  return feasible;
}

/**
 * The same offers as the position-by-position scan, read from the row sorted by weight (highest first; the
 * positions in `sorted`, the runs in the cache):
 * the mentee side stops at the first weight that cannot enter its heap, the mentor side at the first whose
 * regret key cannot reach the bound's floor (its exceptions are then checked one by one). The heaps keep the
 * top k of a total order, so the order of the offers does not matter.
 */
function offerSortedRow(
  e: number,
  row: Int32Array | Int16Array,
  length: number,
  best: number,
  order: Int32Array,
  positions: Uint16Array,
  cache: RowCache,
  byMentee: TopK,
  byMentor: TopK,
  mentorWorst: Float64Array,
  bound: MentorBound,
): void {
  const runs = cache.runs;
  const runBase = cache.runStart[e] as number;
  const runCount = cache.runCount[e] as number;
  let menteeWorst = -Infinity;
  let begin = 0;
  for (let d = 0; d < runCount; d++) {
    const run = runs[runBase + d] as number;
    const w = runWeight(run);
    const end = runEnd(run, w);
    const wKey = w * TIE_SPAN;
    if (wKey + TIE_SPAN <= menteeWorst) break;
    for (let at = begin; at < end; at++) {
      const m = order[positions[at] as number] as number;
      const key = wKey + tieHash(e, m);
      if (key >= menteeWorst) menteeWorst = byMentee.offer(e, key, m);
    }
    begin = end;
  }
  const regretBase = WEIGHT_SCALE - best;
  const floor = bound.floor;
  // Pairs of weight >= visitedDown were offered by the walk below; the exceptions' lighter pairs are not.
  let visitedDown = Infinity;
  begin = 0;
  for (let d = 0; d < runCount; d++) {
    const run = runs[runBase + d] as number;
    const w = runWeight(run);
    const end = runEnd(run, w);
    const rKey = (w + regretBase) * TIE_SPAN;
    if (rKey + TIE_SPAN <= floor) break;
    visitedDown = w;
    for (let at = begin; at < end; at++) {
      const t = positions[at] as number;
      if (rKey + TIE_SPAN <= (mentorWorst[t] as number)) continue;
      const key = rKey + tieHash(e, order[t] as number);
      if (key >= (mentorWorst[t] as number)) mentorWorst[t] = byMentor.offer(t, key, e);
    }
    begin = end;
  }
  offerExceptions(e, row, length, regretBase, visitedDown, order, byMentor, mentorWorst, bound.exceptions, bound.exceptionCount);
}

/**
 * offerSortedRow's exceptions, the mentors below the bound's floor, checked one by one. In a function of its own:
 * V8 compiles offerSortedRow on-stack during the first rows, before any exception exists (the floor is -Infinity
 * until nearly every heap is full), and that code then fell back to the interpreter at this loop on every row
 * (156 times in one traced 2,000 x 2,000 first call of six) until offerSortedRow was compiled again.
 */
function offerExceptions(
  e: number,
  row: Int32Array | Int16Array,
  length: number,
  regretBase: number,
  visitedDown: number,
  order: Int32Array,
  byMentor: TopK,
  mentorWorst: Float64Array,
  exceptions: Int32Array,
  count: number,
): void {
  for (let q = 0; q < count; q++) {
    const t = exceptions[q] as number;
    const w = t < length ? (row[t] as number) : -1;
    if (w < 0 || w >= visitedDown) continue;
    const rKey = (w + regretBase) * TIE_SPAN;
    if (rKey + TIE_SPAN <= (mentorWorst[t] as number)) continue;
    const key = rKey + tieHash(e, order[t] as number);
    if (key >= (mentorWorst[t] as number)) mentorWorst[t] = byMentor.offer(t, key, e);
  }
}

/** Adds another thread's mentor-side lists to `into` (the top k of the union, the same whatever the split). */
export function mergeMentorLists(into: MentorLists, other: MentorLists): void {
  const { byMentor } = into;
  const k = other.byMentor.k;
  for (let t = 0; t < other.feasibleByPosition.length; t++) {
    into.feasibleByPosition[t] = (into.feasibleByPosition[t] as number) + (other.feasibleByPosition[t] as number);
    for (let s = 0; s < (other.byMentor.sizes[t] as number); s++) {
      byMentor.offer(t, other.byMentor.keys[t * k + s] as number, other.byMentor.items[t * k + s] as number);
    }
  }
}

/** Runs the candidate scan over row ranges, possibly on several threads; returns merged mentor-side lists. */
export type CandidateScanner = (c: Cohort, scorer: RowScorer, sizes: CandidateSizes, mentees: MenteeLists) => MentorLists;

export const scanOnThisThread: CandidateScanner = (c, scorer, sizes, mentees) => {
  const mentors = newMentorLists(c, sizes);
  scanCandidateRows(scorer, mentees, mentors, 0, c.mentees.length);
  return mentors;
};

export function buildCandidates(
  c: Cohort,
  k: number,
  scorer: RowScorer = makeRowScorer(c),
  reserve = 0,
  scan: { scanner: CandidateScanner; allocate: Allocate } = { scanner: scanOnThisThread, allocate: plainMemory },
): CandidatePairs {
  const nM = c.mentors.length;
  const nE = c.mentees.length;
  if (nM > ITEM_SPAN) throw new RangeError(`at most ${ITEM_SPAN} mentors`);
  const order = scorer.order;
  const sizes = candidateSizes(c, k, reserve);
  const mentees = newMenteeLists(c, sizes, scan.allocate);
  const { byMentor, feasibleByPosition } = scan.scanner(c, scorer, sizes, mentees);
  const { byMentee, menteeFeasible, menteeBest } = mentees;
  const mentorFeasible = new Int32Array(nM);
  for (let t = 0; t < nM; t++) mentorFeasible[order[t] as number] = feasibleByPosition[t] as number;
  // The reserve and the bounds go to every pricing round's threads: in shared memory they are not copied.
  const split = splitMenteeLists(byMentee, Math.max(1, Math.min(k, nM)), scan.allocate);
  const prunedBound = new Int32Array(scan.allocate(nE * 4));
  for (let e = 0; e < nE; e++) {
    const full = byMentee.sizes[e] === byMentee.k && (menteeFeasible[e] as number) > byMentee.k;
    prunedBound[e] = full ? Math.floor((byMentee.keys[e * byMentee.k] as number) / TIE_SPAN) : -1;
  }
  return {
    ...union(c, split.top, byMentor, order, menteeBest),
    menteeFeasible: Int32Array.from(menteeFeasible),
    mentorFeasible,
    reserve: split.rest,
    prunedBound,
  };
}

/** Each mentee's kept list, best first: the first k go to the graph (as a TopK), the rest to the reserve (CSR). */
function splitMenteeLists(
  byMentee: TopK,
  k: number,
  allocate: Allocate,
): { top: TopK; rest: { start: Int32Array; mentor: Int32Array; weight: Int32Array } } {
  const owners = byMentee.sizes.length;
  const top = TopK.create(owners, k);
  const start = new Int32Array(owners + 1);
  for (let e = 0; e < owners; e++) start[e + 1] = (start[e] as number) + Math.max(0, (byMentee.sizes[e] as number) - k);
  const mentor = new Int32Array(allocate((start[owners] as number) * 4));
  const weight = new Int32Array(allocate(mentor.length * 4));
  sortMenteeLists(byMentee, k, top, start, mentor, weight);
  return { top, rest: { start, mentor, weight } };
}

/**
 * An item (mentor index) below ITEM_SPAN packs with its key into one double that sorts as the lists' order:
 * key x ITEM_SPAN + (ITEM_SPAN - 1 - item), exact while key x ITEM_SPAN < 2^53 (mentee-side keys are below
 * (WEIGHT_SCALE + 1) x TIE_SPAN < 2^31).
 */
const ITEM_SPAN = 2 ** 21;

/**
 * splitMenteeLists' loop, in a function of its own: V8 compiles a long loop while it runs, without feedback for
 * the code after it, and that code then sent it back to the interpreter. Each list is sorted by the built-in
 * typed-array sort of its packed pairs (mostly before V8 optimises this loop: an insertion sort of the 25 pairs
 * in JavaScript took 9 to 12 ms of a 2,000 x 2,000 first call).
 */
function sortMenteeLists(byMentee: TopK, k: number, top: TopK, start: Int32Array, mentor: Int32Array, weight: Int32Array): void {
  const owners = byMentee.sizes.length;
  const { keys, items } = byMentee;
  const packed = new Float64Array(byMentee.k);
  for (let e = 0; e < owners; e++) {
    const base = e * byMentee.k;
    const size = byMentee.sizes[e] as number;
    for (let s = 0; s < size; s++)
      packed[s] = (keys[base + s] as number) * ITEM_SPAN + (ITEM_SPAN - 1 - (items[base + s] as number));
    const sorted = packed.subarray(0, size).sort(); // ascending: the list's last pair first
    const kept = Math.min(k, size);
    let out = start[e] as number;
    for (let s = 0; s < size; s++) {
      const x = sorted[size - 1 - s] as number;
      const key = Math.floor(x / ITEM_SPAN);
      const item = ITEM_SPAN - 1 - (x - key * ITEM_SPAN);
      if (s < kept) {
        top.keys[e * k + s] = key;
        top.items[e * k + s] = item;
      } else {
        mentor[out] = item;
        weight[out] = Math.floor(key / TIE_SPAN);
        out++;
      }
    }
    top.sizes[e] = kept;
  }
}

/**
 * The graph: both sides' lists, each mentee's sorted by mentor index without repeats. Each long loop is in a
 * function of its own: V8 compiles a long loop while it runs, without feedback for the code after it, and that
 * code then sent it back to the interpreter (once per loop here, in a fresh process).
 */
function union(
  c: Cohort,
  byMentee: TopK,
  byMentor: TopK,
  order: Int32Array,
  menteeBest: Int32Array,
): { start: Int32Array; mentor: Int32Array; weight: Int32Array } {
  const nE = c.mentees.length;
  const count = new Int32Array(nE + 1);
  count.set(byMentee.sizes, 1);
  countMentorSide(byMentor, count);
  runningTotals(count);
  const total = count[nE] as number;
  const rawMentor = new Int32Array(total);
  const rawWeight = new Int32Array(total);
  const fill = count.slice(0, nE);
  putMenteeSide(byMentee, fill, rawMentor, rawWeight);
  putMentorSide(byMentor, order, menteeBest, fill, rawMentor, rawWeight);
  const start = new Int32Array(nE + 1);
  const mentor = new Int32Array(total);
  const weight = new Int32Array(total);
  const out = sortWithoutRepeats(count, rawMentor, rawWeight, start, mentor, weight);
  start[nE] = out;
  return { start, mentor: mentor.slice(0, out), weight: weight.slice(0, out) };
}

function countMentorSide(byMentor: TopK, count: Int32Array): void {
  for (let t = 0; t < byMentor.sizes.length; t++) {
    for (let s = 0; s < (byMentor.sizes[t] as number); s++) {
      const e = byMentor.items[t * byMentor.k + s] as number;
      count[e + 1] = (count[e + 1] as number) + 1;
    }
  }
}

function runningTotals(count: Int32Array): void {
  for (let e = 1; e < count.length; e++) count[e] = (count[e] as number) + (count[e - 1] as number);
}

function putMenteeSide(byMentee: TopK, fill: Int32Array, rawMentor: Int32Array, rawWeight: Int32Array): void {
  for (let e = 0; e < fill.length; e++) {
    for (let s = 0; s < (byMentee.sizes[e] as number); s++) {
      const at = fill[e] as number;
      rawMentor[at] = byMentee.items[e * byMentee.k + s] as number;
      rawWeight[at] = Math.floor((byMentee.keys[e * byMentee.k + s] as number) / TIE_SPAN);
      fill[e] = at + 1;
    }
  }
}

/**
 * The weight of a pair from its mentor-side key, (weight + WEIGHT_SCALE - the row's best) x TIE_SPAN + a hash below
 * TIE_SPAN: two operations instead of scoring the pair again (10,000 pairs at 2,000 x 2,000, mostly before V8
 * optimises this loop).
 */
function mentorSideWeight(key: number, rowBest: number): number {
  return Math.floor(key / TIE_SPAN) - WEIGHT_SCALE + rowBest;
}

function putMentorSide(
  byMentor: TopK,
  order: Int32Array,
  menteeBest: Int32Array,
  fill: Int32Array,
  rawMentor: Int32Array,
  rawWeight: Int32Array,
): void {
  for (let t = 0; t < byMentor.sizes.length; t++) {
    const m = order[t] as number;
    for (let s = 0; s < (byMentor.sizes[t] as number); s++) {
      const x = t * byMentor.k + s;
      const e = byMentor.items[x] as number;
      const at = fill[e] as number;
      rawMentor[at] = m;
      rawWeight[at] = mentorSideWeight(byMentor.keys[x] as number, menteeBest[e] as number);
      fill[e] = at + 1;
    }
  }
}

/**
 * Each mentee's list (count[e]..count[e + 1]-1 of the raw lists) sorted by mentor index (a stable insertion sort:
 * lists are short), without the pairs both sides kept twice, into start / mentor / weight; returns the pairs kept.
 */
function sortWithoutRepeats(
  count: Int32Array,
  rawMentor: Int32Array,
  rawWeight: Int32Array,
  start: Int32Array,
  mentor: Int32Array,
  weight: Int32Array,
): number {
  let out = 0;
  for (let e = 0; e + 1 < count.length; e++) {
    start[e] = out;
    const from = count[e] as number;
    const to = count[e + 1] as number;
    for (let x = from + 1; x < to; x++) {
      const m = rawMentor[x] as number;
      const w = rawWeight[x] as number;
      let q = x;
      for (; q > from && (rawMentor[q - 1] as number) > m; q--) {
        rawMentor[q] = rawMentor[q - 1] as number;
        rawWeight[q] = rawWeight[q - 1] as number;
      }
      rawMentor[q] = m;
      rawWeight[q] = w;
    }
    let last = -1;
    for (let x = from; x < to; x++) {
      const m = rawMentor[x] as number;
      if (m === last) continue;
      last = m;
      mentor[out] = m;
      weight[out] = rawWeight[x] as number;
      out++;
    }
  }
  return out;
}

/** Every feasible pair, for the dense solver. */
export function allFeasiblePairs(c: Cohort): CandidatePairs {
  const nM = c.mentors.length;
  const nE = c.mentees.length;
  const scorer = makeRowScorer(c);
  const start = new Int32Array(nE + 1);
  const mentor: number[] = [];
  const weight: number[] = [];
  const menteeFeasible = new Int32Array(nE);
  const mentorFeasible = new Int32Array(nM);
  const found: number[] = [];
  for (let e = 0; e < nE; e++) {
    const { weights: row, length } = scorer.row(e);
    found.length = 0;
    for (let t = 0; t < length; t++) if ((row[t] as number) >= 0) found.push(t);
    found.sort((a, b) => (scorer.order[a] as number) - (scorer.order[b] as number));
    for (const t of found) {
      const m = scorer.order[t] as number;
      mentor.push(m);
      weight.push(row[t] as number);
      mentorFeasible[m] = (mentorFeasible[m] as number) + 1;
    }
    menteeFeasible[e] = found.length;
    start[e + 1] = mentor.length;
  }
  return {
    start,
    mentor: Int32Array.from(mentor),
    weight: Int32Array.from(weight),
    menteeFeasible,
    mentorFeasible,
    reserve: { start: new Int32Array(nE + 1), mentor: new Int32Array(0), weight: new Int32Array(0) },
    prunedBound: new Int32Array(nE).fill(-1),
  };
}
