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

  test('a busy database delays the ack until the command is recorded (never a 2xx before), still within 3 s', async () => {
    const backlog = busyDatabase(h.bot.db.client, kind, 2500);
    await new Promise((r) => setTimeout(r, 50)); // the backlog is queued before the command arrives
    const res = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report' });
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(3000);
    // Recorded before the answer: had the process died right after the ack, another replica would answer.
    const row = await h.bot.db.client.inboxRequest.findUniqueOrThrow({ where: { requestKey: `trigger:${res.triggerId}` } });
    expect(row.kind).toBe('slash_command');
    // The answer: in the ack when the handler made the budget once the record was in, else on the response_url.
    const answer =
      res.json?.text ??
      (await eventually(
        () => h.emulator.responseUrlPosts({ userId: EMPLOYEE, via: 'response_url' })[0]?.text,
        10_000,
        'the answer on the response_url',
      ));
    expect(answer).toContain('is for programme coordinators');
    await backlog;
  });

  test('when the database answers in time, the answer is in the ack itself', async () => {
    // Up to three commands: on a loaded CI machine one answer can miss the 100 ms budget (CI saw it once) and go to
    // the response_url instead, which is right for a late answer; the claim is that a timely one is in the ack.
    const answers: Array<{ status: number; text?: string; elapsedMs: number }> = [];
    for (let i = 0; i < 3 && !answers.some((a) => a.text); i++) {
      const res = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report' });
      answers.push({ status: res.status, text: res.json?.text as string | undefined, elapsedMs: res.elapsedMs });
    }
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const inAck = answers.find((a) => a.text);
    expect(inAck?.text).toContain('is for programme coordinators');
    expect(inAck?.elapsedMs).toBeLessThan(ACK_BUDGET_MS + 500);
  });
});
