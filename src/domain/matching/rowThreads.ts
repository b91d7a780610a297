import type { Allocate, CandidateSizes, MenteeLists, MentorLists } from './candidates.js';
import type { Cohort } from './cohort.js';
import type { PricedRows, PricingMemo, PricingRound } from './pricing.js';
import type { RowCache, RowScorer } from './rowScorer.js';

/**
 * A port for spreading a cohort's mentee rows over threads (the candidate search and the pricing rounds
 * read every row independently). The domain stays single-threaded and pure; an implementation with worker
 * threads lives outside it (src/threads). Results must be exactly those of one thread.
 */
export interface RowThreads {
  /**
   * Told at the start of a match how large its cohort may be, so that threads it would use can start while
   * the cohort is compiled (optional; open() must work without it).
   */
  prepare?(mentees: number, mentors: number): void;
  /** A session for one cohort, or null when threads would not pay (small cohort) or are unavailable. */
  open(c: Cohort, withCache: boolean): RowThreadSession | null;
}

export interface RowThreadSession {
  /** Allocates memory the threads share (heaps, memo, cache). */
  allocate: Allocate;
  /** The shared row cache when the session was opened with one. */
  cache: RowCache | null;
  /** Scans every row (filling `mentees`), returns the merged mentor-side lists. */
  scanCandidates(scorer: RowScorer, sizes: CandidateSizes, mentees: MenteeLists): MentorLists;
  /** Prices every row of a round; the parts together hold what one thread would have found. */
  price(scorer: RowScorer, round: PricingRound, memo: PricingMemo | undefined): PricedRows[];
  close(): void;
}
