/**
 * A matching worker thread (see matchingThreads.ts): scores mentee rows of a shared cohort for the candidate
 * search and the pricing rounds, claiming chunks of rows from a shared counter.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { newMentorLists, scanCandidateRows, TopK, type MenteeLists } from '../domain/matching/candidates.js';
import type { Cohort } from '../domain/matching/cohort.js';
import { priceRows } from '../domain/matching/pricing.js';
import { cachingRowScorer, makeRowScorer, type RowScorer } from '../domain/matching/rowScorer.js';
import { DONE, type FromWorker, type Job, NEXT, ring, STATE, type ToWorker, WORKER_FAILED, WORKER_OK } from './protocol.js';

const { port, index } = workerData as { port: MessagePort; index: number };
const sessions = new Map<number, { c: Cohort; scorer: RowScorer }>();

/** Claims chunks until none is left; returns how many this worker did. */
function claimChunks(job: Job, rows: number, work: (from: number, to: number) => void): number {
  let did = 0;
  for (;;) {
    const chunk = Atomics.add(job.control, NEXT, 1);
    if (chunk >= job.chunks) return did;
    Atomics.store(job.owners, chunk, index + 1);
    work(chunk * job.chunkRows, Math.min(rows, (chunk + 1) * job.chunkRows));
    did++;
    Atomics.add(job.control, DONE, 1);
    ring(job.control);
  }
}

function reply(job: Job, message: FromWorker): void {
  port.postMessage(message);
  Atomics.store(job.control, STATE + index, message.ok ? WORKER_OK : WORKER_FAILED);
  ring(job.control);
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'open') {
    const inner = makeRowScorer(message.cohort);
    const scorer = message.cache ? cachingRowScorer(inner, message.cache) : inner;
    sessions.set(message.session, { c: message.cohort, scorer });
    return;
  }
  if (message.type === 'close') {
    sessions.delete(message.session);
    return;
  }
  try {
    const session = sessions.get(message.session);
    if (!session) throw new Error(`unknown session ${message.session}`);
    const { c, scorer } = session;
    if (message.type === 'candidates') {
      const { byMentee: b, menteeFeasible, menteeBest, sizes } = message;
      const mentees: MenteeLists = { byMentee: new TopK(sizes.menteeK, b.keys, b.items, b.sizes), menteeFeasible, menteeBest };
      const mentors = newMentorLists(c, sizes);
      const did = claimChunks(message, c.mentees.length, (from, to) => scanCandidateRows(scorer, mentees, mentors, from, to));
      if (did === 0) return reply(message, { job: message.job, ok: true });
      const { keys, items, sizes: heapSizes } = mentors.byMentor;
      const result = { keys, items, sizes: heapSizes, feasibleByPosition: mentors.feasibleByPosition };
      // Copied, not transferred: the first buffer an isolate detaches makes V8 throw away all of that isolate's
      // optimised code that read typed arrays (its "ArrayBufferDetaching" protector), and the worker then priced
      // round 2 from the interpreter and compiled its scorer and pricing again. The copy is under a megabyte at
      // 10,000 mentors.
      return reply(message, { job: message.job, ok: true, candidates: result });
    }
    const triples: number[] = [];
    let scannedRows = 0;
    claimChunks(message, c.mentees.length, (from, to) => {
      const part = priceRows(c, scorer, message.round, message.memo, null, from, to);
      for (const x of part.triples) triples.push(x);
      scannedRows += part.scannedRows;
    });
    return reply(message, { job: message.job, ok: true, triples, scannedRows });
  } catch (error) {
    return reply(message, { job: message.job, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
