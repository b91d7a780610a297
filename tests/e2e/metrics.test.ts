import { enqueueMessages } from '../../src/store/outbox.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { metric, scrape } from '../support/metrics.js';

const COORDINATOR = 'U0EMU0005';
const MINUTE = 60_000;

describe.each(testDatabaseKinds())('GET /metrics on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], start: { queueStatsMaxAgeMs: 0 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('Slack requests are counted by kind and outcome, with their ack latency', async () => {
    const before = await scrape(h.appUrl);
    const res = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(res.status).toBe(200);
    await h.driver.appHomeOpened(COORDINATOR);
    expect(await h.bot.idle(5000)).toBe(true);
    const after = await scrape(h.appUrl);
    const moved = (name: string, labels: Record<string, string>) =>
      (metric(after, name, labels) ?? 0) - (metric(before, name, labels) ?? 0);
    expect(moved('rm_slack_requests_total', { kind: 'slash_command', outcome: 'ok' })).toBe(1);
    expect(moved('rm_slack_requests_total', { kind: 'event_callback', outcome: 'ok' })).toBe(1);
    expect(moved('rm_slack_ack_duration_seconds_count', { kind: 'slash_command' })).toBe(1);
    // The ack took well under Slack's 3 s: it is in the 3 s bucket.
    expect(moved('rm_slack_ack_duration_seconds_bucket', { kind: 'slash_command', le: '3' })).toBe(1);
    // Both answers waited for their record in the inbox: one batch each (one at a time), both committed in time.
    expect(moved('rm_inbox_recorded_requests_total', { outcome: 'ok' })).toBe(2);
    expect(moved('rm_inbox_record_duration_seconds_count', { outcome: 'ok' })).toBe(2);
    expect(moved('rm_inbox_record_duration_seconds_bucket', { outcome: 'ok', le: '3' })).toBe(2);
    expect(metric(after, 'rm_requests_waiting', { stage: 'inbox' })).toBe(0);
  });

  test('the inbox: every request recorded and done (depth back to 0); a request waiting for its retry is counted', async () => {
    await h.driver.appHomeOpened(COORDINATOR);
    expect(await h.bot.idle(5000)).toBe(true);
    await eventually(
      async () => ((await h.bot.db.client.inboxRequest.count({ where: { status: 'pending' } })) === 0 ? true : undefined),
      5000,
      'inbox done',
    );
    expect(await h.bot.db.client.inboxRequest.count({ where: { status: 'done' } })).toBeGreaterThanOrEqual(3);
    expect(metric(await scrape(h.appUrl), 'rm_queue_depth', { queue: 'inbox' })).toBe(0);
    const retryAt = new Date(Date.now() + 60 * MINUTE); // the inbox runs on real time
    await h.bot.db.client.inboxRequest.create({
      data: {
        id: 'metrics-inbox-1',
        requestKey: 'trigger:metrics-1',
        kind: 'block_actions',
        bodyJson: '{}',
        nextAttemptAt: retryAt,
        receivedAt: new Date(),
      },
    });
    const waiting = await scrape(h.appUrl);
    expect(metric(waiting, 'rm_queue_depth', { queue: 'inbox' })).toBe(1);
    expect(metric(waiting, 'rm_queue_due', { queue: 'inbox' })).toBe(0);
    await h.bot.db.client.inboxRequest.delete({ where: { id: 'metrics-inbox-1' } });
  });

  test('outbox depth, due rows, the oldest due row and deliveries move as the sender works', async () => {
    await h.bot.outbox.stop(); // the rows wait until the sender starts again
    const start = new Date(Math.ceil(Date.now() / 1000) * 1000);
    h.clock.set(start);
    const later = new Date(start.getTime() + 60 * MINUTE);
    await enqueueMessages(h.bot.db.client, [
      ...[1, 2, 3].map((i) => ({
        idempotencyKey: `metrics-now-${i}`,
        kind: 'test.now',
        to: { channel: COORDINATOR },
        text: 'hi',
      })),
      { idempotencyKey: 'metrics-later', kind: 'test.later', to: { channel: COORDINATOR }, text: 'later', notBefore: later },
    ]);
    const waiting = await scrape(h.appUrl);
    expect(metric(waiting, 'rm_queue_depth', { queue: 'outbox' })).toBe(4);
    expect(metric(waiting, 'rm_queue_due', { queue: 'outbox' })).toBe(3);
    expect(metric(waiting, 'rm_queue_oldest_due_age_seconds', { queue: 'outbox' })).toBeLessThan(5);

    h.clock.set(new Date(start.getTime() + 20 * MINUTE)); // the sender has been down for 20 minutes
    const stuck = await scrape(h.appUrl);
    expect(metric(stuck, 'rm_queue_oldest_due_age_seconds', { queue: 'outbox' })).toBeGreaterThan(20 * 60 - 5);
    expect(metric(stuck, 'rm_queue_oldest_due_age_seconds', { queue: 'outbox' })).toBeLessThan(20 * 60 + 5);

    const sentBefore = metric(stuck, 'rm_outbox_sent_total') ?? 0;
    const limitedBefore = metric(stuck, 'rm_outbox_rate_limited_total') ?? 0;
    const retriedBefore = metric(stuck, 'rm_outbox_retried_total') ?? 0;
    h.emulator.injectFault({ method: 'chat.postMessage', status: 429, retryAfter: 1, times: 1 });
    h.bot.outbox.start(50);
    // The first of the conversation's three gets a 429: the conversation waits as long as Slack asks.
    const limited = await eventually(
      async () => {
        const text = await scrape(h.appUrl);
        return (metric(text, 'rm_outbox_rate_limited_total') ?? 0) > limitedBefore ? text : undefined;
      },
      10000,
      'a 429',
    );
    expect(metric(limited, 'rm_queue_due', { queue: 'outbox' })).toBe(0);
    h.clock.advance(2000); // past Retry-After
    const drained = await eventually(
      async () => {
        const text = await scrape(h.appUrl);
        return metric(text, 'rm_queue_due', { queue: 'outbox' }) === 0 &&
          (metric(text, 'rm_outbox_sent_total') ?? 0) - sentBefore === 3
          ? text
          : undefined;
      },
      10000,
      'all due rows sent',
    );
    expect(metric(drained, 'rm_queue_depth', { queue: 'outbox' })).toBe(1); // the one for later
    expect(metric(drained, 'rm_queue_oldest_due_age_seconds', { queue: 'outbox' })).toBe(0);
    expect((metric(drained, 'rm_outbox_rate_limited_total') ?? 0) - limitedBefore).toBe(1);
    expect((metric(drained, 'rm_outbox_retried_total') ?? 0) - retriedBefore).toBe(1);
    expect(metric(drained, 'rm_outbox_failed_total')).toBe(0);
  });

  test('a scheduler pass counts its duration, its success time and what it did', async () => {
    const before = await scrape(h.appUrl);
    await h.bot.scheduler.runOnce();
    const after = await scrape(h.appUrl);
    expect(
      (metric(after, 'rm_scheduler_passes_total', { outcome: 'ok' }) ?? 0) -
        (metric(before, 'rm_scheduler_passes_total', { outcome: 'ok' }) ?? 0),
    ).toBe(1);
    expect(metric(after, 'rm_scheduler_pass_duration_seconds_count')).toBe(
      (metric(before, 'rm_scheduler_pass_duration_seconds_count') ?? 0) + 1,
    );
    expect(metric(after, 'rm_scheduler_last_success_timestamp_seconds')).toBe(h.clock.now().getTime() / 1000);
  });

  test('the event loop, the pool, Slack auth and the process are there; no label or value names a person', async () => {
    const text = await scrape(h.appUrl);
    expect(metric(text, 'rm_event_loop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'rm_event_loop_busy')).toBe(0);
    expect(metric(text, 'rm_requests_waiting', { stage: 'dispatch' })).toBe(0);
    expect(metric(text, 'rm_slack_auth_ok')).toBe(1);
    expect(metric(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    if (kind === 'postgres') {
      expect(metric(text, 'rm_db_pool_connections', { state: 'max' })).toBe(10);
      expect(metric(text, 'rm_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    } else expect(text).not.toContain('rm_db_pool_connections{');
    for (const person of h.emulator.workspace.users) {
      expect(text).not.toContain(person.id);
      expect(text).not.toContain(person.real_name);
    }
  });
});

describe.each(testDatabaseKinds())('liveness and readiness on %s', (kind) => {
  let h: Harness;
  const get = (path: string) => fetch(h.appUrl.replace('/slack/events', path));
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR] });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('Slack refusing the token makes the bot not ready, not dead; it is ready again once Slack accepts it', async () => {
    expect((await get('/readyz')).status).toBe(200);
    h.bot.slackAuth.revoked('token_revoked');
    const refused = await get('/readyz');
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({
      status: 'unavailable',
      database: 'reachable',
      slack: 'token refused (token_revoked)',
    });
    expect((await get('/healthz')).status).toBe(503);
    expect((await get('/livez')).status).toBe(200);
    expect(metric(await scrape(h.appUrl), 'rm_slack_auth_ok')).toBe(0);
    h.bot.slackAuth.restored();
    expect((await get('/readyz')).status).toBe(200);
  });

  test('a missing scope pauses the sender and the health status and metrics say which method, without taking the bot out', async () => {
    expect(await (await get('/readyz')).json()).toMatchObject({ sender: 'delivering' });
    h.emulator.injectFault({ method: 'conversations.open', error: 'missing_scope' });
    try {
      await enqueueMessages(h.bot.db.client, [
        { idempotencyKey: 'scope-check', kind: 'test.message', to: { users: ['U0EMU0007'] }, text: 'hello' },
      ]);
      await eventually(() => !h.bot.outbox.status.ok, 10_000, 'the sender to pause');
      const res = await get('/readyz');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ sender: 'paused: conversations.open (missing_scope)' });
      expect(metric(await scrape(h.appUrl), 'rm_outbox_sender_paused', { method: 'conversations.open' })).toBe(1);
    } finally {
      h.emulator.clearFaults();
    }
  });

  test('a shipped migration missing from the database makes the bot not ready', async () => {
    const [last] = await h.bot.db.client.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1',
    );
    await h.bot.db.client.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET migration_name = 'renamed' WHERE migration_name = '${last!.migration_name}'`,
    );
    try {
      const res = await get('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ database: 'reachable', migrations: '1 missing' });
      expect((await get('/livez')).status).toBe(200);
    } finally {
      await h.bot.db.client.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET migration_name = '${last!.migration_name}' WHERE migration_name = 'renamed'`,
      );
    }
    expect((await get('/readyz')).status).toBe(200);
  });
});
