// The durable inbox's records (docs/operations.md, "The inbox"). A request is written before Slack gets its 2xx;
// the replica that answered holds its lease and does it; a lease that runs out lets any replica take it over.
import { randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import { aheadOfTheQueue } from './libsqlSingleConnection.js';
import { INBOX_LANE_CONNECTIONS, inboxLaneOf } from './inboxLane.js';
import type pg from 'pg';

export interface NewInboxRequest {
  requestKey: string;
  kind: string;
  bodyJson: string;
}

export interface InboxEntry {
  id: string;
  requestKey: string;
  kind: string;
  attempts: number;
  receivedAt: Date;
}

export interface InboxLease {
  owner: string;
  until: Date;
}

/** Rows per INSERT: 10 bound values each, far below either database's limit on bound values. */
const ROWS_PER_INSERT = 200;

/**
 * Writes the requests (one statement per batch, up to ROWS_PER_INSERT rows), each leased to `lease.owner` as its
 * first attempt. Returns an entry per new request, in order, and null for a key already recorded (Slack's retry,
 * or a replay, or the same key earlier in the batch).
 *
 * One `INSERT ... ON CONFLICT ("requestKey") DO NOTHING RETURNING` (the same SQL on SQLite and PostgreSQL): the
 * database itself says which keys were new, in the same statement that writes them, so a request is answered
 * after one round trip; two replicas inserting the same key at once get it once between them (PostgreSQL
 * waits for the other's transaction, then skips). Raw SQL also skips Prisma's query planning, the larger part
 * of a batch's CPU (bench/load).
 */
export async function recordRequests(
  db: Db,
  requests: readonly NewInboxRequest[],
  lease: InboxLease,
  now: Date,
): Promise<Array<InboxEntry | null>> {
  const rows = new Map<string, InboxEntry & NewInboxRequest>();
  for (const r of requests)
    if (!rows.has(r.requestKey)) rows.set(r.requestKey, { ...r, id: randomUUID(), attempts: 1, receivedAt: now });
  const inserted = new Set<string>();
  const all = [...rows.values()];
  const lane = inboxLaneOf(db);
  for (let i = 0; i < all.length; i += ROWS_PER_INSERT) {
    const batch = all.slice(i, i + ROWS_PER_INSERT);
    const written = lane ? await insertThroughLane(lane, batch, lease, now) : await insertIntoSqlite(db, batch, lease, now);
    for (const key of written) inserted.add(key);
  }
  const seen = new Set<string>();
  return requests.map((r) => {
    const row = rows.get(r.requestKey);
    if (!row || !inserted.has(r.requestKey) || seen.has(r.requestKey)) return null;
    seen.add(r.requestKey);
    return { id: row.id, requestKey: row.requestKey, kind: row.kind, attempts: row.attempts, receivedAt: row.receivedAt };
  });
}

type NewRow = NewInboxRequest & { id: string };

/**
 * PostgreSQL: the record's INSERT as a prepared statement for a fixed number of rows (`LANE_BATCH_SIZES`), the batch
 * in its first rows and the rest NULL (skipped). Parsing and analysing a new multi-row INSERT of its own length for
 * every batch was half of the server's CPU for the records (about 100 µs a row of 3 kB, on the 2 cores the bot and the
 * server share); a prepared one is parsed once per connection and size. Nine sizes at most per connection.
 */
const LANE_BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, ROWS_PER_INSERT] as const;
const laneStatements = new Map<number, { name: string; text: string }>();

function laneStatement(rows: number): { size: number; name: string; text: string } {
  const size = LANE_BATCH_SIZES.find((s) => s >= rows) ?? ROWS_PER_INSERT;
  let statement = laneStatements.get(size);
  if (!statement) {
    const values = Array.from({ length: size }, (_, i) => {
      const at = 4 * i;
      return `($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text)`;
    });
    const shared = 4 * size;
    statement = {
      name: `inbox_record_${size}`,
      text: `INSERT INTO "InboxRequest"
      ("id", "requestKey", "kind", "bodyJson", "status", "attempts", "leaseOwner", "leaseUntil", "nextAttemptAt", "receivedAt")
    SELECT r.id, r.key, r.kind, r.body, 'pending', 1, $${shared + 1}::text, $${shared + 2}::timestamp(3),
      $${shared + 3}::timestamp(3), $${shared + 3}::timestamp(3)
    FROM (VALUES ${values.join(', ')}) AS r (id, key, kind, body)
    WHERE r.id IS NOT NULL
    ON CONFLICT ("requestKey") DO NOTHING
    RETURNING "requestKey"`,
    };
    laneStatements.set(size, statement);
  }
  return { size, ...statement };
}

/** PostgreSQL: through the inbox's own connections, never behind the listeners' work (inboxLane.ts). */
async function insertThroughLane(
  lane: Pick<pg.Pool, 'query'>,
  rows: readonly NewRow[],
  lease: InboxLease,
  now: Date,
): Promise<string[]> {
  const { size, name, text } = laneStatement(rows.length);
  const values: unknown[] = new Array(4 * size + 3).fill(null);
  rows.forEach((r, i) => {
    values[4 * i] = r.id;
    values[4 * i + 1] = r.requestKey;
    values[4 * i + 2] = r.kind;
    values[4 * i + 3] = r.bodyJson;
  });
  // ISO strings in UTC: a timestamp without time zone keeps them as written (pg would send a Date in local time).
  values[4 * size] = lease.owner;
  values[4 * size + 1] = lease.until.toISOString();
  values[4 * size + 2] = now.toISOString();
  const written = await lane.query<{ requestKey: string }>({ name, text, values });
  return written.rows.map((w) => w.requestKey);
}

/** SQLite: ahead of the listeners' statements waiting for the one connection (the ack waits for this one). */
function insertIntoSqlite(db: Db, rows: readonly NewRow[], lease: InboxLease, now: Date): Promise<string[]> {
  return aheadOfTheQueue(async () => {
    // The rows as one JSON parameter that SQLite takes apart: Prisma maps each parameter in JavaScript, and four
    // per row cost more than that (70 against 79 to 85 µs a row of 3 kB, 100-row batches).
    const rowsJson = JSON.stringify(rows.map((r) => [r.id, r.requestKey, r.kind, r.bodyJson]));
    const written = await db.$queryRaw<Array<{ requestKey: string }>>`
      INSERT INTO "InboxRequest"
        ("id", "requestKey", "kind", "bodyJson", "status", "attempts", "leaseOwner", "leaseUntil", "nextAttemptAt", "receivedAt")
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
        'pending', 1, ${lease.owner}, ${lease.until}, ${now}, ${now}
      FROM json_each(${rowsJson}) WHERE true
      ON CONFLICT ("requestKey") DO NOTHING
      RETURNING "requestKey"`;
    return written.map((w) => w.requestKey);
  });
}

/** How many record batches the database takes at once: the lane's connections on PostgreSQL, one SQLite connection. */
export function inboxWriteLanes(db: Db): number {
  return inboxLaneOf(db) ? INBOX_LANE_CONNECTIONS : 1;
}

class RolledBack extends Error {}

/**
 * Runs the record's INSERT once on every connection that will write records, in a transaction rolled back
 * (nothing is kept, no other replica sees a row). Before the bot listens: a new PostgreSQL connection's first
 * INSERT into the table loads its catalog entries and plans from scratch, and both lane connections then
 * took their first batch of a burst cold while every other request waited behind them (bench/load: the
 * first second's p99 509 ms against 259 ms after it, docs/benchmarks.md). On PostgreSQL each connection prepares
 * the statement of every batch size here (prepared statements outlive the rollback).
 */
export async function warmUpRecords(db: Db, now: Date): Promise<void> {
  const row = (i: number): NewRow => ({
    id: randomUUID(),
    requestKey: `warm-up:${randomUUID()}:${i}`,
    kind: 'warm_up',
    bodyJson: '{}',
  });
  const lease = { owner: 'warm-up', until: now };
  const lane = inboxLaneOf(db);
  if (lane) {
    const clients = await Promise.all(Array.from({ length: INBOX_LANE_CONNECTIONS }, () => lane.connect()));
    try {
      await Promise.all(
        clients.map(async (client, c) => {
          await client.query('BEGIN');
          try {
            for (const size of LANE_BATCH_SIZES)
              await insertThroughLane(
                client,
                Array.from({ length: size }, (_, i) => row(c * ROWS_PER_INSERT + i)),
                lease,
                now,
              );
          } finally {
            await client.query('ROLLBACK');
          }
        }),
      );
    } finally {
      for (const c of clients) c.release();
    }
    return;
  }
  await db
    .$transaction(async (tx) => {
      await insertIntoSqlite(tx as unknown as Db, [row(0)], lease, now);
      throw new RolledBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
}

/** Done: the body goes (it may hold what people typed); the key stays, so a late retry or replay is still known. */
export async function markDone(db: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.inboxRequest.updateMany({
    where: { id: { in: [...ids] } },
    data: { status: 'done', bodyJson: '', finishedAt: now, leaseOwner: null, leaseUntil: null },
  });
}

/** An attempt failed: tried again from `retryAt`, by any replica. */
export async function markRetry(db: Db, id: string, retryAt: Date, error: string): Promise<void> {
  await db.inboxRequest.updateMany({
    where: { id, status: 'pending' },
    data: { nextAttemptAt: retryAt, leaseOwner: null, leaseUntil: null, lastError: error },
  });
}

/** Given up: the person was told; the body goes. */
export async function markFailed(db: Db, id: string, now: Date, error: string): Promise<void> {
  await db.inboxRequest.updateMany({
    where: { id },
    data: { status: 'failed', bodyJson: '', finishedAt: now, leaseOwner: null, leaseUntil: null, lastError: error },
  });
}

/** Keeps this replica's leases alive while their work runs. */
export async function renewLeases(db: Db, ids: readonly string[], lease: InboxLease): Promise<void> {
  if (ids.length === 0) return;
  await db.inboxRequest.updateMany({
    where: { id: { in: [...ids] }, leaseOwner: lease.owner, status: 'pending' },
    data: { leaseUntil: lease.until },
  });
}

/** Stopping: what this replica leased and did not finish is free for the next one at once. */
export async function releaseLeases(db: Db, owner: string): Promise<number> {
  const { count } = await db.inboxRequest.updateMany({
    where: { leaseOwner: owner, status: 'pending' },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return count;
}

/**
 * Takes over due requests nobody holds (a replica died, stopped, or an attempt failed): each by a compare-and-set
 * on its lease, so two replicas never take the same one. Returns them with their bodies.
 */
export async function claimDue(db: Db, lease: InboxLease, now: Date, limit: number) {
  const candidates = await db.inboxRequest.findMany({
    where: {
      status: 'pending',
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, leaseUntil: true },
  });
  const claimed: string[] = [];
  for (const c of candidates) {
    const { count } = await db.inboxRequest.updateMany({
      where: { id: c.id, status: 'pending', leaseUntil: c.leaseUntil },
      data: { leaseOwner: lease.owner, leaseUntil: lease.until, attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push(c.id);
  }
  if (claimed.length === 0) return [];
  return db.inboxRequest.findMany({
    where: { id: { in: claimed } },
    select: { id: true, requestKey: true, kind: true, attempts: true, receivedAt: true, bodyJson: true },
    orderBy: { receivedAt: 'asc' },
  });
}

/** Finished requests older than `before` are forgotten (their keys guard against retries and replays until then). */
export async function pruneInbox(db: Db, before: Date): Promise<number> {
  const { count } = await db.inboxRequest.deleteMany({
    where: { status: { in: ['done', 'failed'] }, finishedAt: { lt: before } },
  });
  return count;
}

/**
 * For metrics: requests not yet done (depth), those any replica may take now (due: no live lease), and since when
 * the oldest due one has waited. A healthy bot has depth near zero and nothing due for long.
 */
export async function inboxQueueStats(db: Db, now: Date): Promise<{ depth: number; due: number; oldestDueSince: Date | null }> {
  const dueWhere = {
    status: 'pending',
    nextAttemptAt: { lte: now },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
  const [depth, due, oldest] = await Promise.all([
    db.inboxRequest.count({ where: { status: 'pending' } }),
    db.inboxRequest.count({ where: dueWhere }),
    db.inboxRequest.findFirst({ where: dueWhere, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } }),
  ]);
  return { depth, due, oldestDueSince: oldest?.nextAttemptAt ?? null };
}
