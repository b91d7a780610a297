import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/logger.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import { SlackAuthStatus } from '../../src/slack/authStatus.js';
import { OutboxSender, type OutboxSenderOptions } from '../../src/slack/outbox.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { enqueueMessages } from '../../src/store/outbox.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';

const GENERAL = 'C0EMUGENERAL';
const ZOE = 'U0EMU0007';
const LEO = 'U0EMU0008';
const AMARA = 'U0EMU0001';
const MINUTE = 60_000;

const message = (key: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: key,
  kind: 'test.message',
  to: { channel: GENERAL },
  text: `text of ${key}`,
  ...extra,
});

describe.each(testDatabaseKinds())('errors that no retry fixes pause the outbox on %s', (kind) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let emulator: SlackEmulator;
  let clock: ManualClock;
  let logLines: string[];
  let authStatus: SlackAuthStatus;
  const senders: OutboxSender[] = [];

  const newSender = (o: Partial<OutboxSenderOptions> = {}, token = emulator.botToken) => {
    const sender = new OutboxSender({
      db: db.client,
      client: new WebClient(token, { slackApiUrl: emulator.apiUrl }),
      logger: createLogger('debug', 'outbox', (l) => logLines.push(l)),
      clock,
      coordinators: [AMARA],
      random: () => 0.5,
      authStatus,
      ...o,
    });
    senders.push(sender);
    return sender;
  };
  const rows = () => db.client.outboxMessage.findMany({ orderBy: { idempotencyKey: 'asc' } });
  const slackCalls = () => emulator.calls.length;
  const errorLines = () => logLines.filter((l) => l.includes('"level":"error"') || l.includes('"level":50'));

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
    authStatus = new SlackAuthStatus();
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.stop()));
    await emulator.stop();
  });

  test('a refused token (invalid_auth): one try, then nothing until Slack accepts it; no attempt burned, one ERROR line, status says so', async () => {
    await enqueueMessages(db.client, [message('a'), message('b'), message('c', { to: { users: [ZOE] } })]);
    const sender = newSender({ concurrency: 1 }, 'xoxb-revoked-token');
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    const calls = slackCalls();
    expect(calls).toBe(1); // one message tried
    for (let i = 0; i < 5; i++) expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(slackCalls()).toBe(calls);
    expect((await rows()).map((r) => [r.idempotencyKey, r.status, r.attempts])).toEqual([
      ['a', 'pending', 0],
      ['b', 'pending', 0],
      ['c', 'pending', 0],
    ]);
    expect(sender.status.paused.map((p) => [p.method, p.error])).toEqual([['*', 'invalid_auth']]);
    expect([authStatus.ok, authStatus.problem]).toEqual([false, 'invalid_auth']);
    // a minute later: one auth.test, still refused; no message tried, no new ERROR line
    clock.advance(MINUTE);
    await sender.deliverDue();
    expect(emulator.calls.slice(calls).map((c) => [c.method, c.response.error])).toEqual([['auth.test', 'invalid_auth']]);
    expect(await db.client.outboxMessage.count({ where: { attempts: { gt: 0 } } })).toBe(0);
    const errors = errorLines();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('outbox: paused: Slack refuses the bot token (invalid_auth)');
    expect(logLines.join('\n')).not.toContain('xoxb-');
    // no coordinator was told of a "failed" message
    expect(await db.client.outboxMessage.count({ where: { kind: 'delivery.failed' } })).toBe(0);
  });

  test('token_revoked on a post: paused; when auth.test succeeds again (the app reinstalled), everything waiting goes', async () => {
    await enqueueMessages(db.client, [message('one'), message('two', { to: { users: [LEO] } }), message('three')]);
    const revoked = emulator.injectFault({ method: '*', error: 'token_revoked' });
    const sender = newSender();
    await sender.deliverDue();
    expect(sender.status.paused.map((p) => p.error)).toEqual(['token_revoked']);
    clock.advance(30_000);
    await sender.deliverDue(); // the probe is not due yet: no call at all
    expect(revoked.hits).toBeLessThanOrEqual(2);
    emulator.clearFaults();
    clock.advance(30_000);
    expect(await sender.deliverDue()).toEqual({ sent: 3, failed: 0, retried: 0 });
    expect(sender.status.ok).toBe(true);
    expect(authStatus.ok).toBe(true);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 0],
      ['sent', 0],
      ['sent', 0],
    ]);
    expect(logLines.filter((l) => l.includes('outbox: resumed'))).toHaveLength(1);
    expect(errorLines()).toHaveLength(1);
  });

  test('account_inactive (the workspace or the bot user is gone) pauses too, instead of failing every message', async () => {
    emulator.injectFault({ method: 'chat.postMessage', error: 'account_inactive' });
    await enqueueMessages(db.client, [message('x'), message('y')]);
    const sender = newSender({ concurrency: 1 });
    await sender.deliverDue();
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['pending', 0, 'account_inactive'],
      ['pending', 0, null],
    ]);
    expect(authStatus.problem).toBe('account_inactive');
  });

  test('missing_scope pauses only the method that lacks it: DMs to open wait, messages to known channels go', async () => {
    emulator.injectFault({ method: 'conversations.open', error: 'missing_scope' });
    await enqueueMessages(db.client, [
      message('dm-1', { to: { users: [ZOE] } }),
      message('dm-2', { to: { users: [LEO] } }),
      message('chan-1'),
      message('chan-2', { to: { channel: 'C0EMURANDOM2' } }),
    ]);
    const sender = newSender({ concurrency: 1 });
    await sender.deliverDue();
    await sender.deliverDue();
    const byKey = async () => Object.fromEntries((await rows()).map((r) => [r.idempotencyKey, [r.status, r.attempts]]));
    expect(await byKey()).toMatchObject({ 'dm-1': ['pending', 0], 'dm-2': ['pending', 0], 'chan-1': ['sent', 0] });
    expect(sender.status.paused.map((p) => [p.method, p.error])).toEqual([['conversations.open', 'missing_scope']]);
    expect(authStatus.ok).toBe(true); // the token itself is fine
    const opens = emulator.callsTo('conversations.open').length;
    expect(opens).toBe(1);
    // a minute later one DM is tried (still refused); the scope is then granted: the next try resumes it
    clock.advance(MINUTE);
    await sender.deliverDue();
    expect(emulator.callsTo('conversations.open')).toHaveLength(2);
    emulator.clearFaults();
    clock.advance(MINUTE);
    await sender.deliverDue();
    expect(await byKey()).toMatchObject({ 'dm-1': ['sent', 0], 'dm-2': ['sent', 0] });
    expect(sender.status.ok).toBe(true);
    expect(errorLines().filter((l) => l.includes('paused conversations.open'))).toHaveLength(1);
  });

  test('missing_scope on chat.postMessage stops every message; a per-message error fails that message only, at once', async () => {
    emulator.injectFault({ method: 'chat.postMessage', channel: 'C0ARCHIVED', error: 'is_archived' });
    await enqueueMessages(db.client, [message('archived', { to: { channel: 'C0ARCHIVED' } }), message('fine')]);
    const sender = newSender({ concurrency: 1 });
    expect(await sender.deliverDue()).toMatchObject({ sent: 1, failed: 1 });
    expect((await rows()).find((r) => r.idempotencyKey === 'archived')).toMatchObject({ status: 'failed', attempts: 0 });

    emulator.injectFault({ method: 'chat.postMessage', error: 'missing_scope' });
    await enqueueMessages(db.client, [message('later-1'), message('later-2')]);
    await sender.deliverDue();
    const calls = slackCalls();
    await sender.deliverDue();
    expect(slackCalls()).toBe(calls);
    expect(sender.status.paused.map((p) => p.method)).toEqual(['chat.postMessage']);
    expect(await db.client.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'later' }, attempts: 0 } })).toBe(2);
  });
});
