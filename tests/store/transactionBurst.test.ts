import { openDatabase } from '../../src/store/database.js';
import { createScratchDatabase, testDatabaseKinds } from '../support/databases.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabaseKinds())('a burst of transactions on %s', (kind) => {
  // 150 transactions of 20 ms each queue for about 3 s on SQLite's one connection (300 ms on a pool of 10):
  // longer than Prisma's default wait of 2 s for a turn, after which it would give up on clicks already acked.
  test('every transaction waits for its turn and commits', async () => {
    const scratch = await createScratchDatabase(kind);
    const db = await openDatabase(scratch.url);
    try {
      const burst = (n: number, options?: { maxWait: number }) =>
        Promise.allSettled(
          Array.from({ length: n }, (_, i) =>
            db.client.$transaction(async (tx) => {
              await tx.coordinator.create({ data: { slackUserId: `U${options ? 'D' : 'B'}${i}` } });
              await sleep(20);
            }, options),
          ),
        );
      const results = await burst(150);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await db.client.coordinator.count()).toBe(150);
      if (kind === 'sqlite') {
        // With Prisma's default wait the same burst loses transactions: the test can fail.
        const withDefault = await burst(150, { maxWait: 2000 });
        expect(withDefault.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
      }
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 60_000);
});
