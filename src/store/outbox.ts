import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type OutboxMessage } from '../generated/sqlite/client.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import type { DatabaseKind } from './databaseUrl.js';
import type { OutboxPayload, OutboxTarget, OutgoingMessage } from '../messages/outgoing.js';

export type { OutboxMessage };

// Stored instead of now() for "at once", so that any clock (including a test's ManualClock) finds the row due.
const DUE_AT_ONCE = new Date(0);

const payloadSchema = z.object({
  to: z.union([z.object({ channel: z.string().min(1) }), z.object({ users: z.array(z.string().min(1)).min(1) })]),
  text: z.string(),
  blocks: z.array(z.looseObject({ type: z.string() })).optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  file: z.object({ filename: z.string().min(1), title: z.string(), content: z.string().min(1) }).optional(),
});

export function parsePayload(row: Pick<OutboxMessage, 'payloadJson'>): OutboxPayload {
  return payloadSchema.parse(JSON.parse(row.payloadJson)) as OutboxPayload;
}

/** Slack treats a user id as a channel meaning "the DM with them"; the sender needs the DM's own id. */
function normaliseTarget(to: OutboxTarget): OutboxTarget {
  return 'channel' in to && /^[UW][A-Z0-9]+$/.test(to.channel) ? { users: [to.channel] } : to;
}

/** The row a message is stored as: its payload checked, its target normalised. */
export function newRow(msg: OutgoingMessage) {
  const payload: OutboxPayload = { to: normaliseTarget(msg.to), text: msg.text };
  const to = payload.to;
  if (msg.blocks) payload.blocks = msg.blocks;
  if (msg.metadata) payload.metadata = msg.metadata;
  if (msg.file) payload.file = msg.file;
  return {
    id: randomUUID(),
    idempotencyKey: msg.idempotencyKey,
    kind: msg.kind,
    payloadJson: JSON.stringify(payloadSchema.parse(payload)),
    nextAttemptAt: msg.notBefore ?? DUE_AT_ONCE,
    channelId: 'channel' in to ? to.channel : null,
  };
}

/**
 * Writes a message in the caller's transaction, next to the state change that caused it. When the key
 * exists already (a double click, a retried request, a concurrent transaction that won) it writes
 * nothing and returns the existing row.
 */
export async function enqueueMessage(tx: Tx, msg: OutgoingMessage): Promise<OutboxMessage> {
  const existing = await tx.outboxMessage.findUnique({ where: { idempotencyKey: msg.idempotencyKey } });
  if (existing) return existing;
  const data = newRow(msg);
  // A failed statement aborts a whole PostgreSQL transaction; the savepoint keeps the caller's work
  // when another transaction inserted the same key between our read and our insert.
  await tx.$executeRawUnsafe('SAVEPOINT outbox_enqueue');
  try {
    const created = await tx.outboxMessage.create({ data });
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT outbox_enqueue');
    return created;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT outbox_enqueue');
    return tx.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: msg.idempotencyKey } });
  }
}

/** Rows per INSERT: 8 parameters each, far below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const INSERT_ROWS = 500;

export type NewRow = ReturnType<typeof newRow>;

/** SQLite: a multi-row VALUES, ten bound parameters a row. */
function insertAsValues(tx: Tx, rows: readonly NewRow[], createdAt: Date) {
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.id}, ${r.idempotencyKey}, ${r.kind}, ${r.payloadJson}, 'pending', 0, ${r.nextAttemptAt}, ${r.channelId}, ${createdAt}, ${createdAt})`,
  );
  return tx.$queryRaw<Array<{ idempotencyKey: string }>>`
    INSERT INTO "OutboxMessage"
      ("id", "idempotencyKey", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "channelId", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "idempotencyKey"`;
}

/**
 * A row as an object of json_to_recordset(... AS x(OUTBOX_JSON_COLUMNS)), `r` (the row it
 * belongs to, e.g. a check-in) when given. A timestamp without time zone ignores the ISO string's "Z": the instant
 * is stored in UTC, as Prisma stores it.
 */
export function outboxJsonRow(r: NewRow, owner?: string): string {
  const str = JSON.stringify;
  const channel = r.channelId === null ? 'null' : str(r.channelId);
  const of = owner === undefined ? '' : `"r":${str(owner)},`;
  // PostgreSQL will not take apart a json value holding \u0000 or half a surrogate pair (JSON.stringify writes both
  // as \uXXXX, and only those): such a payload goes in as a string, `q`.
  const payload = r.payloadJson.includes('\\u') ? `"q":${str(r.payloadJson)}` : `"p":${r.payloadJson}`;
  return `{${of}"i":${str(r.id)},"k":${str(r.idempotencyKey)},"t":${str(r.kind)},${payload},"n":"${r.nextAttemptAt.toISOString()}","c":${channel}}`;
}

/** The columns of outboxJsonRow's objects, for json_to_recordset; the payload is `COALESCE(x.p::text, x.q)`. */
export const OUTBOX_JSON_COLUMNS = 'i text, k text, t text, p json, q text, n text, c text';

/**
 * PostgreSQL: the rows as ONE json parameter, taken apart by the server (json_to_recordset). The driver adapter
 * converts every bound parameter in JavaScript on the app's one core, about 4,000 for 500 rows; the server does
 * this on its own. Each payload goes in as it was serialised (no second escaping): a `json` value keeps its text
 * as written, so `payloadJson` is stored byte for byte as with VALUES.
 */
function insertAsJson(tx: Tx, rows: readonly NewRow[], createdAt: Date) {
  const json = `[${rows.map((r) => outboxJsonRow(r)).join(',')}]`;
  return tx.$queryRaw<Array<{ idempotencyKey: string }>>`
    INSERT INTO "OutboxMessage"
      ("id", "idempotencyKey", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "channelId", "createdAt", "updatedAt")
    SELECT x.i, x.k, x.t, COALESCE(x.p::text, x.q), 'pending', 0, x.n::timestamp(3), x.c, ${createdAt}, ${createdAt}
    FROM json_to_recordset(${json}::json) AS x(${Prisma.raw(OUTBOX_JSON_COLUMNS)})
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "idempotencyKey"`;
}

/**
 * Writes many messages in the caller's transaction with a few multi-row INSERTs: a key that exists already (a
 * retried claim, another replica's transaction that won) is skipped by the unique key (ON CONFLICT DO NOTHING),
 * as enqueueMessage skips it. Returns the keys this call wrote.
 */
export async function enqueueMessagesInBulk(tx: Tx, kind: DatabaseKind, messages: readonly OutgoingMessage[]): Promise<string[]> {
  const written: string[] = [];
  // The same key twice in one INSERT would be written once, as enqueueMessage writes it once: keep the first.
  const seen = new Set<string>();
  const unique = messages.filter((m) => !seen.has(m.idempotencyKey) && seen.add(m.idempotencyKey));
  const createdAt = new Date();
  const insert = kind === 'postgres' ? insertAsJson : insertAsValues;
  for (let i = 0; i < unique.length; i += INSERT_ROWS) {
    const rows = await insert(tx, unique.slice(i, i + INSERT_ROWS).map(newRow), createdAt);
    for (const r of rows) written.push(r.idempotencyKey);
  }
  return written;
}

/**
 * Deletes those of the messages with these keys that no sender has touched yet (pending, never attempted): a
 * message written for later whose reason is gone (a reminder for a check-in just logged).
 */
export async function withdrawPendingMessages(tx: Tx, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const { count } = await tx.outboxMessage.deleteMany({
    where: { idempotencyKey: { in: [...keys] }, status: 'pending', attempts: 0 },
  });
  return count;
}

/** Several messages in one transaction of their own, for callers with no other state to change. */
export async function enqueueMessages(db: Db, messages: OutgoingMessage[]): Promise<OutboxMessage[]> {
  if (messages.length === 0) return [];
  return db.$transaction(async (tx) => {
    const rows: OutboxMessage[] = [];
    for (const m of messages) rows.push(await enqueueMessage(tx, m));
    return rows;
  });
}

/**
 * Pending rows that are due, and rows whose sender's lease ran out (it crashed or hung): oldest first.
 * `withChannel`: only rows whose conversation is known (no conversations.open needed); `notInChannels`: not rows
 * for these conversations (the pacer holds them back).
 */
export async function findDueMessages(
  db: Db,
  now: Date,
  limit: number,
  filter: { withChannel?: boolean; notInChannels?: readonly string[] | undefined } = {},
): Promise<OutboxMessage[]> {
  const excluded = filter.notInChannels?.length ? [...filter.notInChannels] : undefined;
  return db.outboxMessage.findMany({
    where: {
      OR: [
        { status: 'pending', nextAttemptAt: { lte: now } },
        { status: 'sending', lockedUntil: { lt: now } },
      ],
      AND: [
        ...(filter.withChannel ? [{ channelId: { not: null } }] : []),
        // NOT IN leaves out NULL too: a row whose conversation is not known yet is in none of them.
        ...(excluded ? [{ OR: [{ channelId: null }, { channelId: { notIn: excluded } }] }] : []),
      ],
    },
    orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

export interface Claim {
  row: OutboxMessage;
  workerId: string;
  lockedUntil: Date;
  /**
   * An earlier attempt may have reached Slack: it failed with a 5xx or a timeout (attempts > 0), or its
   * sender's lease expired mid-send. Slack must be asked before sending again.
   */
  mayHaveBeenSent: boolean;
}

export interface LeaseOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
}

/**
 * Takes the row for one sender until `now + leaseMs`. The UPDATE repeats the conditions the row was
 * found with, so of several senders racing for it (threads or replicas) exactly one sees count 1:
 * PostgreSQL re-evaluates the WHERE clause on the row a concurrent winner wrote, SQLite runs one writer.
 */
export async function claimMessage(db: Db, row: OutboxMessage, o: LeaseOptions): Promise<Claim | undefined> {
  const lockedUntil = new Date(o.now.getTime() + o.leaseMs);
  const due =
    row.status === 'pending'
      ? { status: 'pending', nextAttemptAt: { lte: o.now } }
      : { status: 'sending', lockedBy: row.lockedBy, lockedUntil: { lt: o.now } };
  const { count } = await db.outboxMessage.updateMany({
    where: { id: row.id, ...due },
    data: { status: 'sending', lockedBy: o.workerId, lockedUntil },
  });
  if (count !== 1) return undefined;
  const mayHaveBeenSent = row.attempts > 0 || row.status === 'sending';
  return {
    row: { ...row, status: 'sending', lockedBy: o.workerId, lockedUntil },
    workerId: o.workerId,
    lockedUntil,
    mayHaveBeenSent,
  };
}

function held(claim: Claim) {
  return { id: claim.row.id, status: 'sending', lockedBy: claim.workerId, lockedUntil: claim.lockedUntil };
}

/** Remembers the DM / group DM id conversations.open gave, so a later attempt can look in its history. */
export async function recordChannel(db: Db, claim: Claim, channelId: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({ where: held(claim), data: { channelId } });
  if (count === 1) claim.row.channelId = channelId;
  return count === 1;
}

/**
 * A file message: its bytes are at Slack under this id, maybe not shared yet. Recorded before the sharing call, so
 * a retry shares this same file (Slack shares a file id once) and never uploads a second one.
 */
export async function recordUploadedFile(db: Db, claim: Claim, fileId: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({ where: held(claim), data: { uploadedFileId: fileId } });
  if (count === 1) claim.row.uploadedFileId = fileId;
  return count === 1;
}

/** What a sent message keeps of itself once nobody may know whom it was for (docs/operations.md, "What Delete my data removes"). */
export const ERASED_PAYLOAD = JSON.stringify({ to: { users: ['erased'] }, text: '(erased)' });
/** "Your data has been deleted" is the last message to someone who asked to be forgotten: once sent, it forgets them too. */
const FORGOTTEN_ONCE_SENT = new Set(['participant.erased']);

/** false: the lease was lost to another sender (the message may then have gone out twice). */
export async function markSent(db: Db, claim: Claim, sent: { channelId: string; ts: string; now: Date }): Promise<boolean> {
  const forget = FORGOTTEN_ONCE_SENT.has(claim.row.kind)
    ? { payloadJson: ERASED_PAYLOAD, channelId: null }
    : { channelId: sent.channelId };
  const { count } = await db.outboxMessage.updateMany({
    where: held(claim),
    data: { status: 'sent', ...forget, messageTs: sent.ts, sentAt: sent.now, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}

export interface Retry {
  nextAttemptAt: Date;
  /** A code, never message content: e.g. "http_503", "timeout", "ratelimited". */
  error: string;
  /** false for a 429 (Slack refused before doing anything) or a lease given back unused. */
  countsAsAttempt: boolean;
}

export async function scheduleRetry(db: Db, claim: Claim, retry: Retry): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: held(claim),
    data: {
      status: 'pending',
      nextAttemptAt: retry.nextAttemptAt,
      lastError: retry.error,
      lockedBy: null,
      lockedUntil: null,
      ...(retry.countsAsAttempt ? { attempts: { increment: 1 } } : {}),
    },
  });
  return count === 1;
}

/**
 * Gives up on the row and, in the same transaction, enqueues the coordinators' notices: either both
 * happen or neither, so a crash here cannot lose the notice or fail the row silently.
 */
export async function markFailed(
  db: Db,
  claim: Claim,
  failure: { error: string; countsAsAttempt: boolean },
  notices: OutgoingMessage[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: held(claim),
      data: {
        status: 'failed',
        lastError: failure.error,
        lockedBy: null,
        lockedUntil: null,
        ...(failure.countsAsAttempt ? { attempts: { increment: 1 } } : {}),
      },
    });
    if (count !== 1) return false;
    for (const notice of notices) await enqueueMessage(tx, notice);
    return true;
  });
}

/**
 * After a 429, the rest of that conversation waits as long as Slack asked: the given rows, and every
 * pending row for the channel (those of other senders too). Rows due later keep their time.
 */
export async function postponeMessages(
  db: Db,
  which: { ids: string[]; channelId?: string | undefined },
  until: Date,
): Promise<number> {
  const match = [
    ...(which.ids.length > 0 ? [{ id: { in: which.ids } }] : []),
    ...(which.channelId ? [{ channelId: which.channelId }] : []),
  ];
  if (match.length === 0) return 0;
  const { count } = await db.outboxMessage.updateMany({
    where: { status: 'pending', nextAttemptAt: { lt: until }, OR: match },
    data: { nextAttemptAt: until },
  });
  return count;
}
