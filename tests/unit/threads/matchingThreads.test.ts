import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assignCohort,
  compileCohort,
  findCertificateViolation,
  mentorCapacity,
  type CohortAssignment,
} from '../../../src/domain/matching/index.js';
import { TopK } from '../../../src/domain/matching/candidates.js';
import { matchingThreads, type MatchingThreads } from '../../../src/threads/matchingThreads.js';
import { makeRandom, syntheticCohort } from '../domain/matching/support.js';

function cohortOf(seed: number, mentors: number, mentees: number, doubleCapacityShare: number) {
  const input = syntheticCohort({ mentors, mentees, seed, doubleCapacityShare });
  const c = compileCohort(input.mentors, input.mentees, input);
  return { c, capacity: Int32Array.from(input.mentors, (m) => mentorCapacity(m)) };
}

function expectSame(threaded: CohortAssignment, single: CohortAssignment): void {
  expect(Array.from(threaded.mentorForMentee)).toEqual(Array.from(single.mentorForMentee));
  expect(threaded.exact).toBe(single.exact);
  expect(threaded.rounds).toBe(single.rounds);
  expect(threaded.candidatePairs).toBe(single.candidatePairs);
  expect(Array.from(threaded.menteeFeasible)).toEqual(Array.from(single.menteeFeasible));
  expect(Array.from(threaded.mentorFeasible)).toEqual(Array.from(single.mentorFeasible));
  expect(Array.from(threaded.duals!.mentee)).toEqual(Array.from(single.duals!.mentee));
  expect(Array.from(threaded.duals!.mentor)).toEqual(Array.from(single.duals!.mentor));
}

describe('top-k heaps', () => {
  test('keep the same pairs whatever the order of the offers, ties included (threads merge heaps)', () => {
    const offers: [number, number][] = [
      [5, 3],
      [5, 1],
      [7, 9],
      [5, 2],
      [4, 0],
      [5, 0],
    ];
    const kept = (order: [number, number][]): string => {
      const heap = TopK.create(1, 3);
      for (const [key, item] of order) heap.offer(0, key, item);
      return Array.from(heap.items.subarray(0, heap.sizes[0]))
        .sort((a, b) => a - b)
        .join(',');
    };
    const random = makeRandom(5);
    for (let round = 0; round < 50; round++) {
      const shuffled = [...offers].sort(() => random() - 0.5);
      expect(kept(shuffled)).toBe('0,1,9');
    }
  });
});

describe('matching on worker threads', () => {
  // Two workers besides this thread (even on two cores), and no size floor, so small cohorts are split too.
  let threads: MatchingThreads;
  beforeAll(() => {
    threads = matchingThreads({ workers: 2, minPairs: 0 });
  });
  afterAll(async () => {
    await threads.close();
  });

  test('the same result as one thread, bit for bit, on random cohorts; certified results carry a valid certificate', () => {
    const random = makeRandom(4211);
    // The first call starts the workers; they may join late, so the loop runs until they have taken work.
    for (let round = 0; round < 10; round++) {
      const mentors = 150 + Math.floor(random() * 300);
      const mentees = 150 + Math.floor(random() * 300);
      const { c, capacity } = cohortOf(Math.floor(random() * 1e9), mentors, mentees, round % 2 === 0 ? 0 : 0.4);
      for (const certify of ['always', 'never'] as const) {
        const options = { solver: 'sparse' as const, certify, candidatesPerPerson: 1 + (round % 4) };
        const single = assignCohort(c, capacity, options);
        const threaded = assignCohort(c, capacity, { ...options, threads });
        expectSame(threaded, single);
        if (certify === 'always') {
          expect(threaded.exact).toBe(true);
          expect(findCertificateViolation(c, capacity, threaded.mentorForMentee, threaded.duals!)).toBeNull();
        }
      }
    }
    expect(threads.usable).toBe(2);
    expect(threads.workerChunks).toBeGreaterThan(0);
  });

  test('prepare() starts the workers early only for a cohort large enough to use them', async () => {
    const pool = matchingThreads({ workers: 1, minPairs: 100_000 });
    pool.prepare(200, 200);
    expect(pool.started).toBe(false);
    pool.prepare(400, 300);
    expect(pool.started).toBe(true);
    const { c, capacity } = cohortOf(8, 300, 400, 0);
    const options = { solver: 'sparse' as const, certify: 'always' as const };
    expectSame(assignCohort(c, capacity, { ...options, threads: pool }), assignCohort(c, capacity, options));
    await pool.close();
  });

  test('small cohorts stay on one thread with the default size floor', async () => {
    const pool = matchingThreads({ workers: 1 });
    const { c, capacity } = cohortOf(7, 200, 200, 0);
    const result = assignCohort(c, capacity, { solver: 'sparse', certify: 'always', threads: pool });
    expect(result.exact).toBe(true);
    expect(pool.workerChunks).toBe(0);
    await pool.close();
  });
});

describe('the worker keeps its optimised code', () => {
  // V8 throws away all of an isolate's optimised code that reads typed arrays the first time that isolate detaches
  // an ArrayBuffer (a transfer does), and its trace says so: nothing the worker does in a match may detach one.
  test('no ArrayBuffer is detached while a match runs on a worker', () => {
    const url = (path: string): string => JSON.stringify(new URL(path, import.meta.url).href);
    const script = `
      import { matchingThreads } from ${url('../../../src/threads/matchingThreads.ts')};
      import { assignCohort, compileCohort, mentorCapacity } from ${url('../../../src/domain/matching/index.ts')};
      import { syntheticCohort } from ${url('../../../bench/matching/synthetic.ts')};
      const input = syntheticCohort({ mentors: 1000, mentees: 1000, seed: 3, doubleCapacityShare: 0 });
      const c = compileCohort(input.mentors, input.mentees, input);
      const capacity = Int32Array.from(input.mentors, (m) => mentorCapacity(m));
      const threads = matchingThreads({ workers: 1, minPairs: 0 });
      threads.prepare(1000, 1000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      process.stdout.write('MATCHING\\n');
      const options = { solver: 'sparse', certify: 'always', threads };
      for (let i = 0; i < 20 && threads.workerChunks === 0; i++) assignCohort(c, capacity, options);
      process.stdout.write('DONE ' + threads.workerChunks + '\\n');
      await threads.close();
    `;
    // A file, not -e: a worker inherits --input-type=module, and its CommonJS bootstrap would not run.
    const dir = mkdtempSync(join(tmpdir(), 'rm-detach-'));
    let out: string;
    try {
      writeFileSync(join(dir, 'match.mjs'), script);
      out = execFileSync(process.execPath, ['--trace-protector-invalidation', '--import', 'tsx', join(dir, 'match.mjs')], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const during = out.slice(out.indexOf('MATCHING'));
    expect(during).toMatch(/^DONE [1-9]/m);
    expect(during).not.toContain('ArrayBufferDetaching');
  });
});
