import { ACK_BUDGET_MS } from '../../src/slack/listeners/kit/commands.js';
import type { Db } from '../../src/store/database.js';
import type { DatabaseKind } from '../../src/store/databaseUrl.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

const EMPLOYEE = 'U0EMU0007';

/** Queues about `ms` of database work ahead of anything the app asks next (slow queries on every connection). */
function busyDatabase(db: Db, kind: DatabaseKind, ms: number): Promise<unknown> {
  if (kind === 'postgres') {
    // The pool has 10 connections: 20 sleeps of ms/2 keep all of them busy for about ms.
    return Promise.all(Array.from({ length: 20 }, () => db.$queryRawUnsafe(`SELECT pg_sleep(${ms / 2000})::text AS slept`)));
  }
  // SQLite has one connection: a queue of small CPU-bound queries (each a few ms).
  const burn = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT count(*) AS n FROM c';
  return (async () => {
    const started = Date.now();
    const one = Date.now();
    await db.$queryRawUnsafe(burn);
    const each = Math.max(0.2, Date.now() - one);
    await Promise.all(Array.from({ length: Math.ceil(ms / each) }, () => db.$queryRawUnsafe(burn)));
    return Date.now() - started;
  })();
}

describe.each(testDatabaseKinds())('slash commands under a busy database on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('the ack goes out within the budget and the answer follows through the response_url', async () => {
    const backlog = busyDatabase(h.bot.db.client, kind, 2500);
    await new Promise((r) => setTimeout(r, 50)); // the backlog is queued before the command arrives
    // Not a coordinator: the handler must read the Coordinator table, behind the backlog.
    const res = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report' });
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined(); // an empty ack: the answer was not ready in time
    expect(res.elapsedMs).toBeGreaterThanOrEqual(ACK_BUDGET_MS - 20);
    expect(res.elapsedMs).toBeLessThan(2000);
    const answer = await eventually(
      () => h.emulator.responseUrlPosts({ userId: EMPLOYEE, via: 'response_url' })[0],
      10_000,
      'the answer on the response_url',
    );
    expect(answer.status).toBe(200);
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toContain('is for programme coordinators');
    await backlog;
  });

  test('when the database answers in time, the answer is in the ack itself', async () => {
    const res = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report' });
    expect(res.status).toBe(200);
    expect(res.json?.text).toContain('is for programme coordinators');
    expect(h.emulator.responseUrlPosts({ userId: EMPLOYEE, via: 'response_url' })).toHaveLength(1); // only the earlier one
  });
});
