import type { ChildProcess } from 'node:child_process';
import { WebClient } from '@slack/web-api';
import { SlackEmulator, DEFAULT_DELETED_USER_ID } from '../../src/devtools/emulator/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/logger.js';
import { DELIVERY_FAILED_KIND } from '../../src/messages/outbox.js';
import { OUTBOX_EVENT_TYPE, OutboxSender, type OutboxSenderOptions } from '../../src/slack/outbox.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { claimMessage, enqueueMessage, enqueueMessages, findDueMessages } from '../../src/store/outbox.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { finished, spawnEntry, waitForOutput } from '../support/processes.js';

const GENERAL = 'C0EMUGENERAL';
const RANDOM = 'C0EMURANDOM'; // the bot is not a member: not_in_channel
const ZOE = 'U0EMU0007';
const LEO = 'U0EMU0008';
const AMARA = 'U0EMU0001';
const MARGARET = 'U0EMU0005';
const PEOPLE = [
  'U0EMU0001',
  'U0EMU0002',
  'U0EMU0003',
  'U0EMU0004',
  'U0EMU0005',
  'U0EMU0006',
  'U0EMU0007',
  'U0EMU0008',
  'U0EMU0009',
  'U0EMU0010',
  'U0EMU0011',
];

const message = (key: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: key,
  kind: 'test.message',
  to: { channel: GENERAL },
  text: `secret text of ${key}`,
  ...extra,
});

/** How many times each idempotency key appears in these conversations. */
function deliveries(emulator: SlackEmulator, channels: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const channel of new Set(channels)) {
    for (const m of emulator.messagesIn(channel)) {
      const key = m.metadata?.event_type === OUTBOX_EVENT_TYPE ? m.metadata.event_payload.idempotency_key : undefined;
      if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const okPosts = (emulator: SlackEmulator) =>
  emulator.callsTo('chat.postMessage').filter((c) => c.status === 200 && c.response.ok === true);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabaseKinds())('outbox delivery on %s', (kind) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let emulator: SlackEmulator;
  let clock: ManualClock;
  let logLines: string[];
  const senders: OutboxSender[] = [];

  const newSender = (o: Partial<OutboxSenderOptions> = {}) => {
    const sender = new OutboxSender({
      db: db.client,
      client: new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl }),
      logger: createLogger('debug', 'outbox', (l) => logLines.push(l)),
      clock,
      coordinators: [AMARA, MARGARET],
      random: () => 0.5, // no jitter: backoff is exactly 5 s, 30 s, 2 min...
      historyCheck: true, // the opt-in (SLACK_HISTORY_SCOPES=true) these tests check; one test below goes without it
      ...o,
    });
    senders.push(sender);
    return sender;
  };
  const enqueue = (...messages: OutgoingMessage[]) => enqueueMessages(db.client, messages);
  const row = (key: string) => db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });

  beforeAll(async () => {
    scratch = await createScratchDatabase(kind);
    db = await openDatabase(scratch.url);
  });
  afterAll(async () => {
    await db.close();
    await scratch.drop();
  });
  beforeEach(async () => {
    await db.client.outboxMessage.deleteMany();
    emulator = await SlackEmulator.start();
    clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    logLines = [];
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.stop()));
    await emulator.stop();
    // Whatever happened, no message text reached the log.
    expect(logLines.filter((l) => l.includes('secret text'))).toEqual([]);
  });

  test('enqueueing twice with one key gives one row and one message, with the key in its metadata', async () => {
    await db.client.$transaction((tx) => enqueueMessage(tx, message('once')));
    await db.client.$transaction((tx) => enqueueMessage(tx, message('once', { text: 'secret text, second click' })));
    const sender = newSender();
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });

    const posted = emulator.messagesIn(GENERAL);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      text: 'secret text of once',
      metadata: { event_type: 'rm_outbox', event_payload: { idempotency_key: 'once' } },
    });
    expect(await row('once')).toMatchObject({
      status: 'sent',
      channelId: GENERAL,
      messageTs: posted[0]?.ts,
      attempts: 0,
      lockedBy: null,
    });
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(1);
    expect(emulator.callsTo('conversations.history')).toHaveLength(0); // a first attempt has nothing to check
  });

  test('a DM and a group DM are opened with conversations.open, then posted with the metadata', async () => {
    await enqueue(
      message('dm', {
        to: { users: [ZOE] },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'secret text in a block' } }],
        metadata: { pairing: 'p1' },
      }),
      message('group', { to: { users: [ZOE, LEO] } }),
      message('dm-again', { to: { channel: ZOE } }),
    );
    expect(await newSender().deliverDue()).toEqual({ sent: 3, failed: 0, retried: 0 });

    const dm = emulator.channelFor([ZOE]);
    const group = emulator.channelFor([LEO, ZOE]);
    expect(
      emulator
        .callsTo('conversations.open')
        .map((c) => c.params.users)
        .sort(),
    ).toEqual([ZOE, `${ZOE},${LEO}`].sort());
    expect(
      emulator
        .callsTo('chat.postMessage')
        .map((c) => c.params.channel)
        .sort(),
    ).toEqual([dm, dm, group].sort());
    expect(emulator.messagesIn(dm).map((m) => m.metadata)).toEqual([
      { event_type: 'rm_outbox', event_payload: { pairing: 'p1', idempotency_key: 'dm' } },
      { event_type: 'rm_outbox', event_payload: { idempotency_key: 'dm-again' } },
    ]);
    expect(emulator.messagesIn(dm)[0]?.blocks).toHaveLength(1);
    expect(emulator.messagesIn(group)).toHaveLength(1);
    expect((await row('group')).channelId).toBe(group);
    expect((await row('dm')).channelId).toBe(dm);
  });

  test('a 429 storm: Retry-After is honoured for that conversation only, and everything arrives once', async () => {
    emulator.injectFault({ method: 'chat.postMessage', channel: GENERAL, status: 429, retryAfter: 30, times: 3 });
    await enqueue(
      message('g1'),
      message('g2'),
      message('g3'),
      message('dm1', { to: { users: [ZOE] } }),
      message('dm2', { to: { users: [ZOE] } }),
    );
    const sender = newSender();

    expect(await sender.deliverDue()).toEqual({ sent: 2, failed: 0, retried: 1 });
    expect(await row('g1')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'ratelimited',
      nextAttemptAt: new Date(clock.now().getTime() + 30_000),
    });
    // The rest of #general waits too, without being tried.
    expect((await row('g3')).nextAttemptAt).toEqual(new Date(clock.now().getTime() + 30_000));
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.params.channel === GENERAL)).toHaveLength(1);

    clock.advance(29_999);
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    for (let pass = 0; pass < 3; pass += 1) {
      clock.advance(30_000);
      await sender.deliverDue();
    }
    expect(Object.fromEntries(deliveries(emulator, [GENERAL, emulator.channelFor([ZOE])]))).toEqual({
      g1: 1,
      g2: 1,
      g3: 1,
      dm1: 1,
      dm2: 1,
    });
    expect(emulator.messagesIn(GENERAL).map((m) => m.metadata?.event_payload.idempotency_key)).toEqual(['g1', 'g2', 'g3']);
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(5 + 3);
    expect(emulator.callsTo('conversations.history')).toHaveLength(0); // a 429 means Slack took nothing
    expect(await db.client.outboxMessage.count({ where: { status: 'sent', attempts: 0 } })).toBe(5);
  });

  test("the emulator's own rate limits: bursts are cut off by 429s and still every message arrives once", async () => {
    emulator.setRateLimits({ postMessagePerChannelPerSec: 1, burst: 2 });
    const dm = emulator.channelFor([ZOE]);
    await enqueue(...[1, 2, 3, 4].flatMap((i) => [message(`g${i}`), message(`z${i}`, { to: { users: [ZOE] } })]));
    const sender = newSender();
    const first = await sender.deliverDue();
    expect(first).toEqual({ sent: 4, failed: 0, retried: 2 });
    for (let i = 0; i < 6 && (await db.client.outboxMessage.count({ where: { status: 'pending' } })) > 0; i += 1) {
      await sleep(1050); // the emulator's limiter runs on real time
      clock.advance(1000);
      await sender.deliverDue();
    }
    const counts = deliveries(emulator, [GENERAL, dm]);
    expect([...counts.values()]).toEqual(Array(8).fill(1));
    expect(counts.size).toBe(8);
    expect(await db.client.outboxMessage.count({ where: { status: 'sent' } })).toBe(8);
  });

  test('5xx answers are retried with backoff (5 s, then 30 s) and delivered once', async () => {
    emulator.injectFault({ method: 'chat.postMessage', status: 500, times: 1 });
    emulator.injectFault({ method: 'chat.postMessage', status: 503, times: 1 });
    await enqueue(message('flaky'));
    const sender = newSender();
    const t0 = clock.now().getTime();

    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await row('flaky')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'http_500',
      nextAttemptAt: new Date(t0 + 5_000),
    });
    clock.advance(4_999);
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    clock.advance(1);
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await row('flaky')).toMatchObject({
      attempts: 2,
      lastError: 'http_503',
      nextAttemptAt: new Date(t0 + 5_000 + 30_000),
    });
    clock.advance(30_000);
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });

    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
    expect(emulator.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
    // After a failed attempt Slack is asked first: a 5xx may still have posted the message.
    expect(emulator.callsTo('conversations.history')).toHaveLength(2);
    expect(emulator.callsTo('conversations.history')[0]?.params).toMatchObject({
      channel: GENERAL,
      include_all_metadata: 'true',
    });
  });

  test('a post that timed out but reached Slack is found by its metadata and not sent again', async () => {
    emulator.injectFault({ method: 'chat.postMessage', delayMs: 600, times: 1 });
    await enqueue(message('slow'));
    const sender = newSender({ requestTimeoutMs: 200, leaseMs: 5_000 });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await row('slow')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'timeout' });
    await eventually(() => emulator.messagesIn(GENERAL).length === 1, 3000, 'the slow post to land');

    clock.advance(5_000);
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await row('slow')).toMatchObject({ status: 'sent', messageTs: emulator.messagesIn(GENERAL)[0]?.ts });
    expect(logLines.some((l) => l.includes('was already in Slack'))).toBe(true);
  });

  test('without the opt-in (the default) a post that timed out is sent again without reading history: at least once', async () => {
    emulator.injectFault({ method: 'chat.postMessage', delayMs: 600, times: 1 });
    await enqueue(message('slow-unchecked'));
    const sender = newSender({ requestTimeoutMs: 200, leaseMs: 5_000, historyCheck: false });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    await eventually(() => emulator.messagesIn(GENERAL).length === 1, 3000, 'the slow post to land');

    clock.advance(5_000);
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(emulator.callsTo('conversations.history')).toHaveLength(0);
    expect(emulator.messagesIn(GENERAL)).toHaveLength(2); // the price of not reading the pair's conversations
    expect(await row('slow-unchecked')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('without a history scope the check is skipped: the message is sent again rather than lost', async () => {
    emulator.injectFault({ method: 'chat.postMessage', status: 500, times: 1 });
    emulator.injectFault({ method: 'conversations.history', error: 'missing_scope' });
    await enqueue(message('unchecked'));
    const sender = newSender();
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    clock.advance(5_000);
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row('unchecked')).toMatchObject({ status: 'sent' });
    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('cannot read conversation history (missing_scope)'))).toHaveLength(1);
  });

  test('permanent errors fail at once, coordinators are told once each, and other messages still go', async () => {
    emulator.injectFault({ method: 'chat.postMessage', channel: 'C0GONE', error: 'channel_not_found' });
    await enqueue(
      message('to-departed', { kind: 'pairing.intro', to: { users: [DEFAULT_DELETED_USER_ID] } }),
      message('to-random', { kind: 'programme.announcement', to: { channel: RANDOM } }),
      message('to-gone', { kind: 'programme.announcement', to: { channel: 'C0GONE' } }),
      message('fine-1'),
      message('fine-2', { to: { users: [ZOE] } }),
    );
    const sender = newSender({ coordinators: async () => [AMARA, MARGARET, AMARA] });
    expect(await sender.deliverDue()).toEqual({ sent: 2, failed: 3, retried: 0 });
    expect(await row('to-departed')).toMatchObject({ status: 'failed', lastError: 'user_disabled', attempts: 0 });
    expect(await row('to-random')).toMatchObject({ status: 'failed', lastError: 'not_in_channel' });
    expect(await row('to-gone')).toMatchObject({ status: 'failed', lastError: 'channel_not_found' });

    // The notices are outbox messages too: the next pass delivers them, and later passes do nothing more.
    expect(await sender.deliverDue()).toEqual({ sent: 6, failed: 0, retried: 0 });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    for (const coordinator of [AMARA, MARGARET]) {
      const notices = emulator.messagesIn(emulator.channelFor([coordinator]));
      expect(notices).toHaveLength(3);
      expect(notices.map((n) => n.text).sort()).toEqual(
        [
          `A "pairing.intro" message to <@${DEFAULT_DELETED_USER_ID}> could not be delivered: user_disabled. It will not be retried.`,
          `A "programme.announcement" message to <#${RANDOM}> could not be delivered: not_in_channel. It will not be retried.`,
          `A "programme.announcement" message to <#C0GONE> could not be delivered: channel_not_found. It will not be retried.`,
        ].sort(),
      );
      expect(notices.every((n) => !n.text.includes('secret'))).toBe(true);
    }
    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
    expect(emulator.messagesIn(emulator.channelFor([ZOE]))).toHaveLength(1);
    expect(await db.client.outboxMessage.count({ where: { kind: DELIVERY_FAILED_KIND } })).toBe(6);
  });

  test('a notice that fails itself is not notified again (no loops)', async () => {
    await enqueue(message('to-departed', { to: { users: [DEFAULT_DELETED_USER_ID] } }));
    const sender = newSender({ coordinators: [DEFAULT_DELETED_USER_ID, AMARA] });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 1, retried: 0 });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await db.client.outboxMessage.count()).toBe(3);
    expect(await db.client.outboxMessage.count({ where: { status: 'failed' } })).toBe(2);
  });

  test('a message that keeps failing is given up after maxAttempts and coordinators are told', async () => {
    emulator.injectFault({ method: 'chat.postMessage', channel: GENERAL, status: 503 });
    await enqueue(message('never'), message('elsewhere', { to: { users: [ZOE] } }));
    const sender = newSender({ maxAttempts: 3 });
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 1 });
    clock.advance(5_000);
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    clock.advance(30_000);
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(await row('never')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'http_503' });
    expect(await sender.deliverDue()).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(emulator.messagesIn(emulator.channelFor([AMARA])).map((m) => m.text)).toEqual([
      `A "test.message" message to <#${GENERAL}> could not be delivered: http_503 (after 3 attempts). It will not be retried.`,
    ]);
  });

  test('crash after Slack accepted the post, before the row was marked sent: a new sender does not post again', async () => {
    await enqueue(message('accepted'), message('never-posted', { to: { users: [ZOE] } }));
    // The crashed sender: claimed both rows, posted the first one as the sender does, then died.
    const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
    for (const r of await findDueMessages(db.client, clock.now(), 10))
      await claimMessage(db.client, r, { workerId: 'crashed', now: clock.now(), leaseMs: 60_000 });
    await client.chat.postMessage({
      channel: GENERAL,
      text: 'secret text of accepted',
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { idempotency_key: 'accepted' } },
    });
    emulator.reset();

    const sender = newSender({ workerId: 'restarted' });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 }); // the leases still hold
    clock.advance(60_001);
    expect(await sender.deliverDue()).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(emulator.callsTo('chat.postMessage').map((c) => c.params.channel)).toEqual([emulator.channelFor([ZOE])]);
    expect(emulator.callsTo('conversations.history')).toHaveLength(2);
    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
    expect(await row('accepted')).toMatchObject({ status: 'sent', messageTs: emulator.messagesIn(GENERAL)[0]?.ts });
  });

  test('stop() waits for the pass in flight', async () => {
    emulator.injectFault({ method: 'chat.postMessage', delayMs: 300, times: 1 });
    await enqueue(message('in-flight'));
    const sender = newSender();
    sender.start(10);
    await eventually(async () => (await row('in-flight')).status === 'sending', 3000, 'the pass to claim the row');
    await sender.stop();
    expect((await row('in-flight')).status).toBe('sent');
    expect(emulator.messagesIn(GENERAL)).toHaveLength(1);
  });

  describe('in separate processes', () => {
    const children: ChildProcess[] = [];
    const spawnWorker = (workerId: string, env: Record<string, string> = {}) => {
      const child = spawnEntry('tests/e2e/outboxWorker.ts', [], {
        DATABASE_URL: scratch.url,
        SLACK_API_URL: emulator.apiUrl,
        SLACK_BOT_TOKEN: emulator.botToken,
        WORKER_ID: workerId,
        LEASE_MS: '4000',
        REQUEST_TIMEOUT_MS: '1000',
        COORDINATORS: AMARA,
        ...env,
      });
      children.push(child);
      const done = finished(child);
      return { child, done, ready: waitForOutput(child, (out) => out.includes('ready')) };
    };
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    test('kill -9 in the middle of sending, then a restart: every message exactly once', async () => {
      const targets = [GENERAL, ...PEOPLE.slice(0, 5)];
      const messages = Array.from({ length: 40 }, (_, i) => {
        const target = targets[i % targets.length]!;
        return message(`crash-${i}`, { to: target.startsWith('C') ? { channel: target } : { users: [target] } });
      });
      await enqueue(...messages);
      emulator.injectFault({ method: 'chat.postMessage', delayMs: 80 });

      const first = spawnWorker('first');
      await first.ready;
      const inFlight = await eventually(
        async () => {
          const [sent, sending] = await Promise.all([
            db.client.outboxMessage.count({ where: { status: 'sent' } }),
            db.client.outboxMessage.count({ where: { status: 'sending' } }),
          ]);
          return sent >= 8 && sending >= 1 ? sending : undefined;
        },
        15_000,
        'the first worker to be mid-send',
      );
      first.child.kill('SIGKILL');
      expect((await first.done).code).toBeNull();
      expect(inFlight).toBeGreaterThanOrEqual(1);
      const leftSending = await db.client.outboxMessage.count({ where: { status: 'sending' } });
      expect(leftSending).toBeGreaterThanOrEqual(1); // rows the killed process held: it died mid-send
      await sleep(300); // let posts the dead process had started land in Slack

      // The restarted process's clock is past the dead one's leases.
      const second = spawnWorker('restarted', { CLOCK_OFFSET_MS: '5000' });
      await second.ready;
      await eventually(
        async () => (await db.client.outboxMessage.count({ where: { status: 'sent' } })) === 40,
        20_000,
        'all 40 sent',
      );
      second.child.kill('SIGTERM');
      expect((await second.done).code).toBe(0);

      const counts = deliveries(
        emulator,
        targets.map((t) => (t.startsWith('C') ? t : emulator.channelFor([t]))),
      );
      expect(counts.size).toBe(40);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(okPosts(emulator)).toHaveLength(40);
      expect(emulator.callsTo('conversations.history').length).toBeGreaterThanOrEqual(leftSending);
    });

    test('two replicas ticking on one database drain 200 messages, each exactly once', async () => {
      emulator.injectFault({ method: 'chat.postMessage', delayMs: 10 });
      const a = spawnWorker('replica-a');
      const b = spawnWorker('replica-b');
      await Promise.all([a.ready, b.ready]);
      const groups = [
        [ZOE, LEO],
        [AMARA, MARGARET],
        [LEO, AMARA, ZOE],
      ];
      const targets: OutgoingMessage['to'][] = [
        { channel: GENERAL },
        ...PEOPLE.map((u) => ({ users: [u] })),
        ...groups.map((users) => ({ users })),
      ];
      await enqueue(...Array.from({ length: 200 }, (_, i) => message(`replica-${i}`, { to: targets[i % targets.length]! })));

      await eventually(
        async () => (await db.client.outboxMessage.count({ where: { status: 'sent' } })) === 200,
        30_000,
        'all 200 sent',
      );
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      const reports = await Promise.all([a.done, b.done]);
      const sentBy = reports.map((r) => JSON.parse(/done (\{.*\})/.exec(r.stdout)?.[1] ?? '{}') as { sent?: number });
      expect(sentBy.map((r) => r.sent ?? 0).reduce((x, y) => x + y)).toBe(200);
      expect(sentBy.every((r) => (r.sent ?? 0) > 0)).toBe(true);
      expect(reports.map((r) => r.stderr).join('')).not.toMatch(/taken over/);

      const channels = targets.map((t) => ('channel' in t ? t.channel : emulator.channelFor(t.users)));
      const counts = deliveries(emulator, channels);
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(okPosts(emulator)).toHaveLength(200);
    });
  });
});
