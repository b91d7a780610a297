import type { CandidateSizes } from '../domain/matching/candidates.js';
import type { Cohort } from '../domain/matching/cohort.js';
import type { PricingMemo, PricingRound } from '../domain/matching/pricing.js';
import type { RowCache } from '../domain/matching/rowScorer.js';

/**
 * Messages between the matching thread pool and its workers. Rows are handed out in chunks through a
 * shared counter; the control array (Int32, shared) holds:
 */
export const NEXT = 0; // the next chunk to claim
export const DONE = 1; // chunks finished, all threads
export const BELL = 2; // bumped (and notified) on every event: a chunk finished, a worker finished or failed
export const STATE = 3; // + worker index: 0 working or not started, 1 finished (its result is posted), 2 failed
export const WORKER_OK = 1;
export const WORKER_FAILED = 2;

export interface Job {
  job: number;
  session: number;
  control: Int32Array;
  /** Per chunk: 0 = the main thread, w + 1 = worker w. */
  owners: Int8Array;
  chunks: number;
  chunkRows: number;
}

export type ToWorker =
  | { type: 'open'; session: number; cohort: Cohort; cache: RowCache | null }
  | { type: 'close'; session: number }
  | (Job & {
      type: 'candidates';
      sizes: CandidateSizes;
      byMentee: { keys: Float64Array; items: Int32Array; sizes: Int32Array };
      menteeFeasible: Int32Array;
      menteeBest: Int32Array;
    })
  | (Job & { type: 'price'; round: PricingRound; memo: PricingMemo | undefined });

export type FromWorker =
  | {
      job: number;
      ok: true;
      candidates?: { keys: Float64Array; items: Int32Array; sizes: Int32Array; feasibleByPosition: Int32Array };
    }
  | { job: number; ok: true; triples?: number[]; scannedRows?: number }
  | { job: number; ok: false; error: string };

export function ring(control: Int32Array): void {
  Atomics.add(control, BELL, 1);
  Atomics.notify(control, BELL);
}
