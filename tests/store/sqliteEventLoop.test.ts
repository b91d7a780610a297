import { openDatabase } from '../../src/store/database.js';
import { createScratchDatabase } from '../support/databases.js';

test('SQLite: a backlog of queries lets timers and sockets run in between (libsql answers synchronously)', async () => {
  const scratch = await createScratchDatabase('sqlite');
  const db = await openDatabase(scratch.url);
  try {
    await db.client.coordinator.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ slackUserId: `U${i}` })) });
    let finished = 0;
    const queries = Array.from({ length: 1000 }, () => db.client.coordinator.findMany().then(() => (finished += 1)));
    // A timer due in 1 ms must not wait for the whole backlog (before the fix it fired after all 1,000).
    const startedAt = Date.now();
    const timerAt = await new Promise<{ finished: number; ms: number }>((resolve) =>
      setTimeout(() => resolve({ finished, ms: Date.now() - startedAt }), 1),
    );
    await Promise.all(queries);
    // The check that fails without the fix: the timer ran before the backlog was through.
    expect(timerAt.finished).toBeLessThan(1000);
    // A bound for gross regressions only: 0.25 s measured alone with the fix, 2.0 to 2.4 s with another test
    // process on the same 2 cores, 11 s without the fix for 1,500 queries.
    expect(timerAt.ms).toBeLessThan(5000);
    const tx = await db.client.$transaction(async (t) => {
      await t.coordinator.create({ data: { slackUserId: 'UTX' } });
      return t.coordinator.count();
    });
    expect(tx).toBe(201);
  } finally {
    await db.close();
    await scratch.drop();
  }
});
