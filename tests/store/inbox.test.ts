// The durable inbox on both databases: records keyed by Slack's ids, leases, take-over, and the DurableInbox's
// batching, retries and giving up driven against the real store.
import type { Db } from '../../src/store/database.js';
import * as inbox from '../../src/store/inbox.js';
import { inboxRecords } from '../../src/flows/inbox.js';
import { DurableInbox, type InboxTicket } from '../../src/requests/inbox.js';
import { createLogger } from '../../src/logger.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-04-06T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const req = (key: string) => ({ requestKey: key, kind: 'block_actions', bodyJson: JSON.stringify({ trigger_id: key }) });
const leaseOf = (owner: string, until = at(60_000)) => ({ owner, until });

describe.each(testDatabaseKinds())('inbox records on %s', (kind) => {
  let c: Db;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
  });

  test('a batch is written at once; a key seen before, or twice in the batch, is a duplicate', async () => {
    const first = await inbox.recordRequests(c, [req('t1'), req('t2')], leaseOf('a'), T0);
    expect(first.map((e) => e?.requestKey)).toEqual(['t1', 't2']);
    const second = await inbox.recordRequests(c, [req('t2'), req('t3'), req('t3')], leaseOf('a'), T0);
    expect(second.map((e) => e?.requestKey ?? null)).toEqual([null, 't3', null]);
    const row = await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 't3' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, leaseOwner: 'a', kind: 'block_actions' });
  });

  test('two replicas recording the same keys at once: each key once', async () => {
    const [x, y] = await Promise.all([
      inbox.recordRequests(c, [req('r1'), req('r2')], leaseOf('a'), T0),
      inbox.recordRequests(c, [req('r2'), req('r1')], leaseOf('b'), T0),
    ]);
    const won = [...x, ...y]
      .filter(Boolean)
      .map((e) => e!.requestKey)
      .sort();
    expect(won).toEqual(['r1', 'r2']);
    expect(await c.inboxRequest.count({ where: { requestKey: { in: ['r1', 'r2'] } } })).toBe(2);
  });

  test('leased requests are not taken over; expired ones are, by one replica only, with their bodies', async () => {
    expect(await inbox.claimDue(c, leaseOf('b', at(120_000)), at(30_000), 50)).toEqual([]);
    const [p, q] = await Promise.all([
      inbox.claimDue(c, leaseOf('b', at(180_000)), at(61_000), 50),
      inbox.claimDue(c, leaseOf('c', at(180_000)), at(61_000), 50),
    ]);
    const taken = [...p, ...q];
    expect(taken.map((t) => t.requestKey).sort()).toEqual(['r1', 'r2', 't1', 't2', 't3']);
    expect(new Set(taken.map((t) => t.id)).size).toBe(5);
    expect(taken.every((t) => t.attempts === 2 && JSON.parse(t.bodyJson).trigger_id === t.requestKey)).toBe(true);
  });

  test('done empties the body; release frees a replica’s leases; prune forgets old finished rows', async () => {
    const t1 = await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 't1' } });
    await inbox.markDone(c, [t1.id], at(62_000));
    expect(await c.inboxRequest.findUniqueOrThrow({ where: { id: t1.id } })).toMatchObject({ status: 'done', bodyJson: '' });
    // A replica holding a pending request (claimDue above splits the five between 'b' and 'c' as the race goes:
    // t1's own holder may hold nothing else).
    const held = await c.inboxRequest.findFirstOrThrow({ where: { status: 'pending', leaseOwner: { not: null } } });
    const owner = held.leaseOwner!;
    const released = await inbox.releaseLeases(c, owner);
    expect(released).toBeGreaterThan(0);
    expect(await c.inboxRequest.count({ where: { leaseOwner: owner, status: 'pending' } })).toBe(0);
    const stillLeased = await c.inboxRequest.count({ where: { status: 'pending', leaseUntil: { gt: at(63_000) } } });
    expect(await inbox.inboxQueueStats(c, at(63_000))).toMatchObject({ depth: 4, due: 4 - stillLeased });
    expect(await inbox.pruneInbox(c, at(63_000))).toBe(1);
  });

  test('batches of any size keep every row as given (PostgreSQL pads them to a prepared size)', async () => {
    const body = (key: string) => JSON.stringify({ trigger_id: key, text: 'Ça "marche" \\ 🎉', n: key.length });
    const batchOf = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        requestKey: `${prefix}${i}`,
        kind: `kind_${i % 3}`,
        bodyJson: body(`${prefix}${i}`),
      }));
    for (const [prefix, n] of [
      ['size3-', 3],
      ['size17-', 17],
      ['size250-', 250],
    ] as const) {
      const batch = [...batchOf(prefix, n), req('t2'), batchOf(prefix, 1)[0]!];
      const entries = await inbox.recordRequests(c, batch, leaseOf('sizes', at(90_000)), at(1_000));
      expect(entries.map((e) => e?.requestKey ?? null)).toEqual([...batch.slice(0, n).map((r) => r.requestKey), null, null]);
      const rows = await c.inboxRequest.findMany({ where: { requestKey: { startsWith: prefix } } });
      expect(rows).toHaveLength(n);
      for (const row of rows) {
        const given = batch.find((r) => r.requestKey === row.requestKey)!;
        expect(row).toMatchObject({
          id: entries.find((e) => e?.requestKey === row.requestKey)!.id,
          kind: given.kind,
          bodyJson: given.bodyJson,
          status: 'pending',
          attempts: 1,
          leaseOwner: 'sizes',
          leaseUntil: at(90_000),
          nextAttemptAt: at(1_000),
          receivedAt: at(1_000),
        });
      }
    }
    await c.inboxRequest.deleteMany({ where: { leaseOwner: 'sizes' } });
  });
});

describe.each(testDatabaseKinds())('DurableInbox against the real store on %s', (kind) => {
  let c: Db;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
  });
  let now = T0;
  const told: string[] = [];
  const redelivered: string[] = [];
  let failing = true;
  const make = () =>
    new DurableInbox({
      store: inboxRecords(c),
      logger: createLogger('error'),
      now: () => now,
      leaseMs: 60_000,
      maxAttempts: 3,
      backoffMs: [1_000, 2_000],
      redeliver: async (body) => {
        redelivered.push(String(body.trigger_id));
        if (failing) throw Object.assign(new Error('slack said no'), { code: 'slack_webapi_platform_error' });
      },
      giveUp: async (_body, ticket) => void told.push(ticket.requestKey),
      isFinal: (err) => (err as { data?: { error?: string } }).data?.error === 'expired_trigger_id',
    });

  test('requests arriving together are recorded in one batch; a replay is a duplicate', async () => {
    const box = make();
    const results = await Promise.all([
      box.record({ type: 'block_actions', trigger_id: 'a1' }),
      box.record({ type: 'block_actions', trigger_id: 'a2' }),
    ]);
    expect(results.map((r) => (typeof r === 'object' ? r.requestKey : r))).toEqual(['trigger:a1', 'trigger:a2']);
    expect(await box.record({ type: 'block_actions', trigger_id: 'a1' })).toBe('duplicate');
    expect(await box.record({ type: 'block_suggestion', trigger_id: 'x' })).toBeUndefined();
    const ticket = results[0] as InboxTicket;
    await box.attempt(ticket, {}, async () => {});
    await box.stop();
    expect((await c.inboxRequest.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('done');
    // a2 was recorded but never worked on: stopping released it for the next start.
    expect(await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 'trigger:a2' } })).toMatchObject({
      status: 'pending',
      leaseOwner: null,
    });
  });

  test('a failing request is tried again after its backoff, then given up on: the person is told once', async () => {
    const box = make();
    expect(await box.poll()).toBe(1); // a2, attempt 2: fails
    expect(redelivered).toEqual(['a2']);
    expect(await box.poll()).toBe(0); // not due before its backoff
    now = at(5_000);
    expect(await box.poll()).toBe(1); // attempt 3: fails for good
    expect(told).toEqual(['trigger:a2']);
    const row = await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 'trigger:a2' } });
    expect(row).toMatchObject({ status: 'failed', bodyJson: '', attempts: 3, lastError: 'Error [slack_webapi_platform_error]' });
    now = at(60_000);
    expect(await box.poll()).toBe(0);
    await box.stop();
  });

  test('an error no later attempt can mend (an expired trigger) gives up at once: no retry, the person told', async () => {
    const box = make();
    const ticket = await box.record({ type: 'block_actions', trigger_id: 'm1' });
    if (typeof ticket !== 'object') throw new Error('not recorded');
    await box.attempt(ticket, {}, async () => {
      throw Object.assign(new Error('An API error occurred: expired_trigger_id'), { data: { error: 'expired_trigger_id' } });
    });
    expect(told).toContain('trigger:m1');
    expect(await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 'trigger:m1' } })).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    await box.stop();
  });

  test('a request whose replica died (its lease ran out) is done by another', async () => {
    failing = false;
    const dead = make();
    const ticket = await dead.record({ type: 'view_submission', trigger_id: 'v1' });
    expect(typeof ticket).toBe('object'); // recorded, answered 2xx, then the process died before doing it
    const survivor = make();
    expect(await survivor.poll()).toBe(0); // still leased
    now = at(60_000 + 61_000);
    expect(await survivor.poll()).toBe(1);
    await survivor.stop();
    expect((await c.inboxRequest.findUniqueOrThrow({ where: { requestKey: 'trigger:v1' } })).status).toBe('done');
  });
});

describe.each(testDatabaseKinds())('the records before the answers on %s', (kind) => {
  let c: Db;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
  });
  const nextTurn = () => new Promise((r) => setImmediate(r));

  test('while every write lane is busy, what arrives waits and goes in one batch as soon as one is free', async () => {
    const real = inboxRecords(c);
    const batches: number[] = [];
    const observed: Array<[number, boolean]> = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const box = new DurableInbox({
      store: {
        ...real,
        writeLanes: 1,
        recordRequests: async (requests, lease, now) => {
          batches.push(requests.length);
          if (batches.length === 1) await held; // the first write is slow
          return real.recordRequests(requests, lease, now);
        },
      },
      logger: createLogger('error'),
      redeliver: async () => {},
      giveUp: async () => {},
      observer: { recorded: (requests, _seconds, ok) => void observed.push([requests, ok]) },
    });
    const first = box.record({ type: 'block_actions', trigger_id: 'l1' });
    await nextTurn();
    // Read in three later turns of the loop, while the first write holds the only lane.
    const later = [];
    for (const id of ['l2', 'l3', 'l4']) {
      later.push(box.record({ type: 'block_actions', trigger_id: id }));
      await nextTurn();
    }
    expect(batches).toEqual([1]);
    expect(box.recording).toBe(4);
    release();
    const tickets = await Promise.all([first, ...later]);
    expect(tickets.map((t) => (typeof t === 'object' ? t.requestKey : t))).toEqual([
      'trigger:l1',
      'trigger:l2',
      'trigger:l3',
      'trigger:l4',
    ]);
    expect(batches).toEqual([1, 3]);
    expect(observed).toEqual([
      [1, true],
      [3, true],
    ]);
    expect(box.recording).toBe(0);
    expect(await c.inboxRequest.count({ where: { requestKey: { startsWith: 'trigger:l' } } })).toBe(4);
    await box.stop();
  });

  test('stopping writes what is still waiting for a lane before it lets go', async () => {
    const real = inboxRecords(c);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const box = new DurableInbox({
      store: {
        ...real,
        writeLanes: 1,
        recordRequests: async (requests, lease, now) => {
          if (++calls === 1) await held;
          return real.recordRequests(requests, lease, now);
        },
      },
      logger: createLogger('error'),
      redeliver: async () => {},
      giveUp: async () => {},
    });
    const first = box.record({ type: 'block_actions', trigger_id: 's1' });
    await nextTurn();
    const second = box.record({ type: 'block_actions', trigger_id: 's2' });
    await nextTurn();
    const stopped = box.stop();
    release();
    await stopped;
    expect([typeof (await first), typeof (await second)]).toEqual(['object', 'object']);
    // Both written, and released by the stop for the next replica (nobody worked on them here).
    const rows = await c.inboxRequest.findMany({ where: { requestKey: { in: ['trigger:s1', 'trigger:s2'] } } });
    expect(rows.map((r) => [r.status, r.leaseOwner])).toEqual([
      ['pending', null],
      ['pending', null],
    ]);
  });

  test('the warm-up writes through every lane and keeps nothing', async () => {
    const before = await c.inboxRequest.count();
    await inbox.warmUpRecords(c, T0);
    await inbox.warmUpRecords(c, T0);
    expect(await c.inboxRequest.count()).toBe(before);
    // The lanes are usable afterwards (every connection back in its pool, no transaction left open).
    const [entry] = await inbox.recordRequests(c, [req('after-warm-up')], leaseOf('a'), T0);
    expect(entry?.requestKey).toBe('after-warm-up');
  });
});
