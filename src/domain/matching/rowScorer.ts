import { type Cohort, pairWeight } from './cohort.js';
import { popcount32, WEIGHT_SCALE } from './score.js';
import { orderByKey } from './orderByKey.js';

/**
 * Scores one mentee against every mentor junior enough, fast: mentors are visited in seniority order so
 * the seniority gap is a prefix, and with up to 32 topics a topic set is one integer. Produces exactly
 * pairWeight's sums (a test checks it); -1 marks a forbidden pair or one below the minimum score.
 */
export interface RowScorer {
  /** Mentor indices by seniority, then index. */
  order: Int32Array;
  /**
   * Weights of mentee e: weights[t] for mentor order[t], t < length. The view is only valid until the next
   * call (it may be a shared buffer).
   */
  row(e: number, feasibleByPosition?: Int32Array): ScoredRow;
  /** Rows kept sorted by weight for pricing (a caching scorer's cache). */
  cache?: RowCache;
  /**
   * A caching scorer's whole sorted row of mentee e (the cache keeps only its first `depth` positions): all its
   * feasible mentor positions in the cache's order, runs as in the cache. Valid until the next call of either
   * method; the row must be cacheable (runCount[e] >= 0).
   */
  sortedRow?(e: number): Uint16Array;
}

export interface ScoredRow {
  weights: Int32Array | Int16Array;
  length: number;
  /** The highest weight in the row, -1 when no pair is possible. */
  best: number;
  /**
   * Counted while scoring, so that a sort need not read the row once more: count[w] is the number of the
   * row's pairs of weight w, for the weights distinct[0..kinds-1] (some may have dropped to 0: forbidden
   * pairs). Valid until the next call; a reader may change count (the next call clears it).
   */
  count: Int32Array;
  distinct: Int32Array;
  kinds: number;
}

/** Mentor attributes in seniority order, so the hot loop reads memory sequentially. */
interface MentorColumns {
  order: Int32Array;
  position: Int32Array;
  seniority: Float64Array;
  /**
   * Per mentor, FIELDS integers: topics taught and topics wanted (bit sets), the offset of its row in the
   * "mentee covers mentor" table, its department, and its (time zone, meeting preference) context.
   */
  data: Int32Array;
}

const FIELDS = 5;

/**
 * Mentors grouped by the inputs of each score part: the topics they teach; the topics they want (and how
 * many); their time zone, meeting preference and department. A row then fills one small table of points per
 * group, and a pair costs three look-ups instead of two popcounts and five reads. Worth it when the groups are
 * few against the mentors (few topics, zones and departments: 436 groups for 10,000 mentors in the bench).
 */
interface MentorGroups {
  /** Per position t: the pair's three indices into the row's table, GROUP_BITS each. */
  packed: Int32Array;
  teach: Int32Array;
  learn: Int32Array;
  /** Per learning group: its number of wanted topics x (topicCount + 1), a row of menteeCoversMentorPoints. */
  learnRow: Int32Array;
  zone: Int32Array;
  pref: Int32Array;
  dept: Int32Array;
}

const GROUP_BITS = 10;
const GROUP_MASK = (1 << GROUP_BITS) - 1;

/** Mentor grouping: 'auto' when the groups are at most a quarter of the mentors (tests force it on or off). */
export type MentorGrouping = 'auto' | 'always' | 'never';

/** The id of `key` in `map`, a new one (the next integer) for a key not seen yet. */
function groupId(map: Map<number, number>, key: number): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
}

// Plain loops over the mentors here and in mentorColumns: run once per match, mostly before V8 optimises them,
// and an array literal or a destructuring per mentor made them several times slower in a fresh process.
function mentorGroups(c: Cohort, order: Int32Array, grouping: MentorGrouping): MentorGroups | null {
  const nM = order.length;
  if (grouping === 'never' || c.words !== 1) return null;
  const teachIds = new Map<number, number>();
  const learnIds = new Map<number, number>();
  const contextIds = new Map<number, number>();
  const ids = new Int32Array(nM * 3);
  const span = c.topicCount + 1;
  // Departments are indices >= -1, preferences 0..2: one number for the (zone, preference, department) triple.
  const contextSpan = nM + c.mentees.length + 1;
  for (let t = 0; t < nM; t++) {
    const m = order[t] as number;
    const context =
      ((c.mentorZone[m] as number) * 3 + (c.mentorPref[m] as number)) * contextSpan + (c.mentorDept[m] as number) + 1;
    ids[t * 3] = groupId(teachIds, (c.mentorTeach[m] as number) | 0);
    ids[t * 3 + 1] = groupId(learnIds, (c.mentorLearn[m] as number) | 0);
    ids[t * 3 + 2] = groupId(contextIds, context);
  }
  const total = teachIds.size + learnIds.size + contextIds.size;
  if (total > GROUP_MASK + 1 || (grouping === 'auto' && 4 * total > nM)) return null;
  const groups: MentorGroups = {
    packed: new Int32Array(nM),
    teach: new Int32Array(teachIds.size),
    learn: new Int32Array(learnIds.size),
    learnRow: new Int32Array(learnIds.size),
    zone: new Int32Array(contextIds.size),
    pref: new Int32Array(contextIds.size),
    dept: new Int32Array(contextIds.size),
  };
  const learnAt = teachIds.size;
  const contextAt = learnAt + learnIds.size;
  for (let t = 0; t < nM; t++) {
    const m = order[t] as number;
    const teach = ids[t * 3] as number;
    const learn = ids[t * 3 + 1] as number;
    const context = ids[t * 3 + 2] as number;
    groups.teach[teach] = (c.mentorTeach[m] as number) | 0;
    groups.learn[learn] = (c.mentorLearn[m] as number) | 0;
    groups.learnRow[learn] = (c.mentorLearnCount[m] as number) * span;
    groups.zone[context] = c.mentorZone[m] as number;
    groups.pref[context] = c.mentorPref[m] as number;
    groups.dept[context] = c.mentorDept[m] as number;
    groups.packed[t] = teach | ((learnAt + learn) << GROUP_BITS) | ((contextAt + context) << (2 * GROUP_BITS));
  }
  return groups;
}

function mentorColumns(c: Cohort): MentorColumns {
  const nM = c.mentors.length;
  const order = bySeniority(c.mentorSeniority);
  const position = new Int32Array(nM);
  const seniority = new Float64Array(nM);
  const span = c.topicCount + 1;
  const data = new Int32Array(nM * FIELDS);
  for (let t = 0; t < nM; t++) {
    const m = order[t] as number;
    position[m] = t;
    seniority[t] = c.mentorSeniority[m] as number;
    const at = t * FIELDS;
    data[at] = (c.mentorTeach[m * c.words] as number) | 0;
    data[at + 1] = (c.mentorLearn[m * c.words] as number) | 0;
    data[at + 2] = (c.mentorLearnCount[m] as number) * span;
    data[at + 3] = c.mentorDept[m] as number;
    data[at + 4] = (c.mentorZone[m] as number) * 3 + (c.mentorPref[m] as number);
  }
  return { order, position, seniority, data };
}

/** Indices by seniority, then index: seniority ranked among its (few) distinct levels, then ordered by rank. */
function bySeniority(seniority: Float64Array): Int32Array {
  const levels = seniority.slice().sort();
  const rank = new Map<number, number>();
  for (let q = 0; q < levels.length; q++) if (!rank.has(levels[q] as number)) rank.set(levels[q] as number, rank.size);
  const ranks = new Int32Array(seniority.length);
  for (let m = 0; m < seniority.length; m++) ranks[m] = rank.get(seniority[m] as number) as number;
  return orderByKey(ranks);
}

/** Number of mentors (in seniority order) junior enough for mentee e. */
function juniorPrefix(c: Cohort, cols: MentorColumns, e: number): number {
  const limit = (c.menteeSeniority[e] as number) - c.minSeniorityGap;
  let lo = 0;
  let hi = cols.seniority.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cols.seniority[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The hot loop with mentor groups (see MentorGroups); `table` holds at least GROUP_MASK + 1 entries. */
function scoreGroupedRow(
  c: Cohort,
  g: MentorGroups,
  e: number,
  length: number,
  out: Int32Array,
  tally: Tally,
  table: Int32Array,
): number {
  const eLearn = (c.menteeLearn[e] as number) | 0;
  const eTeach = (c.menteeTeach[e] as number) | 0;
  const eLearnRow = (c.menteeLearnCount[e] as number) * (c.topicCount + 1);
  const eDept = c.menteeDept[e] as number;
  const eZone = c.menteeZone[e] as number;
  const ePref = c.menteePref[e] as number;
  const { teach, learn, learnRow, zone, pref, dept, packed } = g;
  let at = 0;
  for (let q = 0; q < teach.length; q++) {
    table[at++] = c.mentorCoversMenteePoints[eLearnRow + popcount32((teach[q] as number) & eLearn)] as number;
  }
  for (let q = 0; q < learn.length; q++) {
    table[at++] = c.menteeCoversMentorPoints[(learnRow[q] as number) + popcount32(eTeach & (learn[q] as number))] as number;
  }
  const { different, same, unknown } = c.departmentPoints;
  for (let q = 0; q < zone.length; q++) {
    const d = dept[q] as number;
    table[at++] =
      (c.zonePoints[(zone[q] as number) * c.zoneCount + eZone] as number) +
      (c.preferencePoints[(pref[q] as number) * 3 + ePref] as number) +
      (d < 0 || eDept < 0 ? unknown : d === eDept ? same : different);
  }
  const minWeight = c.minWeight;
  const { count, distinct } = tally;
  let kinds = 0;
  let t = 0;
  // Eight pairs at a time, their table reads before their counts: the same calls in the same order, and
  // 5.7 -> 3.4 ns a pair (10,000 x 10,000, one thread: all rows 0.54 -> 0.32 s). One pair at a time, the
  // count written for one pair held up the reads for the next.
  for (; t + 7 < length; t += 8) {
    const p0 = packed[t] as number;
    const p1 = packed[t + 1] as number;
    const p2 = packed[t + 2] as number;
    const p3 = packed[t + 3] as number;
    const p4 = packed[t + 4] as number;
    const p5 = packed[t + 5] as number;
    const p6 = packed[t + 6] as number;
    const p7 = packed[t + 7] as number;
    const w0 =
      (table[p0 & GROUP_MASK] as number) +
      (table[(p0 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p0 >>> (2 * GROUP_BITS)] as number);
    const w1 =
      (table[p1 & GROUP_MASK] as number) +
      (table[(p1 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p1 >>> (2 * GROUP_BITS)] as number);
    const w2 =
      (table[p2 & GROUP_MASK] as number) +
      (table[(p2 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p2 >>> (2 * GROUP_BITS)] as number);
    const w3 =
      (table[p3 & GROUP_MASK] as number) +
      (table[(p3 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p3 >>> (2 * GROUP_BITS)] as number);
    const w4 =
      (table[p4 & GROUP_MASK] as number) +
      (table[(p4 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p4 >>> (2 * GROUP_BITS)] as number);
    const w5 =
      (table[p5 & GROUP_MASK] as number) +
      (table[(p5 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p5 >>> (2 * GROUP_BITS)] as number);
    const w6 =
      (table[p6 & GROUP_MASK] as number) +
      (table[(p6 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p6 >>> (2 * GROUP_BITS)] as number);
    const w7 =
      (table[p7 & GROUP_MASK] as number) +
      (table[(p7 >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p7 >>> (2 * GROUP_BITS)] as number);
    kinds = recordWeight(w0, t, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w1, t + 1, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w2, t + 2, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w3, t + 3, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w4, t + 4, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w5, t + 5, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w6, t + 6, out, minWeight, count, distinct, kinds);
    kinds = recordWeight(w7, t + 7, out, minWeight, count, distinct, kinds);
  }
  for (; t < length; t++) {
    const p = packed[t] as number;
    const w =
      (table[p & GROUP_MASK] as number) +
      (table[(p >>> GROUP_BITS) & GROUP_MASK] as number) +
      (table[p >>> (2 * GROUP_BITS)] as number);
    kinds = recordWeight(w, t, out, minWeight, count, distinct, kinds);
  }
  tally.kinds = kinds;
  return highestWeight(count, distinct, kinds);
}

/**
 * The hot loop, for cohorts with up to 32 topics: a plain function over locals and one interleaved array on
 * purpose. A closure version ran about twice as slow as soon as V8 stopped specialising it to one instance.
 */
function scoreOneWordRow(c: Cohort, cols: MentorColumns, e: number, length: number, out: Int32Array, tally: Tally): number {
  const data = cols.data;
  const span = c.topicCount + 1;
  const eLearn = (c.menteeLearn[e] as number) | 0;
  const eTeach = (c.menteeTeach[e] as number) | 0;
  const eLearnRow = (c.menteeLearnCount[e] as number) * span;
  const eDept = c.menteeDept[e] as number;
  const eZone = c.menteeZone[e] as number;
  const ePref = c.menteePref[e] as number;
  const coverMentee = c.mentorCoversMenteePoints;
  const coverMentor = c.menteeCoversMentorPoints;
  // Working hours and meeting preference depend only on the mentor's (zone, preference): one small table per row.
  const context = new Int32Array(c.zoneCount * 3);
  for (let z = 0; z < c.zoneCount; z++) {
    for (let p = 0; p < 3; p++) {
      context[z * 3 + p] = (c.zonePoints[z * c.zoneCount + eZone] as number) + (c.preferencePoints[p * 3 + ePref] as number);
    }
  }
  const { different, same, unknown } = c.departmentPoints;
  const minWeight = c.minWeight;
  const { count, distinct } = tally;
  let kinds = 0;
  for (let t = 0, at = 0; t < length; t++, at += FIELDS) {
    let a = (data[at] as number) & eLearn;
    a -= (a >>> 1) & 0x55555555;
    a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
    a = Math.imul((a + (a >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    let b = eTeach & (data[at + 1] as number);
    b -= (b >>> 1) & 0x55555555;
    b = (b & 0x33333333) + ((b >>> 2) & 0x33333333);
    b = Math.imul((b + (b >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    const d = data[at + 3] as number;
    const w =
      (coverMentee[eLearnRow + a] as number) +
      (coverMentor[(data[at + 2] as number) + b] as number) +
      (d < 0 || eDept < 0 ? unknown : d === eDept ? same : different) +
      (context[data[at + 4] as number] as number);
    kinds = recordWeight(w, t, out, minWeight, count, distinct, kinds);
  }
  tally.kinds = kinds;
  return highestWeight(count, distinct, kinds);
}

function scoreGeneralRow(c: Cohort, cols: MentorColumns, e: number, length: number, out: Int32Array, tally: Tally): number {
  const { count, distinct } = tally;
  let kinds = 0;
  for (let t = 0; t < length; t++) {
    const w = pairWeight(c, cols.order[t] as number, e);
    kinds = recordWeight(w, t, out, c.minWeight, count, distinct, kinds);
  }
  tally.kinds = kinds;
  return highestWeight(count, distinct, kinds);
}

/**
 * Writes the pair's weight at t (-1 below the minimum) and counts it in the row's tally (see ScoredRow);
 * returns the number of distinct weights so far. Small enough for V8 to inline into the hot loops.
 */
function recordWeight(
  w: number,
  t: number,
  out: Int32Array,
  minWeight: number,
  count: Int32Array,
  distinct: Int32Array,
  kinds: number,
): number {
  if (w < minWeight) {
    out[t] = -1;
    return kinds;
  }
  out[t] = w;
  const n = count[w] as number;
  count[w] = n + 1;
  if (n === 0) distinct[kinds++] = w;
  return kinds;
}

/**
 * The row's highest weight still counted (forbidden pairs, blanked afterwards, are uncounted), -1 when it has
 * none. Right after scoring every distinct weight is counted; the check costs one read per distinct weight (about
 * 180 a row), against the thousands of pairs a row scores.
 */
function highestWeight(count: Int32Array, distinct: Int32Array, kinds: number): number {
  let best = -1;
  for (let d = 0; d < kinds; d++) {
    const w = distinct[d] as number;
    if (w > best && (count[w] as number) > 0) best = w;
  }
  return best;
}

/** The scorer's per-row weight counts (see ScoredRow). */
interface Tally {
  count: Int32Array;
  distinct: Int32Array;
  kinds: number;
}

export function makeRowScorer(c: Cohort, grouping: MentorGrouping = 'auto'): RowScorer {
  return new PlainRowScorer(c, grouping);
}

/**
 * A class, not an object of closures made per match: a closure's first optimised code is specialised to its own
 * context, so every match's new closures were compiled again, and the second match in a process scanned its
 * first rows as slowly as the first match.
 */
class PlainRowScorer implements RowScorer {
  readonly order: Int32Array;
  private readonly cols: MentorColumns;
  private readonly out: Int32Array;
  private readonly groups: MentorGroups | null;
  private readonly table = new Int32Array(GROUP_MASK + 1);
  private readonly tally: Tally = {
    count: new Int32Array(WEIGHT_SCALE + 1),
    distinct: new Int32Array(WEIGHT_SCALE + 1),
    kinds: 0,
  };

  constructor(
    private readonly c: Cohort,
    grouping: MentorGrouping,
  ) {
    this.cols = mentorColumns(c);
    this.order = this.cols.order;
    this.out = new Int32Array(c.mentors.length);
    this.groups = mentorGroups(c, this.cols.order, grouping);
  }

  row(e: number): ScoredRow {
    const { c, cols, out, tally, groups } = this;
    for (let d = 0; d < tally.kinds; d++) tally.count[tally.distinct[d] as number] = 0;
    const length = juniorPrefix(c, cols, e);
    let best = groups
      ? scoreGroupedRow(c, groups, e, length, out, tally, this.table)
      : c.words === 1
        ? scoreOneWordRow(c, cols, e, length, out, tally)
        : scoreGeneralRow(c, cols, e, length, out, tally);
    // Forbidden pairs (reporting line, avoid lists, past pairs) are few: blank them afterwards.
    let blanked = false;
    const end = c.forbiddenStart[e + 1] as number;
    for (let f = c.forbiddenStart[e] as number; f < end; f++) {
      const t = cols.position[c.forbiddenMentor[f] as number] as number;
      if (t >= length) continue;
      const w = out[t] as number;
      if (w < 0) continue;
      tally.count[w] = (tally.count[w] as number) - 1;
      out[t] = -1;
      blanked = true;
    }
    // A blanked pair may have held the best weight. Most rows blank some, so this path is warm when V8
    // optimises (a rare rescan of the row was not, and sent the optimised code back to the interpreter).
    if (blanked) best = highestWeight(tally.count, tally.distinct, tally.kinds);
    return { weights: out, length, best, count: tally.count, distinct: tally.distinct, kinds: tally.kinds };
  }
}

/**
 * Rows kept for pricing rounds, sorted: each row's feasible mentor positions by weight, highest first (2 bytes
 * a pair, so mentors <= 65,535), and its runs of equal weight (weight x 65,536 + end of the run), so that
 * pricing reads a row only down to the weight that can no longer improve the result. Only the first `depth`
 * positions of a row are kept; a reader that needs more asks the scorer for the whole row (sortedRow), which
 * scores and sorts it again. runCount per mentee: -1 = not scored yet, -2 = more distinct weights than
 * RUNS_PER_ROW (such a row is scored again when priced).
 */
export interface RowCache {
  /** Mentor positions a row may hold (the cohort's mentors). */
  width: number;
  /** Sorted positions kept per row. */
  depth: number;
  positions: Uint16Array;
  /**
   * The rows' runs, each row's together at runStart[e] (runCount[e] of them), in the order the rows were sorted:
   * packed, they touch a quarter of the memory a fixed RUNS_PER_ROW a row did (rows have about 150 to 180 runs),
   * and a first touch of fresh memory costs a page fault.
   */
  runs: Int32Array;
  runStart: Int32Array;
  /** runs[0 .. runsTaken[0] - 1] are taken (threads add to it with Atomics). */
  runsTaken: Int32Array;
  runCount: Int32Array;
}

/** Distinct weights a cached row may have (scores are sums of a few discrete parts: at most 432 seen at 10,000). */
export const RUNS_PER_ROW = 512;
/**
 * A run of a cached row packs its weight and the end of its positions (exclusive) in one number: the weights
 * are 0..WEIGHT_SCALE and the ends fit 16 bits.
 */
const RUN_END_SPAN = 65_536;
export const packRun = (weight: number, end: number): number => weight * RUN_END_SPAN + end;
export const runWeight = (packed: number): number => Math.floor(packed / RUN_END_SPAN);
export const runEnd = (packed: number, weight: number): number => packed - weight * RUN_END_SPAN;
/** Rows are cached only when a mentor position fits the 2 bytes a pair. */
export const CACHE_MAX_MENTORS = 65_535;

/**
 * Sorted positions a cached row keeps by default. Pricing reads a row only down to the weight that can no longer
 * improve the result: at 10,000 x 10,000 a median 1,400 to 2,500 positions a round, at most 5,388, and 4,096
 * or more in about 900 of the 58,000 rows read over all rounds. The rest of a row was 60 % of the cache's 200 MB,
 * and a first touch of fresh memory costs a page fault (6 to 9 us a page here: 0.3 to 0.6 s of CPU at 10,000).
 */
export const CACHE_DEPTH = 4096;
/**
 * Share of a row kept when that is less: pricing and the seed read at most 60 % of a row at 2,000 x 2,000 (1,183
 * of 2,000 positions; the seed 14 rows further) and at 5,000 x 5,000 (pricing 35 rows of 17,761 further, the
 * seed 17), and each position less is 2 bytes a row of fresh memory (a page fault per 4 kB).
 */
export const CACHE_SHARE = 0.6;

export function newRowCache(
  mentees: number,
  width: number,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
  depth = Math.min(width, CACHE_DEPTH, Math.ceil(width * CACHE_SHARE)),
): RowCache {
  const runCount = new Int32Array(allocate(mentees * 4));
  runCount.fill(-1);
  return {
    width,
    depth,
    positions: new Uint16Array(allocate(mentees * depth * 2)),
    runs: new Int32Array(allocate(mentees * RUNS_PER_ROW * 4)),
    runStart: new Int32Array(allocate(mentees * 4)),
    runsTaken: new Int32Array(allocate(4)),
    runCount,
  };
}

/**
 * Keeps every row it scores, sorted by weight (a counting sort over the row's distinct weights), for the
 * pricing rounds (`sortedRows`). Threads may share one cache: each row is written by one thread only. A row is
 * sorted whole into this scorer's own buffer (small and warm), and its first `depth` positions are copied to
 * the cache.
 */
export function cachingRowScorer(inner: RowScorer, cache: RowCache): RowScorer {
  return new CachingRowScorer(inner, cache);
}

/** A class for the reason PlainRowScorer is one. */
class CachingRowScorer implements RowScorer {
  readonly order: Int32Array;
  // Where a sort counts the feasible pairs when no caller asked for them (one branch-free loop either way).
  private readonly uncounted: Int32Array;
  private readonly sorted: Uint16Array;
  // The runs of the row `sorted` holds (a row sorted again for sortedRow: the same as the cache's, which another
  // thread may be reading).
  private readonly scratchRuns = new Int32Array(RUNS_PER_ROW);
  // The mentee whose whole row `sorted` holds, -1 for none.
  private sortedFor = -1;

  constructor(
    private readonly inner: RowScorer,
    readonly cache: RowCache,
  ) {
    this.order = inner.order;
    this.uncounted = new Int32Array(cache.width);
    this.sorted = new Uint16Array(cache.width);
  }

  /**
   * With `feasibleByPosition`, a row sorted into the cache (and kept there) by this call has its feasible pairs
   * counted there too, in the sort's pass over the row (see sortedRowLength for its total).
   */
  row(e: number, feasibleByPosition?: Int32Array): ScoredRow {
    const { cache, sorted } = this;
    const fresh = this.inner.row(e);
    this.sortedFor = -1;
    if (cache.runCount[e] === -1) {
      const runs = this.scratchRuns;
      const kinds = sortRow(fresh, runs, 0, sorted, feasibleByPosition ?? this.uncounted);
      const kept = kinds >= 0 && keepHead(cache, e, sorted, runs, kinds);
      if (kinds >= 0) this.sortedFor = e;
      // A row not kept is scanned, and counted there, by position: take back what the sort counted.
      if (kinds >= 0 && !kept && feasibleByPosition) uncountFeasible(fresh, feasibleByPosition);
      cache.runCount[e] = kept ? kinds : -2;
    }
    return fresh;
  }

  sortedRow(e: number): Uint16Array {
    if (this.sortedFor !== e) {
      sortRow(this.inner.row(e), this.scratchRuns, 0, this.sorted, this.uncounted);
      this.sortedFor = e;
    }
    return this.sorted;
  }
}

/** Undoes sortRow's count of a row's feasible pairs (only for a row the cache could not keep). */
function uncountFeasible({ weights, length }: ScoredRow, feasible: Int32Array): void {
  for (let t = 0; t < length; t++) if ((weights[t] as number) >= 0) feasible[t] = (feasible[t] as number) - 1;
}

/**
 * Copies mentee e's runs and the first `depth` positions of its sorted row into the cache; false when the runs
 * no longer fit (only after rows sorted twice, by a thread that failed and the one that took its rows over).
 */
function keepHead(cache: RowCache, e: number, sorted: Uint16Array, runs: Int32Array, kinds: number): boolean {
  const at = Atomics.add(cache.runsTaken, 0, kinds);
  if (at + kinds > cache.runs.length) return false;
  cache.runs.set(runs.subarray(0, kinds), at);
  cache.runStart[e] = at;
  const last = kinds > 0 ? (runs[kinds - 1] as number) : 0;
  const length = kinds > 0 ? runEnd(last, runWeight(last)) : 0;
  cache.positions.set(sorted.subarray(0, Math.min(cache.depth, length)), e * cache.depth);
  return true;
}

/**
 * Counting sort of one row by weight, highest first, into `positions` and its runs into runs[runBase..]; returns
 * the number of runs (-2: too many). A plain function over typed arrays, like the scorer's hot loop (V8 keeps it
 * specialised).
 */
function sortRow(scored: ScoredRow, runs: Int32Array, runBase: number, positions: Uint16Array, feasible: Int32Array): number {
  const { weights: row, length, count, distinct } = scored;
  // The scorer counted the weights; forbidden pairs may have left a weight with none.
  let kinds = 0;
  for (let d = 0; d < scored.kinds; d++) {
    const w = distinct[d] as number;
    if ((count[w] as number) > 0) distinct[kinds++] = w;
  }
  if (kinds > RUNS_PER_ROW) return -2;
  distinct.subarray(0, kinds).sort();
  let end = 0;
  for (let d = 0; d < kinds; d++) {
    const w = distinct[kinds - 1 - d] as number;
    const n = count[w] as number;
    count[w] = end; // from here on: the next free place for weight w
    end += n;
    runs[runBase + d] = packRun(w, end);
  }
  let t = 0;
  // Eight weights read at a time, then placed in turn, as in scoreGroupedRow (score and sort of all rows at
  // 10,000 x 10,000: 0.70-0.77 -> 0.67-0.68 s).
  for (; t + 7 < length; t += 8) {
    const w0 = row[t] as number;
    const w1 = row[t + 1] as number;
    const w2 = row[t + 2] as number;
    const w3 = row[t + 3] as number;
    const w4 = row[t + 4] as number;
    const w5 = row[t + 5] as number;
    const w6 = row[t + 6] as number;
    const w7 = row[t + 7] as number;
    feasible[t] = (feasible[t] as number) + 1 + (w0 >> 31);
    if (w0 >= 0) {
      const at = count[w0] as number;
      positions[at] = t;
      count[w0] = at + 1;
    }
    feasible[t + 1] = (feasible[t + 1] as number) + 1 + (w1 >> 31);
    if (w1 >= 0) {
      const at = count[w1] as number;
      positions[at] = t + 1;
      count[w1] = at + 1;
    }
    feasible[t + 2] = (feasible[t + 2] as number) + 1 + (w2 >> 31);
    if (w2 >= 0) {
      const at = count[w2] as number;
      positions[at] = t + 2;
      count[w2] = at + 1;
    }
    feasible[t + 3] = (feasible[t + 3] as number) + 1 + (w3 >> 31);
    if (w3 >= 0) {
      const at = count[w3] as number;
      positions[at] = t + 3;
      count[w3] = at + 1;
    }
    feasible[t + 4] = (feasible[t + 4] as number) + 1 + (w4 >> 31);
    if (w4 >= 0) {
      const at = count[w4] as number;
      positions[at] = t + 4;
      count[w4] = at + 1;
    }
    feasible[t + 5] = (feasible[t + 5] as number) + 1 + (w5 >> 31);
    if (w5 >= 0) {
      const at = count[w5] as number;
      positions[at] = t + 5;
      count[w5] = at + 1;
    }
    feasible[t + 6] = (feasible[t + 6] as number) + 1 + (w6 >> 31);
    if (w6 >= 0) {
      const at = count[w6] as number;
      positions[at] = t + 6;
      count[w6] = at + 1;
    }
    feasible[t + 7] = (feasible[t + 7] as number) + 1 + (w7 >> 31);
    if (w7 >= 0) {
      const at = count[w7] as number;
      positions[at] = t + 7;
      count[w7] = at + 1;
    }
  }
  for (; t < length; t++) {
    const w = row[t] as number;
    if (w < 0) continue;
    feasible[t] = (feasible[t] as number) + 1;
    const at = count[w] as number;
    positions[at] = t;
    count[w] = at + 1;
  }
  return kinds;
}

/** The number of feasible pairs of a row the cache holds (runCount[e] >= 0): the end of its last run. */
export function sortedRowLength(cache: RowCache, e: number, kinds = cache.runCount[e] as number): number {
  if (kinds <= 0) return 0;
  const packed = cache.runs[(cache.runStart[e] as number) + kinds - 1] as number;
  return runEnd(packed, runWeight(packed));
}
