import type { Database } from '../../src/store/database.js';
import {
  claimMessage,
  enqueueMessage,
  enqueueMessages,
  findDueMessages,
  markFailed,
  markSent,
  parsePayload,
  postponeMessages,
  recordChannel,
  scheduleRetry,
} from '../../src/store/outbox.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;

const message = (key: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: key,
  kind: 'test.message',
  to: { channel: 'C0EMUGENERAL' },
  text: `text of ${key}`,
  ...extra,
});

describe.each(testDatabaseKinds())('outbox store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = scratch.db;
    // A second connection pool, as another replica would have.
    other = await scratch.openAnother({ migrate: false });
  });
  beforeEach(async () => {
    await db.client.outboxMessage.deleteMany();
  });

  test('enqueue twice with the same key writes one row and returns it both times', async () => {
    const first = await db.client.$transaction((tx) => enqueueMessage(tx, message('k1')));
    const second = await db.client.$transaction((tx) => enqueueMessage(tx, message('k1', { text: 'another text' })));
    expect(second.id).toBe(first.id);
    expect(await db.client.outboxMessage.count()).toBe(1);
    expect(parsePayload(second).text).toBe('text of k1');
    expect(first).toMatchObject({ status: 'pending', attempts: 0, channelId: 'C0EMUGENERAL', kind: 'test.message' });
  });

  test('concurrent transactions enqueueing one key both commit their own work and leave one row', async () => {
    // SQLite's driver blocks the event loop while it waits for a lock: one process uses one connection.
    const pools = kind === 'postgres' ? [db, other] : [db, db];
    const results = await Promise.all(
      pools.map((d, i) =>
        d.client.$transaction(async (tx) => {
          await tx.coordinator.create({ data: { slackUserId: `U0COORD${i}` } });
          return enqueueMessage(tx, message('race'));
        }),
      ),
    );
    expect(results[0]?.id).toBe(results[1]?.id);
    expect(await db.client.outboxMessage.count({ where: { idempotencyKey: 'race' } })).toBe(1);
    expect(await db.client.coordinator.count({ where: { slackUserId: { in: ['U0COORD0', 'U0COORD1'] } } })).toBe(2);
    await db.client.coordinator.deleteMany();
  });

  test('a rolled-back transaction leaves no message', async () => {
    await expect(
      db.client.$transaction(async (tx) => {
        await enqueueMessage(tx, message('rolled-back'));
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await db.client.outboxMessage.count()).toBe(0);
  });

  test('enqueueMessages writes several at once; a user id as channel becomes a DM', async () => {
    const rows = await enqueueMessages(db.client, [
      message('a', { to: { channel: 'U0EMU0007' } }),
      message('b', { to: { users: ['U0EMU0007', 'U0EMU0001'] } }),
    ]);
    expect(rows.map((r) => parsePayload(r).to)).toEqual([{ users: ['U0EMU0007'] }, { users: ['U0EMU0007', 'U0EMU0001'] }]);
    expect(rows.map((r) => r.channelId)).toEqual([null, null]);
  });

  test('an invalid payload is refused at enqueue', async () => {
    await expect(db.client.$transaction((tx) => enqueueMessage(tx, message('bad', { to: { users: [] } })))).rejects.toThrow();
    expect(await db.client.outboxMessage.count()).toBe(0);
  });

  test('notBefore holds a message back; without it a message is due at once, whatever the clock says', async () => {
    await enqueueMessages(db.client, [message('now'), message('later', { notBefore: at(60_000) })]);
    expect((await findDueMessages(db.client, new Date('2000-01-01T00:00:00Z'), 10)).map((r) => r.idempotencyKey)).toEqual([
      'now',
    ]);
    expect((await findDueMessages(db.client, at(59_999), 10)).map((r) => r.idempotencyKey)).toEqual(['now']);
    expect((await findDueMessages(db.client, at(60_000), 10)).map((r) => r.idempotencyKey)).toEqual(['now', 'later']);
  });

  test('two connections racing for 60 rows claim each exactly once', async () => {
    await enqueueMessages(
      db.client,
      Array.from({ length: 60 }, (_, i) => message(`m${i}`)),
    );
    const rows = await findDueMessages(db.client, T0, 100);
    expect(rows).toHaveLength(60);
    const claims = await Promise.all(
      [db, other].flatMap((d, w) =>
        rows.map((row) => claimMessage(d.client, row, { workerId: `w${w}`, now: T0, leaseMs: LEASE })),
      ),
    );
    const won = claims.filter((c) => c !== undefined);
    expect(won).toHaveLength(60);
    expect(new Set(won.map((c) => c.row.id)).size).toBe(60);
    expect(await db.client.outboxMessage.count({ where: { status: 'sending' } })).toBe(60);
    expect(await findDueMessages(db.client, at(LEASE - 1), 100)).toEqual([]);
  });

  test('an expired lease is taken over once, flagged as possibly sent, and the old holder can no longer settle', async () => {
    await enqueueMessages(db.client, [message('lease')]);
    const [row] = await findDueMessages(db.client, T0, 10);
    const first = await claimMessage(db.client, row!, { workerId: 'crashed', now: T0, leaseMs: LEASE });
    expect(first?.mayHaveBeenSent).toBe(false);

    const [stale] = await findDueMessages(db.client, at(LEASE + 1), 10);
    expect(stale?.lockedBy).toBe('crashed');
    const takeovers = await Promise.all(
      [db, other].map((d, w) => claimMessage(d.client, stale!, { workerId: `new${w}`, now: at(LEASE + 1), leaseMs: LEASE })),
    );
    const winner = takeovers.find((c) => c !== undefined);
    expect(takeovers.filter((c) => c !== undefined)).toHaveLength(1);
    expect(winner?.mayHaveBeenSent).toBe(true);

    expect(await markSent(db.client, first!, { channelId: 'C0EMUGENERAL', ts: '1.000001', now: at(LEASE + 2) })).toBe(false);
    expect(await markSent(db.client, winner!, { channelId: 'C0EMUGENERAL', ts: '1.000002', now: at(LEASE + 2) })).toBe(true);
    expect(await db.client.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: 'sent',
      messageTs: '1.000002',
      lockedBy: null,
      lockedUntil: null,
      sentAt: at(LEASE + 2),
    });
    expect(await findDueMessages(db.client, at(10 * LEASE), 10)).toEqual([]);
  });

  test('a retry counts as an attempt unless it was a 429, and a counted attempt makes the next claim check Slack first', async () => {
    await enqueueMessages(db.client, [message('retry', { to: { users: ['U0EMU0007'] } })]);
    const [row] = await findDueMessages(db.client, T0, 10);
    const claim = await claimMessage(db.client, row!, { workerId: 'w', now: T0, leaseMs: LEASE });
    expect(await recordChannel(db.client, claim!, 'D0DM')).toBe(true);
    expect(
      await scheduleRetry(db.client, claim!, { nextAttemptAt: at(30_000), error: 'ratelimited', countsAsAttempt: false }),
    ).toBe(true);
    let stored = await db.client.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 0, lastError: 'ratelimited', channelId: 'D0DM', lockedBy: null });
    expect(await findDueMessages(db.client, at(29_999), 10)).toEqual([]);

    const again = await claimMessage(db.client, stored, { workerId: 'w', now: at(30_000), leaseMs: LEASE });
    expect(again?.mayHaveBeenSent).toBe(false);
    await scheduleRetry(db.client, again!, { nextAttemptAt: at(35_000), error: 'http_503', countsAsAttempt: true });
    stored = await db.client.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } });
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_503' });
    expect((await claimMessage(db.client, stored, { workerId: 'w', now: at(35_000), leaseMs: LEASE }))?.mayHaveBeenSent).toBe(
      true,
    );
  });

  test('a claim is refused for a row that is not due yet or is already sent', async () => {
    await enqueueMessages(db.client, [message('early', { notBefore: at(1000) })]);
    const row = await db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'early' } });
    expect(await claimMessage(db.client, row, { workerId: 'w', now: T0, leaseMs: LEASE })).toBeUndefined();
    const claim = await claimMessage(db.client, row, { workerId: 'w', now: at(1000), leaseMs: LEASE });
    await markSent(db.client, claim!, { channelId: 'C0EMUGENERAL', ts: '1.1', now: at(1000) });
    expect(
      await claimMessage(db.client, { ...row, status: 'pending' }, { workerId: 'w2', now: at(5000), leaseMs: LEASE }),
    ).toBeUndefined();
  });

  test('markFailed records the error and enqueues the notices in the same transaction, once', async () => {
    await enqueueMessages(db.client, [message('doomed')]);
    const [row] = await findDueMessages(db.client, T0, 10);
    const claim = await claimMessage(db.client, row!, { workerId: 'w', now: T0, leaseMs: LEASE });
    const notice = message(`delivery-failed:${row!.id}:U0EMU0001`, {
      kind: 'outbox.delivery_failed',
      to: { users: ['U0EMU0001'] },
    });
    expect(await markFailed(db.client, claim!, { error: 'channel_not_found', countsAsAttempt: false }, [notice])).toBe(true);
    expect(await markFailed(db.client, claim!, { error: 'channel_not_found', countsAsAttempt: false }, [notice])).toBe(false);
    expect(await db.client.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      status: 'failed',
      lastError: 'channel_not_found',
      attempts: 0,
    });
    expect(await db.client.outboxMessage.count({ where: { kind: 'outbox.delivery_failed' } })).toBe(1);
  });

  test('postponeMessages holds back pending rows of a channel and the given rows, never earlier', async () => {
    await enqueueMessages(db.client, [
      message('c1'),
      message('c2', { notBefore: at(90_000) }),
      message('other', { to: { channel: 'C0OTHER' } }),
      message('dm', { to: { users: ['U0EMU0007'] } }),
    ]);
    const dm = await db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'dm' } });
    expect(await postponeMessages(db.client, { ids: [dm.id], channelId: 'C0EMUGENERAL' }, at(30_000))).toBe(2);
    expect((await findDueMessages(db.client, T0, 10)).map((r) => r.idempotencyKey)).toEqual(['other']);
    expect((await findDueMessages(db.client, at(30_000), 10)).map((r) => r.idempotencyKey).sort()).toEqual(['c1', 'dm', 'other']);
  });
});
