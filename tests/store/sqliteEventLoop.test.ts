import { openDatabase } from '../../src/store/database.js';
import { createScratchDatabase } from '../support/databases.js';

test('SQLite: a backlog of queries lets timers and sockets run in between (libsql answers synchronously)', async () => {
  const scratch = await createScratchDatabase('sqlite');
  const db = await openDatabase(scratch.url);
  try {
    // 20 rows a query: 200 made the 1,000 reads take 5 s alone and over 30 s in a loaded CI run on a slower machine.
    await db.client.coordinator.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ slackUserId: `U${i}` })) });
    let finished = 0;
    const queries = Array.from({ length: 1000 }, () => db.client.coordinator.findMany().then(() => (finished += 1)));
    // A timer due in 1 ms must not wait for the whole backlog (before the fix it fired after all 1,000).
    const timerAt = await new Promise<{ finished: number }>((resolve) => setTimeout(() => resolve({ finished }), 1));
    await Promise.all(queries);
    // The check that fails without the fix: the timer ran before the backlog was through.
    // Alone the timer runs before any query is through (0 of 1,000, after about 0.2 s). The count, not the wall
    // clock, is the bound: in a full CI run on 2 cores the same timer once waited 8 s with the fix in place.
    expect(timerAt.finished).toBeLessThan(100);
    const tx = await db.client.$transaction(async (t) => {
      await t.coordinator.create({ data: { slackUserId: 'UTX' } });
      return t.coordinator.count();
    });
    expect(tx).toBe(21);
  } finally {
    await db.close();
    await scratch.drop();
  }
}, 120_000);
