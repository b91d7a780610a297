import { readFileSync } from 'node:fs';
import munkres from 'munkres';
import {
  allFeasiblePairs,
  assignCohort,
  assignSparse,
  buildCandidates,
  compileCohort,
  matchCohort,
  mentorCapacity,
  pairWeight,
  solveDenseAssignment,
  totalWeight,
  WEIGHT_SCALE,
  type Cohort,
  type MatchInput,
  type WeightedPairs,
} from '../../src/domain/matching/index.js';
import { slotLayout, toSlotGraph, unmatchedCost } from '../../src/domain/matching/assignment.js';
import { matchingThreads, type MatchingThreads } from '../../src/threads/matchingThreads.js';
import { greedyAssignment } from './greedy.js';
import { scipyDense, scipySparse, scipyVersion } from './scipy.js';
import { syntheticCohort } from './synthetic.js';

export interface ScenarioArgs {
  mentees: number;
  mentors: number;
  doubleCapacityShare: number;
  quick: boolean;
  /** Candidate search and pricing on worker threads (src/threads). */
  threads?: boolean;
  /** Overrides assignCohort's default k (steps only). */
  candidatesPerPerson?: number;
}

/**
 * CPU time of the main thread alone (Linux /proc; null elsewhere), in ms: with worker threads it is the
 * critical path, what the wall clock would show on an idle machine (the main thread waits for the workers
 * without spending CPU).
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

const pool = (a: ScenarioArgs): MatchingThreads | undefined => (a.threads ? matchingThreads() : undefined);

type Result = Record<string, unknown>;

const ms = (from: number): number => Math.round((performance.now() - from) * 10) / 10;

function cohortInput(a: ScenarioArgs): MatchInput {
  return syntheticCohort({ mentors: a.mentors, mentees: a.mentees, seed: 1, doubleCapacityShare: a.doubleCapacityShare });
}

function compiled(input: MatchInput): { c: Cohort; capacity: Int32Array } {
  const c = compileCohort(input.mentors, input.mentees, input);
  return { c, capacity: Int32Array.from(input.mentors, (m) => mentorCapacity(m)) };
}

function count(mentorForMentee: Int32Array): number {
  return mentorForMentee.reduce((s, m) => s + (m >= 0 ? 1 : 0), 0);
}

/**
 * matchCohort end to end (scores, candidates, solve, pricing, reasons): the first call in a fresh process
 * (cold JIT), then a second call on the same input (warm, as in a long-running app).
 */
export function endToEnd(a: ScenarioArgs): Result {
  const threads = pool(a);
  const input = { ...cohortInput(a), options: { threads } };
  const rssBefore = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMs();
  let start = performance.now();
  const result = matchCohort(input);
  const elapsed = ms(start);
  const cpu = process.cpuUsage(cpuBefore);
  const mainAfter = mainThreadCpuMs();
  if (!result.ok) throw new Error('unexpected pin errors');
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  start = performance.now();
  matchCohort(input);
  const warm = ms(start);
  return {
    ms: elapsed,
    // CPU time of the first call: on a loaded machine it says more than wall-clock time.
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    mainThreadCpuMs: mainBefore === null || mainAfter === null ? null : mainAfter - mainBefore,
    warmMs: warm,
    workerChunks: threads?.workerChunks ?? 0,
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
    peakRssMB,
    pairs: result.pairs.length,
    unmatched: result.unmatched.length,
    totalScore: result.totalScore,
    ...result.stats,
  };
}

/** The same work step by step, timed through assignCohort's onStep hook. */
export function steps(a: ScenarioArgs): Result {
  const input = cohortInput(a);
  let at = performance.now();
  const { c, capacity } = compiled(input);
  const log: string[] = [`compile ${ms(at)} ms`];
  at = performance.now();
  const threads = pool(a);
  let main = mainThreadCpuMs();
  const result = assignCohort(c, capacity, {
    solver: 'auto',
    certify: 'auto',
    threads,
    candidatesPerPerson: a.candidatesPerPerson,
    onStep: (step, detail) => {
      const now = mainThreadCpuMs();
      log.push(`${step} ${ms(at)} ms, main thread CPU ${now === null || main === null ? '?' : now - main} ms (${detail})`);
      main = mainThreadCpuMs();
      at = performance.now();
    },
  });
  return { steps: log, solver: result.solver, exact: result.exact };
}

function denseCost(
  pairs: WeightedPairs,
  mentees: number,
  capacity: Int32Array,
): { cost: Float64Array; cols: number; big: number } {
  const layout = slotLayout(capacity);
  const cols = layout.slotMentor.length;
  if (mentees > cols) throw new RangeError('dense comparison expects mentees <= mentor slots');
  const big = unmatchedCost(mentees, cols);
  const cost = new Float64Array(mentees * cols).fill(big);
  for (let e = 0; e < mentees; e++) {
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      const m = pairs.mentor[k] as number;
      for (let s = layout.slotStart[m] as number; s < (layout.slotStart[m + 1] as number); s++) {
        cost[e * cols + s] = WEIGHT_SCALE - (pairs.weight[k] as number);
      }
    }
  }
  return { cost, cols, big };
}

function denseWeight(
  cost: Float64Array,
  cols: number,
  big: number,
  colForRow: ArrayLike<number>,
): { pairs: number; weight: number } {
  let pairs = 0;
  let weight = 0;
  for (let r = 0; r < colForRow.length; r++) {
    const c = cost[r * cols + (colForRow[r] as number)] as number;
    if (c >= big) continue;
    pairs++;
    weight += WEIGHT_SCALE - c;
  }
  return { pairs, weight };
}

/** Exact optimum, then other solvers on the full matrix: plain dense JV, npm munkres, greedy, SciPy. */
export function denseComparison(a: ScenarioArgs): Result {
  const input = cohortInput(a);
  const { c, capacity } = compiled(input);
  const exact = assignCohort(c, capacity, { solver: 'auto', certify: 'always' });
  let at = performance.now();
  const all = allFeasiblePairs(c);
  const { cost, cols, big } = denseCost(all, a.mentees, capacity);
  const buildMatrixMs = ms(at);
  const optimum = { pairs: count(exact.mentorForMentee), weight: totalWeight(all, exact.mentorForMentee) };
  const out: Result = { exactVerified: exact.exact, optimum, buildMatrixMs };

  at = performance.now();
  const jv = solveDenseAssignment(cost, a.mentees, cols);
  out.plainDenseJv = { ms: ms(at), ...denseWeight(cost, cols, big, jv.colForRow) };

  at = performance.now();
  const greedy = greedyAssignment(all, capacity);
  const g = { pairs: count(greedy), weight: totalWeight(all, greedy) };
  out.greedy = { ms: ms(at), ...g, lossPercent: Number((((optimum.weight - g.weight) / optimum.weight) * 100).toFixed(2)) };

  if (!a.quick) {
    const rows = Array.from({ length: a.mentees }, (_, r) => cost.subarray(r * cols, (r + 1) * cols));
    at = performance.now();
    const pairs = munkres(rows);
    const colForRow = new Int32Array(a.mentees);
    for (const [r, k] of pairs) colForRow[r] = k;
    out.npmMunkres = { ms: ms(at), ...denseWeight(cost, cols, big, colForRow) };
  }

  const version = scipyVersion();
  if (version) {
    const s = scipyDense(cost, a.mentees, cols);
    const expectedCost = (a.mentees - optimum.pairs) * big + optimum.pairs * WEIGHT_SCALE - optimum.weight;
    out.scipy = { version, ms: Math.round(s.seconds * 10000) / 10, sameOptimum: s.cost === expectedCost };
  } else {
    out.scipy = 'absent (apt-get install -y python3-scipy to compare)';
  }
  return out;
}

/** The sparse candidate graph: our solver against SciPy's LAPJVsp on it, and the loss against the true optimum. */
export function sparseComparison(a: ScenarioArgs): Result {
  const input = cohortInput(a);
  const { c, capacity } = compiled(input);
  const mentees = a.mentees;
  const candidates = buildCandidates(c, 20); // the default without certification
  let at = performance.now();
  const ours = assignSparse({ mentees, capacity, pairs: candidates });
  const out: Result = {
    candidatePairs: candidates.mentor.length,
    ourSolveOnCandidateGraphMs: ms(at),
    ourUnmatchedOnCandidateGraph: mentees - count(ours.mentorForMentee),
  };

  const version = scipyVersion();
  if (version) {
    const layout = slotLayout(capacity);
    const graph = toSlotGraph({ mentees, capacity, pairs: candidates }, layout);
    const big = unmatchedCost(mentees, graph.cols);
    // Append each row's private unmatched column; shift costs by +1 because SciPy drops explicit zeros.
    const indptr = new Int32Array(mentees + 1);
    const indices = new Int32Array(graph.col.length + mentees);
    const data = new Float64Array(indices.length);
    let n = 0;
    for (let e = 0; e < mentees; e++) {
      indptr[e] = n;
      for (let k = graph.rowStart[e] as number; k < (graph.rowStart[e + 1] as number); k++) {
        indices[n] = graph.col[k] as number;
        data[n++] = (graph.cost[k] as number) + 1;
      }
      indices[n] = graph.cols + e;
      data[n++] = big + 1;
    }
    indptr[mentees] = n;
    const s = scipySparse(indptr, indices, data, mentees, graph.cols + mentees);
    const paired = count(ours.mentorForMentee);
    const ourCost = mentees + (mentees - paired) * big + paired * WEIGHT_SCALE - totalWeight(candidates, ours.mentorForMentee);
    out.scipySparse = { version, ms: Math.round(s.seconds * 10000) / 10, sameOptimum: s.cost === ourCost };
  } else {
    out.scipySparse = 'absent (apt-get install -y python3-scipy to compare)';
  }

  if (!a.quick) {
    const fast = assignCohort(c, capacity, { solver: 'auto', certify: 'auto' });
    at = performance.now();
    const exact = assignCohort(c, capacity, { solver: 'sparse', certify: 'always' });
    const weigh = (mentorForMentee: Int32Array): number => {
      let w = 0;
      mentorForMentee.forEach((m, e) => {
        if (m >= 0) w += pairWeight(c, m, e);
      });
      return w;
    };
    const all = { pairs: count(exact.mentorForMentee), weight: weigh(exact.mentorForMentee) };
    const got = { pairs: count(fast.mentorForMentee), weight: weigh(fast.mentorForMentee) };
    out.exactOptimum = { verified: exact.exact, rounds: exact.rounds, ms: ms(at), ...all };
    out.defaultResult = { ...got, lossPercent: Number((((all.weight - got.weight) / all.weight) * 100).toFixed(3)) };
  }
  return out;
}
