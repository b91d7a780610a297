/**
 * Worker threads for the matcher's row work (the RowThreads port of src/domain/matching/rowThreads.ts): the
 * candidate search and the pricing rounds read every mentee row independently, so the main thread and the
 * workers claim chunks of rows from a shared counter and write into shared memory; mentor-side heaps and
 * improving pairs are merged afterwards, to exactly the single-thread result.
 *
 * The domain's API stays synchronous: the main thread works through chunks itself, then blocks in
 * Atomics.wait until the workers that took chunks are done, and reads their replies with
 * receiveMessageOnPort (no event-loop turn needed). A worker that fails or stalls is dropped and its chunks
 * are done again on the main thread; the pool then stays single-threaded.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  type CandidateSizes,
  type MenteeLists,
  type MentorLists,
  mergeMentorLists,
  newMentorLists,
  scanCandidateRows,
  TopK,
} from '../domain/matching/candidates.js';
import type { Cohort } from '../domain/matching/cohort.js';
import { memoRowsRestorer, type PricedRows, type PricingMemo, type PricingRound, priceRows } from '../domain/matching/pricing.js';
import { newRowCache, type RowScorer } from '../domain/matching/rowScorer.js';
import type { RowThreads, RowThreadSession } from '../domain/matching/rowThreads.js';
import { BELL, DONE, type FromWorker, type Job, NEXT, STATE, type ToWorker, WORKER_FAILED, WORKER_OK } from './protocol.js';

/**
 * Mentees x mentors below which one thread is used: at 2,000 x 2,000 a fresh process gained nothing from a
 * worker (main thread 0.49 s against 0.45 s of CPU; the worker's start and warm-up cost 0.5 s of CPU).
 */
export const PARALLEL_MIN_PAIRS = 5_000_000;
/** A worker holding chunks that shows no progress for this long is given up. */
const STALL_MS = 20_000;
const WAIT_MS = 100;
/**
 * Chunks per thread. The scan's chunks are small (about 10 ms of CPU at 10,000 x 10,000) so that the last one
 * a worker takes, possibly slowed by its warm-up or by other processes, keeps the calling thread waiting
 * little; a pricing chunk is cheaper still, and each call prepares per-call tables.
 */
const SCAN_CHUNKS_PER_THREAD = 64;
const PRICE_CHUNKS_PER_THREAD = 16;

export interface MatchingThreadsOptions {
  /** Worker threads besides the main thread; default: the machine's cores - 1. */
  workers?: number;
  minPairs?: number;
}

export interface MatchingThreads extends RowThreads {
  prepare(mentees: number, mentors: number): void;
  /** Stops the workers (tests; the workers do not keep a process alive anyway). */
  close(): Promise<void>;
  /** How many workers are usable (0 once one failed). */
  readonly usable: number;
  /** Chunks of rows the workers have done so far (the rest ran on the calling thread). */
  readonly workerChunks: number;
  /** Whether the workers have been started (by prepare() or the first session that uses them). */
  readonly started: boolean;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

/**
 * The worker module next to this one: JavaScript in the built dist/. Under tsx or jest (TypeScript sources;
 * Node 20 does not pass tsx's hooks on to workers) the worker bundles its sources with esbuild, which tsx
 * itself runs on, and evaluates the bundle. tsx's ES module hooks start one more thread per worker (the
 * worker then began its first chunk 100 to 150 ms later); tsx's require hook turns every imported binding
 * into a getter call, and the worker priced rows at about half the main thread's speed.
 */
function startWorker(workerData: unknown, transferList: MessagePort[]): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./matchingWorker.js', here), { workerData, transferList });
  const esbuild = createRequire(createRequire(here).resolve('tsx/package.json')).resolve('esbuild');
  const options = {
    entryPoints: [fileURLToPath(new URL('./matchingWorker.ts', here))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  };
  const bootstrap =
    `const esbuild = require(${JSON.stringify(esbuild)});` +
    `const { outputFiles } = esbuild.buildSync(${JSON.stringify(options)});` +
    // Stops esbuild's service (a thread and a process) once the bundle is built.
    `esbuild.stop();` +
    `new Function('require', 'module', 'exports', outputFiles[0].text)(require, { exports: {} }, {});`;
  return new Worker(bootstrap, { eval: true, workerData, transferList });
}

const sharedMemory = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

export function matchingThreads(options: MatchingThreadsOptions = {}): MatchingThreads {
  const wanted = Math.max(0, options.workers ?? availableParallelism() - 1);
  const minPairs = options.minPairs ?? PARALLEL_MIN_PAIRS;
  let pool: PoolWorker[] | null = null;
  let broken = wanted === 0;
  let sessions = 0;
  let jobs = 0;
  let workerChunks = 0;

  const start = (): PoolWorker[] => {
    if (pool) return pool;
    pool = Array.from({ length: wanted }, (_, index) => {
      const { port1, port2 } = new MessageChannel();
      const worker = startWorker({ port: port2, index }, [port2]);
      worker.on('error', () => (broken = true));
      worker.on('exit', () => (broken = true));
      worker.unref();
      port1.unref();
      return { worker, port: port1 };
    });
    return pool;
  };

  /** Runs one chunked job: the main thread works too; returns the replies of the workers that took chunks. */
  const run = (
    workers: PoolWorker[],
    message: (job: Job) => ToWorker,
    rows: number,
    work: (from: number, to: number) => void,
    redo: (from: number, to: number) => void,
    chunksPerThread: number,
  ): FromWorker[] => {
    const chunkRows = Math.max(8, Math.ceil(rows / ((workers.length + 1) * chunksPerThread)));
    const chunks = Math.ceil(rows / chunkRows);
    const job: Job = {
      job: ++jobs,
      session: 0,
      control: new Int32Array(sharedMemory(4 * (STATE + workers.length))),
      owners: new Int8Array(sharedMemory(chunks)),
      chunks,
      chunkRows,
    };
    for (const w of workers) w.worker.postMessage(message(job));
    const { control, owners } = job;
    for (;;) {
      const chunk = Atomics.add(control, NEXT, 1);
      if (chunk >= chunks) break;
      work(chunk * chunkRows, Math.min(rows, (chunk + 1) * chunkRows));
      Atomics.add(control, DONE, 1);
    }
    const holds = (w: number): boolean => owners.some((o) => o === w + 1);
    let waited = 0;
    let lastBell = -1;
    for (;;) {
      const bell = Atomics.load(control, BELL);
      const states = workers.map((_, w) => Atomics.load(control, STATE + w));
      // Done when every worker holding chunks has answered (a worker that took none may not even have started).
      if (
        workers.every((_, w) => states[w] !== 0 || !holds(w)) &&
        (Atomics.load(control, DONE) === chunks || states.includes(WORKER_FAILED))
      )
        break;
      if (bell !== lastBell) {
        lastBell = bell;
        waited = 0;
      } else if ((waited += WAIT_MS) >= STALL_MS) {
        workers.forEach((_, w) => {
          if (states[w] === 0) Atomics.store(control, STATE + w, WORKER_FAILED);
        });
        continue;
      }
      Atomics.wait(control, BELL, bell, WAIT_MS);
    }
    const replies: FromWorker[] = [];
    workers.forEach((w, index) => {
      if (!holds(index)) return;
      const reply = Atomics.load(control, STATE + index) === WORKER_OK ? receive(w.port, job.job) : null;
      if (reply?.ok) {
        workerChunks += owners.filter((o) => o === index + 1).length;
        replies.push(reply);
        return;
      }
      broken = true;
      void w.worker.terminate();
      owners.forEach((o, chunk) => {
        if (o === index + 1) redo(chunk * chunkRows, Math.min(rows, (chunk + 1) * chunkRows));
      });
    });
    return replies;
  };

  const threads: MatchingThreads = {
    get usable() {
      return broken ? 0 : wanted;
    },
    get workerChunks() {
      return workerChunks;
    },
    get started() {
      return pool !== null;
    },
    prepare(mentees: number, mentors: number): void {
      if (broken || pool || mentees * mentors < minPairs) return;
      try {
        start();
      } catch {
        broken = true;
      }
    },
    open(c: Cohort, withCache: boolean): RowThreadSession | null {
      if (broken || c.mentees.length * c.mentors.length < minPairs) return null;
      let workers: PoolWorker[];
      try {
        workers = start();
      } catch {
        broken = true;
        return null;
      }
      const nE = c.mentees.length;
      const session = ++sessions;
      const cache = withCache ? newRowCache(nE, c.mentors.length, sharedMemory) : null;
      // The worker needs only the typed arrays: the people themselves stay here.
      const cohort: Cohort = { ...c, mentors: new Array(c.mentors.length), mentees: new Array(nE) };
      for (const w of workers) w.worker.postMessage({ type: 'open', session, cohort, cache } satisfies ToWorker);
      const live = (): PoolWorker[] => (broken ? [] : workers);
      return {
        allocate: sharedMemory,
        cache,
        scanCandidates(scorer: RowScorer, sizes: CandidateSizes, mentees: MenteeLists): MentorLists {
          const mine = newMentorLists(c, sizes);
          const { keys, items, sizes: heapSizes } = mentees.byMentee;
          const replies = run(
            live(),
            (job) => ({
              ...job,
              session,
              type: 'candidates',
              sizes,
              byMentee: { keys, items, sizes: heapSizes },
              menteeFeasible: mentees.menteeFeasible,
              menteeBest: mentees.menteeBest,
            }),
            nE,
            (from, to) => scanCandidateRows(scorer, mentees, mine, from, to),
            (from, to) => {
              heapSizes.fill(0, from, to);
              scanCandidateRows(scorer, mentees, mine, from, to);
            },
            SCAN_CHUNKS_PER_THREAD,
          );
          for (const reply of replies) {
            if (!reply.ok || !('candidates' in reply) || !reply.candidates) continue;
            const r = reply.candidates;
            const theirs: MentorLists = {
              byMentor: new TopK(sizes.mentorK, r.keys, r.items, r.sizes),
              mentorWorst: new Float64Array(0),
              feasibleByPosition: r.feasibleByPosition,
            };
            mergeMentorLists(mine, theirs);
          }
          return mine;
        },
        price(scorer: RowScorer, round: PricingRound, memo: PricingMemo | undefined): PricedRows[] {
          const mine: PricedRows = { triples: [], scannedRows: 0 };
          const add = (part: PricedRows): void => {
            for (const x of part.triples) mine.triples.push(x);
            mine.scannedRows += part.scannedRows;
          };
          // A failed worker may have updated the memo of rows it did not finish: they are restored before redoing.
          const restore = memo ? memoRowsRestorer(memo) : null;
          const replies = run(
            live(),
            (job) => ({ ...job, session, type: 'price', round, memo: memo ? { ...memo, potentials: [] } : undefined }),
            nE,
            (from, to) => add(priceRows(c, scorer, round, memo, null, from, to)),
            (from, to) => {
              restore?.(from, to);
              add(priceRows(c, scorer, round, memo, null, from, to));
            },
            PRICE_CHUNKS_PER_THREAD,
          );
          const parts = [mine];
          for (const reply of replies) {
            if (reply.ok && 'triples' in reply && reply.triples)
              parts.push({ triples: reply.triples, scannedRows: reply.scannedRows ?? 0 });
          }
          return parts;
        },
        close(): void {
          for (const w of workers) w.worker.postMessage({ type: 'close', session } satisfies ToWorker);
        },
      };
    },
    async close(): Promise<void> {
      const workers = pool ?? [];
      pool = null;
      broken = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
  return threads;
}

/** The reply to `job` (older replies, from jobs the worker joined too late, are dropped). */
function receive(port: MessagePort, job: number): FromWorker | null {
  for (;;) {
    const got = receiveMessageOnPort(port) as { message: FromWorker } | undefined;
    if (!got) return null;
    if (got.message.job === job) return got.message;
  }
}

let processPool: MatchingThreads | null = null;
/** The process's pool: its workers start on the first cohort large enough, and are reused after. */
export function processMatchingThreads(): MatchingThreads {
  processPool ??= matchingThreads();
  return processPool;
}
