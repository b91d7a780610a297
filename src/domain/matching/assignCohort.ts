import { assignDense, assignSparse, mergePairs, type WeightedPairs } from './assignment.js';
import { greedySeedPairs } from './greedySeed.js';
import { allFeasiblePairs, buildCandidates } from './candidates.js';
import type { Cohort } from './cohort.js';
import { findImprovingPairs, pricingMemo, type RowPricer } from './pricing.js';
import { CACHE_MAX_MENTORS, cachingRowScorer, makeRowScorer, newRowCache } from './rowScorer.js';
import type { RowThreads, RowThreadSession } from './rowThreads.js';

export interface AssignCohortOptions {
  solver: 'auto' | 'dense' | 'sparse';
  /**
   * Default: 5 when the result is then proven optimal by pricing (a thin first graph solves fast and its
   * warm-started re-solves stay cheap: 10 took about 20 % more CPU at 2,000 and 10,000), 20 otherwise
   * (fewer repair rounds to fix it).
   */
  candidatesPerPerson?: number;
  certify: 'auto' | 'always' | 'never';
  /** Called after each step (the benchmark times them; the domain code reads no clock). */
  onStep?: (step: 'candidates' | 'seed' | 'solve' | 'pricing' | 're-solve', detail: string) => void;
  /** Spreads the candidate search and pricing over threads (the same result as one thread). */
  threads?: RowThreads;
}

export interface CohortAssignment {
  /** Mentor index per mentee index, -1 = unmatched. */
  mentorForMentee: Int32Array;
  solver: 'dense' | 'sparse';
  exact: boolean;
  rounds: number;
  candidatePairs: number;
  menteeFeasible: Int32Array;
  mentorFeasible: Int32Array;
  /** The sparse solver's duals (per mentee, per mentor): with `exact`, a certificate checkCertificate accepts. */
  duals?: { mentee: Float64Array; mentor: Float64Array };
}

/** mentees x mentor slots up to which the full matrix is solved directly (measured crossover: about 350 x 350). */
export const DENSE_LIMIT = 100_000;
/**
 * mentees x mentors up to which 'auto' proves optimality. A pricing round scores again only the rows whose
 * bound it cannot settle, so the proof costs little more than the candidate search (which reads every pair).
 */
export const CERTIFY_LIMIT = 100_000_000;
/** Pairs per mentee kept beyond its top k for pricing (checked without scoring the row again). */
const RESERVE = 20;
/** Largest mentees x mentors whose scores are kept for pricing rounds (2 bytes a pair: 200 MB at 10,000 x 10,000). */
const CACHE_LIMIT = 100_000_000;
const MAX_CERTIFY_ROUNDS = 30;
const MAX_REPAIR_ROUNDS = 12;

function unmatchedCount(mentorForMentee: Int32Array): number {
  let count = 0;
  for (let e = 0; e < mentorForMentee.length; e++) if ((mentorForMentee[e] as number) < 0) count++;
  return count;
}

/**
 * Assigns the cohort's mentees to its mentors (capacity per mentor index). Dense for small cohorts;
 * otherwise the sparse candidate graph, then pricing rounds: either over all pairs until none can improve
 * the result (exact), or, for very large cohorts, over the unmatched mentees only while that adds pairs.
 */
export function assignCohort(c: Cohort, capacity: Int32Array, options: AssignCohortOptions): CohortAssignment {
  const mentees = c.mentees.length;
  const slots = capacity.reduce((s, x) => s + x, 0);
  const useDense = options.solver === 'dense' || (options.solver === 'auto' && mentees * slots <= DENSE_LIMIT);
  if (useDense) {
    const all = allFeasiblePairs(c);
    return {
      mentorForMentee: assignDense({ mentees, capacity, pairs: all }),
      solver: 'dense',
      exact: true,
      rounds: 0,
      candidatePairs: all.mentor.length,
      menteeFeasible: all.menteeFeasible,
      mentorFeasible: all.mentorFeasible,
    };
  }

  const certify = options.certify === 'always' || (options.certify === 'auto' && mentees * c.mentors.length <= CERTIFY_LIMIT);
  const withCache = certify && mentees * c.mentors.length <= CACHE_LIMIT && c.mentors.length <= CACHE_MAX_MENTORS;
  const session = options.threads?.open(c, withCache) ?? null;
  try {
    return assignSparseRounds(c, capacity, options, certify, withCache, session);
  } finally {
    session?.close();
  }
}

function assignSparseRounds(
  c: Cohort,
  capacity: Int32Array,
  options: AssignCohortOptions,
  certify: boolean,
  withCache: boolean,
  session: RowThreadSession | null,
): CohortAssignment {
  const mentees = c.mentees.length;
  const k = Math.max(1, options.candidatesPerPerson ?? (certify ? 5 : 20));
  // Reading a kept row is several times faster than scoring it again.
  const cache = session?.cache ?? (withCache ? newRowCache(mentees, c.mentors.length) : null);
  const scorer = cache ? cachingRowScorer(makeRowScorer(c), cache) : makeRowScorer(c);
  const step = options.onStep ?? ((): void => undefined);
  const candidates = buildCandidates(
    c,
    k,
    scorer,
    certify ? RESERVE : 0,
    session
      ? { scanner: (_, s, sizes, lists) => session.scanCandidates(s, sizes, lists), allocate: session.allocate }
      : undefined,
  );
  step('candidates', `${candidates.mentor.length} pairs`);
  const perMentee = 2 * k;
  const memo = certify ? pricingMemo(candidates.reserve, candidates.prunedBound, session?.allocate, perMentee + 1) : undefined;
  const priceAll: RowPricer | undefined = session ? (_, s, round, m) => session.price(s, round, m) : undefined;
  let pairs: WeightedPairs = candidates;
  if (cache) {
    const seed = greedySeedPairs(scorer, capacity, candidates.menteeFeasible, candidates);
    pairs = mergePairs(candidates, seed, session?.allocate);
    step('seed', `${seed.mentor.length} pairs`);
  }
  let outcome = assignSparse({ mentees, capacity, pairs });
  step('solve', `${unmatchedCount(outcome.mentorForMentee)} unmatched`);
  let exact = false;
  let rounds = 0;
  while (rounds < (certify ? MAX_CERTIFY_ROUNDS : MAX_REPAIR_ROUNDS)) {
    let rows: Int32Array | null = null;
    if (!certify) {
      const waiting: number[] = [];
      outcome.mentorForMentee.forEach((m, e) => {
        if (m < 0 && (candidates.menteeFeasible[e] as number) > 0) waiting.push(e);
      });
      if (waiting.length === 0) break;
      rows = Int32Array.from(waiting);
    }
    const extra = findImprovingPairs(
      c,
      scorer,
      rows,
      outcome.menteePotential,
      outcome.mentorPotential,
      perMentee,
      pairs,
      memo,
      priceAll,
    );
    step('pricing', `${rows ? rows.length : mentees} mentees, ${extra.scannedRows} scored again, ${extra.count} improving pairs`);
    if (extra.count === 0) {
      exact = certify;
      break;
    }
    rounds++;
    // Each round's graph goes to the pricing threads: in shared memory it is not copied.
    pairs = mergePairs(pairs, extra.pairs, session?.allocate);
    const before = unmatchedCount(outcome.mentorForMentee);
    outcome = assignSparse({ mentees, capacity, pairs }, outcome.state);
    step('re-solve', `${unmatchedCount(outcome.mentorForMentee)} unmatched`);
    if (!certify && unmatchedCount(outcome.mentorForMentee) >= before) break;
  }
  return {
    mentorForMentee: outcome.mentorForMentee,
    solver: 'sparse',
    exact,
    rounds,
    candidatePairs: pairs.mentor.length,
    menteeFeasible: candidates.menteeFeasible,
    mentorFeasible: candidates.mentorFeasible,
    duals: { mentee: outcome.menteePotential, mentor: outcome.mentorPotential },
  };
}
