import { ManualClock } from '../../src/core/clock.js';
import { Scheduler, SCHEDULER_LEASE } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import type { Database } from '../../src/store/database.js';
import { acquireLease, readLease, releaseLease, renewLease } from '../../src/store/jobLease.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-05-04T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const quiet = () => createLogger('error', 'test', () => undefined);

describe.each(testDatabaseKinds())('the scheduler lease on %s', (kind) => {
  const store = useScratchDatabase(kind);

  test('one holder at a time; renewed by its holder only; taken over once expired; released at once', async () => {
    const db = store.db.client;
    expect(await acquireLease(db, 'job-a', 'one', T0, 60_000)).toBe(true);
    expect(await acquireLease(db, 'job-a', 'two', later(59_999), 60_000)).toBe(false);
    expect(await acquireLease(db, 'job-a', 'one', later(30_000), 60_000)).toBe(true); // its holder renews
    expect((await readLease(db, 'job-a'))?.expiresAt).toEqual(later(90_000));
    expect(await renewLease(db, 'job-a', 'two', later(31_000), 60_000)).toBe(false);
    expect(await renewLease(db, 'job-a', 'one', later(40_000), 60_000)).toBe(true);
    // "one" hangs: once its lease has run out, "two" takes over and "one" can no longer renew
    expect(await acquireLease(db, 'job-a', 'two', later(99_999), 60_000)).toBe(false);
    expect(await acquireLease(db, 'job-a', 'two', later(100_000), 60_000)).toBe(true);
    expect(await renewLease(db, 'job-a', 'one', later(100_001), 60_000)).toBe(false);
    expect(await releaseLease(db, 'job-a', 'one')).toBe(false);
    expect(await releaseLease(db, 'job-a', 'two')).toBe(true);
    expect(await readLease(db, 'job-a')).toBeNull();
    expect(await acquireLease(db, 'job-a', 'three', later(100_002), 60_000)).toBe(true);
  });

  test('replicas racing for a free or an expired lease: exactly one wins each time', async () => {
    const others: Database[] = [await store.openAnother(), await store.openAnother(), await store.openAnother()];
    const dbs = [store.db.client, ...others.map((o) => o.client)];
    for (let round = 0; round < 10; round++) {
      // round 0: no row yet (the insert races); later rounds: the previous winner's lease has expired
      const at = later(round * 120_000);
      const wins = await Promise.all(dbs.map((db, i) => acquireLease(db, 'job-b', `replica-${i}`, at, 60_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    }
  });

  test('two schedulers on one database (two replicas): never two passes at once; the other skips', async () => {
    const other = await store.openAnother();
    const clock = new ManualClock(T0);
    let running = 0;
    let maxRunning = 0;
    const ran: string[] = [];
    const pass = (who: string) => async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 60));
      ran.push(who);
      running -= 1;
    };
    const a = new Scheduler('*/5 * * * *', pass('a'), clock, quiet(), { db: store.db.client, holder: 'a' });
    const b = new Scheduler('*/5 * * * *', pass('b'), clock, quiet(), { db: other.client, holder: 'b' });
    for (let round = 0; round < 8; round++) {
      await Promise.all([a.runOnce(), b.runOnce()]);
      clock.advance(5 * 60_000);
    }
    expect(maxRunning).toBe(1);
    expect(ran).toHaveLength(8); // one pass per round: the other replica skipped it
    expect([a.status.lastOutcome, b.status.lastOutcome].sort()).toEqual(['done', 'skipped']);
    // each pass let go: nothing holds the lease between passes
    expect(await readLease(store.db.client, SCHEDULER_LEASE)).toBeNull();
    await Promise.all([a.stop(), b.stop()]);
  });

  test('a replica that died holding the lease is taken over after its expiry; a long pass keeps its lease by renewing it', async () => {
    const db = store.db.client;
    const clock = new ManualClock(later(3_600_000));
    expect(await acquireLease(db, SCHEDULER_LEASE, 'crashed', clock.now(), 120_000)).toBe(true);
    let passes = 0;
    const slow = new Scheduler(
      '*/5 * * * *',
      async () => {
        passes += 1;
        // the pass outlives its lease's first term: the renewals (every 20 ms here) keep it
        for (let i = 0; i < 12; i++) {
          clock.advance(30_000);
          await new Promise((r) => setTimeout(r, 40));
        }
      },
      clock,
      quiet(),
      { db, holder: 'slow', ttlMs: 120_000, renewEveryMs: 20 },
    );
    await slow.runOnce();
    expect([passes, slow.status.lastOutcome]).toEqual([0, 'skipped']);
    clock.advance(120_000);
    const running = slow.runOnce();
    // while it runs (and past its first 2 minutes), a second replica cannot start
    const rival = new Scheduler('*/5 * * * *', async () => void (passes += 100), clock, quiet(), { db, holder: 'rival' });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 45));
      await rival.runOnce();
    }
    await running;
    expect([passes, slow.status.lastOutcome, rival.status.lastOutcome]).toEqual([1, 'done', 'skipped']);
    await Promise.all([slow.stop(), rival.stop()]);
  });
});
