import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { systemClock } from '../../src/core/clock.js';
import { DEFAULT_PACING, type PacingConfig } from '../../src/domain/pacing.js';
import { createLogger } from '../../src/logger.js';
import { OUTBOX_EVENT_TYPE, OutboxSender } from '../../src/slack/outbox.js';
import type { Database } from '../../src/store/database.js';
import { enqueueMessages } from '../../src/store/outbox.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

// The sender paced within Slack's limits (docs/outbox.md, "Pacing"), against the emulator's limiter, on real time:
// Slack's limits run on real time, so these tests wait (a few seconds each).
const GENERAL = 'C0EMUGENERAL';
const PEOPLE = ['U0EMU0001', 'U0EMU0002', 'U0EMU0003', 'U0EMU0004', 'U0EMU0005', 'U0EMU0006', 'U0EMU0007', 'U0EMU0008'];

const pacing = (o: Partial<PacingConfig> = {}): PacingConfig => ({
  ...DEFAULT_PACING,
  postPerWorkspace: { perSec: 10, burst: 4 },
  postPerChannel: { perSec: 1, burst: 3 },
  // Test machines are often loaded: a call's latency varies by up to a second (500 ms is the default).
  jitterMs: 1000,
  ...o,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabaseKinds())('outbox pacing on %s', (kind) => {
  const store = useScratchDatabase(kind);
  let db: Database;
  let emulator: SlackEmulator;

  beforeEach(async () => {
    db = store.db;
    await db.client.outboxMessage.deleteMany();
    // The emulator's limits: 1 post a second per conversation (burst 3), 10 a second workspace-wide (burst 4).
    emulator = await SlackEmulator.start({
      rateLimits: { postMessagePerChannelPerSec: 1, burst: 3, workspacePerSec: 10, workspaceBurst: 4 },
    });
  });
  afterEach(async () => {
    await emulator.stop();
  });

  const sender = (config: PacingConfig, concurrency = 4) =>
    new OutboxSender({
      concurrency,
      db: db.client,
      client: new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl }),
      logger: createLogger('error', 'outbox'),
      clock: systemClock,
      coordinators: [],
      pacing: config,
    });

  /** Passes, as the sender's timer runs them, until nothing is left or `ms` have passed. */
  async function drain(s: OutboxSender, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const r = await s.deliverDue();
      if (r.sent + r.failed + r.retried > 0) continue;
      if ((await db.client.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0) return;
      await sleep(20);
    }
  }

  const posts = () => emulator.callsTo('chat.postMessage');
  const keyOf = (params: Record<string, unknown>) =>
    (params.metadata as { event_type?: string; event_payload?: { idempotency_key?: string } } | undefined)?.event_payload
      ?.idempotency_key;

  function expectEachOnce(keys: string[]): void {
    const accepted = posts().filter((c) => c.status === 200 && c.response.ok === true);
    expect(accepted.map((c) => keyOf(c.params)).sort()).toEqual([...keys].sort());
    for (const c of accepted) expect((c.params.metadata as { event_type?: string }).event_type).toBe(OUTBOX_EVENT_TYPE);
  }

  test('a paced fan-out stays within the limits (5 posts into each of 3 conversations): no 429, each once, in order', async () => {
    const channels = PEOPLE.slice(0, 3).map((u) => emulator.channelFor([u]));
    const messages: OutgoingMessage[] = channels.flatMap((channel, i) =>
      [1, 2, 3, 4, 5].map((n) => ({ idempotencyKey: `m${i}-${n}`, kind: 'test.message', to: { channel }, text: `${n}` })),
    );
    await enqueueMessages(db.client, messages);
    await drain(sender(pacing()), 15_000);

    expect(posts().filter((c) => c.status === 429)).toEqual([]);
    expectEachOnce(messages.map((m) => m.idempotencyKey));
    channels.forEach((channel, i) =>
      expect(emulator.messagesIn(channel).map((m) => m.metadata?.event_payload.idempotency_key)).toEqual(
        [1, 2, 3, 4, 5].map((n) => `m${i}-${n}`),
      ),
    );
  });

  test('a 429 with Retry-After: no post at all until it has passed, then the rest at a lowered pace, each once', async () => {
    // Slack answers the first post 429, Retry-After 2 s, whatever the emulator's own limiter would say.
    emulator.injectFault({ method: 'chat.postMessage', status: 429, retryAfter: 2, times: 1 });
    const messages: OutgoingMessage[] = PEOPLE.map((u, i) => ({
      idempotencyKey: `w${i}`,
      kind: 'test.message',
      to: { channel: emulator.channelFor([u]) },
      text: `${i}`,
    }));
    await enqueueMessages(db.client, messages);
    await drain(sender(pacing(), 1), 10_000); // one call at a time: none in flight when the 429 comes

    const calls = posts();
    expect(calls[0]?.status).toBe(429);
    const limitedAt = calls[0]!.time;
    // A quiet conversation's 429 is the workspace's limit: nothing is posted anywhere within the Retry-After.
    expect(calls.slice(1).every((c) => c.time >= limitedAt + 2000)).toBe(true);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
    expectEachOnce(messages.map((m) => m.idempotencyKey));
    expect(await db.client.outboxMessage.count({ where: { status: 'sent', attempts: 0 } })).toBe(8);
  });

  test("a conversation's 429 holds back that conversation for its Retry-After, not the others", async () => {
    // Paced too optimistically for #general (5 at once, 5 a second) against Slack's 3 at once, 1 a second.
    const general: OutgoingMessage[] = [1, 2, 3, 4, 5].map((n) => ({
      idempotencyKey: `g${n}`,
      kind: 'test.message',
      to: { channel: GENERAL },
      text: `${n}`,
    }));
    await enqueueMessages(db.client, general);
    const s = sender(
      pacing({ postPerChannel: { perSec: 5, burst: 5 }, postPerWorkspace: { perSec: 100, burst: 100 }, jitterMs: 0 }),
    );
    await s.deliverDue(); // three go, the fourth meets the 429
    const limited = posts().find((c) => c.status === 429)!;
    expect(limited.params.channel).toBe(GENERAL);
    const others: OutgoingMessage[] = PEOPLE.slice(0, 4).map((u, i) => ({
      idempotencyKey: `o${i}`,
      kind: 'test.message',
      to: { channel: emulator.channelFor([u]) },
      text: `${i}`,
    }));
    await enqueueMessages(db.client, others);
    await drain(s, 10_000);

    const inGeneral = posts().filter((c) => c.params.channel === GENERAL);
    const retryAfterMs = 1000; // the emulator's Retry-After: whole seconds, at least 1
    expect(inGeneral.filter((c) => c.time > limited.time).every((c) => c.time >= limited.time + retryAfterMs)).toBe(true);
    // The other conversations did not wait for #general's Retry-After.
    const firstOther = posts().find((c) => c.params.channel !== GENERAL)!;
    expect(firstOther.time).toBeLessThan(limited.time + retryAfterMs);
    expect(emulator.messagesIn(GENERAL).map((m) => m.metadata?.event_payload.idempotency_key)).toEqual([
      'g1',
      'g2',
      'g3',
      'g4',
      'g5',
    ]);
    expectEachOnce([...general, ...others].map((m) => m.idempotencyKey));
  });
});
