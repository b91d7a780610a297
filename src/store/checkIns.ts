// Check-ins and their pairings: every state change is a compare-and-set UPDATE checked by its affected
// count, with the messages it causes written to the outbox in the same transaction. Safe on replicas.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db, Tx } from './database.js';
import type { DatabaseKind } from './databaseUrl.js';
import { isUniqueViolation } from './errors.js';
import { createRequests, createRequestsInBulk, type NewFeedbackRequest } from './feedback.js';
import { enqueueMessagesInBulk, withdrawPendingMessages } from './outbox.js';
import { poolOf } from './pgPool.js';
import { kindOf } from './provider.js';
import { recordNudgesOnPostgres } from './pgNudges.js';
import { endPairPause, startPairPause } from './pauses.js';
import { MAX_NUDGES } from '../domain/schedule/rules.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

const person = { select: { id: true, slackUserId: true, timezone: true, status: true } } as const;
const pairInclude = {
  mentor: person,
  mentee: person,
  programme: { select: { id: true, name: true, startDate: true, endDate: true, timezone: true, status: true } },
} as const;

export const OPEN_STATUSES = ['due', 'scheduled'] as const;
const open = { in: [...OPEN_STATUSES] };
/** Nudges go only to an active pair whose two members are both active. */
const reachablePair = { status: 'active', mentor: { status: 'active' }, mentee: { status: 'active' } };

export interface Person {
  id: string;
  slackUserId: string;
  timezone: string;
  status: string;
}

export interface PairContext {
  id: string;
  status: string;
  cadenceDays: number;
  groupChannelId: string | null;
  introducedAt: Date | null;
  createdAt: Date;
  atRiskFlaggedAt: Date | null;
  mentor: Person;
  mentee: Person;
  programme: { id: string; name: string; startDate: Date; endDate: Date; timezone: string; status: string };
}

export interface CheckInRow {
  id: string;
  pairingId: string;
  sequence: number;
  dueAt: Date;
  status: string;
  scheduledFor: Date | null;
  metAt: Date | null;
  remindersSent: number;
  nextNudgeAt: Date | null;
  /** the SEQUENCE of the last calendar invitation sent for it; null = none */
  invitationSequence: number | null;
}

export type CheckInWithPair = CheckInRow & { pairing: PairContext };

export interface NewCheckIn {
  pairingId: string;
  sequence: number;
  dueAt: Date;
  nextNudgeAt: Date | null;
}

/** The messages in one multi-row INSERT: a key that exists already (a double click, a retry) is skipped. */
async function enqueueAll(tx: Tx, kind: DatabaseKind, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length > 0) await enqueueMessagesInBulk(tx, kind, messages);
}

/** Creates the check-in unless that sequence exists (another replica, a retry): a savepoint keeps the caller's transaction. */
async function createCheckIn(tx: Tx, c: NewCheckIn): Promise<boolean> {
  await tx.$executeRawUnsafe('SAVEPOINT checkin_create');
  try {
    await tx.checkIn.create({ data: { id: randomUUID(), ...c } });
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT checkin_create');
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT checkin_create');
    return false;
  }
}

/** createCheckIn for many, in multi-row INSERTs: a sequence that exists already is skipped. Returns how many it wrote. */
async function createCheckIns(tx: Tx, list: readonly NewCheckIn[]): Promise<number> {
  let written = 0;
  const now = new Date();
  for (let i = 0; i < list.length; i += 500) {
    const values = list
      .slice(i, i + 500)
      .map(
        (c) =>
          Prisma.sql`(${randomUUID()}, ${c.pairingId}, ${c.sequence}, ${c.dueAt}, 'due', 0, ${c.nextNudgeAt}, ${now}, ${now})`,
      );
    written += await tx.$executeRaw`
      INSERT INTO "CheckIn" ("id", "pairingId", "sequence", "dueAt", "status", "remindersSent", "nextNudgeAt", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("pairingId", "sequence") DO NOTHING`;
  }
  return written;
}

export { findCheckIn } from './checkInReads.js';

export function findPairing(db: Db, id: string): Promise<PairContext | null> {
  return db.pairing.findUnique({ where: { id }, include: pairInclude });
}

// ---- scheduler steps ----

export function findPairingsWithoutCheckIns(db: Db, limit: number): Promise<PairContext[]> {
  return db.pairing.findMany({
    where: { status: 'active', introducedAt: { not: null }, checkIns: { none: {} } },
    include: pairInclude,
    take: limit,
    orderBy: { id: 'asc' },
  });
}

export async function createFirstCheckIn(db: Db, c: NewCheckIn): Promise<boolean> {
  return db.$transaction((tx) => createCheckIn(tx, c));
}

/** The first check-in of many pairs, in one transaction; a pair that has one already (another replica) is skipped. */
export async function createFirstCheckIns(db: Db, list: readonly NewCheckIn[]): Promise<number> {
  if (list.length === 0) return 0;
  return db.$transaction((tx) => createCheckIns(tx, list));
}

/**
 * The introduction (outbox key `match-intro:<pairingId>`) opens the pair's group DM; once it has been sent its
 * row holds the conversation id. Storing it on the pairing sends nudges, reminders and notes straight to that
 * channel, without a conversations.open (Tier 3, about 50 a minute) per pair. Returns how many were filled in.
 */
export async function recordGroupChannels(db: Db, limit: number): Promise<number> {
  let filled = 0;
  let after = '';
  for (;;) {
    const pairs = await db.pairing.findMany({
      where: { status: { in: ['active', 'paused'] }, groupChannelId: null, introducedAt: { not: null }, id: { gt: after } },
      select: { id: true },
      take: limit,
      orderBy: { id: 'asc' },
    });
    if (pairs.length === 0) break;
    const intros = await db.outboxMessage.findMany({
      where: { idempotencyKey: { in: pairs.map((p) => `match-intro:${p.id}`) }, status: 'sent', channelId: { not: null } },
      select: { idempotencyKey: true, channelId: true },
    });
    // One channel per pair: one UPDATE each, all of a page in one transaction.
    if (intros.length > 0)
      filled += await db.$transaction(async (tx) => {
        let count = 0;
        for (const intro of intros) {
          const id = intro.idempotencyKey.slice('match-intro:'.length);
          const r = await tx.pairing.updateMany({
            where: { id, groupChannelId: null },
            data: { groupChannelId: intro.channelId },
          });
          count += r.count;
        }
        return count;
      });
    if (pairs.length < limit) break;
    after = pairs[pairs.length - 1]?.id ?? after;
  }
  return filled;
}

/** Open check-ins nobody has planned a nudge for yet (e.g. created by the matching's approval). */
export function findUnplannedCheckIns(db: Db, limit: number): Promise<CheckInWithPair[]> {
  return db.checkIn.findMany({
    where: { status: 'due', remindersSent: 0, nextNudgeAt: null, pairing: { status: 'active' } },
    include: { pairing: { include: pairInclude } },
    take: limit,
    orderBy: { id: 'asc' },
  });
}

export async function planCheckIn(db: Db, id: string, at: Date): Promise<boolean> {
  const { count } = await db.checkIn.updateMany({
    where: { id, status: 'due', remindersSent: 0, nextNudgeAt: null },
    data: { nextNudgeAt: at },
  });
  return count === 1;
}

/** planCheckIn for many, in one transaction: one compare-and-set UPDATE per nudge time. Returns how many it planned. */
export async function planCheckIns(db: Db, plans: ReadonlyArray<{ id: string; at: Date }>): Promise<number> {
  if (plans.length === 0) return 0;
  const byTime = new Map<number, string[]>();
  for (const p of plans) {
    const ids = byTime.get(p.at.getTime());
    if (ids) ids.push(p.id);
    else byTime.set(p.at.getTime(), [p.id]);
  }
  return db.$transaction(async (tx) => {
    let planned = 0;
    for (const [at, ids] of byTime) {
      const { count } = await tx.checkIn.updateMany({
        where: { id: { in: ids }, status: 'due', remindersSent: 0, nextNudgeAt: null },
        data: { nextNudgeAt: new Date(at) },
      });
      planned += count;
    }
    return planned;
  });
}

export { findDueNudgeIds, findDueNudges } from './checkInReads.js';

/** The row as it was read: a claim succeeds only if nobody changed it since. */
function asSeen(row: CheckInRow) {
  return { id: row.id, status: row.status, remindersSent: row.remindersSent, nextNudgeAt: row.nextNudgeAt };
}

/** Records nudge number `sent` and writes it to the outbox (one message, or one per member), or does nothing if another pass got there first. */
export async function recordNudge(
  db: Db,
  row: CheckInRow,
  sent: number,
  next: Date | null,
  messages: OutgoingMessage | readonly OutgoingMessage[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.checkIn.updateMany({ where: asSeen(row), data: { remindersSent: sent, nextNudgeAt: next } });
    if (count !== 1) return false;
    await enqueueAll(tx, kindOf(db), Array.isArray(messages) ? [...messages] : [messages as OutgoingMessage]);
    return true;
  });
}

/** A nudge step for one check-in as read: its new count and next time, and the messages it writes (none: it stops). */
export interface NudgeStep {
  row: CheckInRow;
  sent: number;
  next: Date | null;
  messages: readonly OutgoingMessage[];
}

/**
 * recordNudge for many check-ins in one transaction: one compare-and-set UPDATE per group of rows read alike and
 * changed alike (a fan-out is one group), then the messages of the rows it claimed in multi-row INSERTs. A row
 * another pass changed since it was read is left alone, its messages unwritten. Returns the ids claimed.
 */
export async function recordNudges(db: Db, steps: readonly NudgeStep[]): Promise<Set<string>> {
  if (steps.length === 0) return new Set();
  const pool = poolOf(db);
  if (pool) return recordNudgesOnPostgres(pool, steps);
  const groups = new Map<string, NudgeStep[]>();
  for (const s of steps) {
    const key = JSON.stringify([s.row.status, s.row.remindersSent, s.row.nextNudgeAt, s.sent, s.next]);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return db.$transaction(async (tx) => {
    const claimed = new Set<string>();
    for (const group of groups.values()) {
      const [{ row, sent, next }] = group as [NudgeStep, ...NudgeStep[]];
      const rows = await tx.checkIn.updateManyAndReturn({
        where: { ...asSeen(row), id: { in: group.map((s) => s.row.id) } },
        data: { remindersSent: sent, nextNudgeAt: next },
        select: { id: true },
      });
      for (const r of rows) claimed.add(r.id);
    }
    await enqueueMessagesInBulk(
      tx,
      kindOf(db),
      steps.filter((s) => claimed.has(s.row.id)).flatMap((s) => s.messages),
    );
    return claimed;
  });
}

/** Moves a nudge whose time passed unsent (scheduler down, a pause) to a new slot. */
export async function moveNudge(db: Db, row: CheckInRow, at: Date | null): Promise<boolean> {
  const { count } = await db.checkIn.updateMany({ where: asSeen(row), data: { nextNudgeAt: at } });
  return count === 1;
}

/** Open check-ins due on or before `dueBefore` of active pairs: candidates to be marked missed. */
export function findOverdueCheckIns(db: Db, dueBefore: Date, limit: number): Promise<CheckInWithPair[]> {
  return db.checkIn.findMany({
    where: { status: open, dueAt: { lte: dueBefore }, pairing: reachablePair },
    include: { pairing: { include: pairInclude } },
    take: limit,
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * A nudge or reminder written for later (the receivers' working hours) has nothing left to ask once the check-in
 * is closed. Keys as src/messages/checkIns.ts writes them: `nudge:<id>:<n>`, and `:<member>` in a member's own DM.
 */
/** A pair's members never change: a caller that read the pair already passes it, and nothing is read again. */
type ClosingRow = Pick<CheckInRow, 'id' | 'pairingId' | 'sequence'> & {
  pairing?: { mentor: { slackUserId: string }; mentee: { slackUserId: string } };
};

async function withdrawPendingNudges(tx: Tx, row: ClosingRow): Promise<void> {
  const pair =
    row.pairing ??
    (await tx.pairing.findUnique({
      where: { id: row.pairingId },
      select: { mentor: { select: { slackUserId: true } }, mentee: { select: { slackUserId: true } } },
    }));
  const members = pair ? [pair.mentor.slackUserId, pair.mentee.slackUserId] : [];
  await withdrawPendingMessages(tx, nudgeKeys(row.id, members));
}

function nudgeKeys(checkInId: string, members: readonly string[]): string[] {
  const keys = Array.from({ length: MAX_NUDGES }, (_, i) => `nudge:${checkInId}:${i + 1}`);
  return [...keys, ...keys.flatMap((k) => members.map((m) => `${k}:${m}`))];
}

/**
 * Closes an open check-in (met, skipped, missed) and opens the next one, in one transaction, with the
 * messages and feedback requests (after a meeting) it causes.
 */
export async function closeCheckIn(
  db: Db,
  row: ClosingRow,
  change: { status: 'met' | 'skipped' | 'missed'; metAt?: Date; loggedBySlackId?: string; invitationSequence?: number },
  next: { dueAt: Date; nextNudgeAt: Date | null } | null,
  messages: OutgoingMessage[],
  feedbackRequests: readonly NewFeedbackRequest[] = [],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.checkIn.updateMany({
      where: { id: row.id, status: open },
      data: { ...change, nextNudgeAt: null },
    });
    if (count !== 1) return false;
    await withdrawPendingNudges(tx, row);
    // Multi-row statements (here of one or two rows): a row that exists already (a retry) is skipped by its key.
    if (next) await createCheckIns(tx, [{ pairingId: row.pairingId, sequence: row.sequence + 1, ...next }]);
    // A pair that meets again is no longer at risk; a later silent spell is flagged anew.
    if (change.status === 'met')
      await tx.pairing.updateMany({
        where: { id: row.pairingId, atRiskFlaggedAt: { not: null } },
        data: { atRiskFlaggedAt: null },
      });
    if (feedbackRequests.length > 0) await createRequestsInBulk(tx, feedbackRequests);
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

/** A check-in the pass closes as missed, with the pair's members as read and the next check-in to open. */
export interface MissedCheckIn {
  row: Pick<CheckInRow, 'id' | 'pairingId' | 'sequence'>;
  members: readonly string[];
  next: { dueAt: Date; nextNudgeAt: Date | null } | null;
}

/**
 * closeCheckIn(..., { status: 'missed' }, next, []) for many in one transaction: one compare-and-set UPDATE
 * claims those still open, their pending nudges are withdrawn and their next check-ins opened in bulk.
 */
export async function closeMissedCheckIns(db: Db, list: readonly MissedCheckIn[]): Promise<number> {
  if (list.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const claimed = await tx.checkIn.updateManyAndReturn({
      where: { id: { in: list.map((m) => m.row.id) }, status: open },
      data: { status: 'missed', nextNudgeAt: null },
      select: { id: true },
    });
    const ids = new Set(claimed.map((c) => c.id));
    const closed = list.filter((m) => ids.has(m.row.id));
    await withdrawPendingMessages(
      tx,
      closed.flatMap((m) => nudgeKeys(m.row.id, m.members)),
    );
    await createCheckIns(
      tx,
      closed.flatMap((m) => (m.next ? [{ pairingId: m.row.pairingId, sequence: m.row.sequence + 1, ...m.next }] : [])),
    );
    return closed.length;
  });
}

/**
 * "Scheduled for...": the meeting's instant, the next nudge, and the SEQUENCE of the invitation sent for it, with the
 * invitation, as a compare-and-set on the invitation as read (a concurrent reschedule, or Slack's retry of this one
 * once it is stored, changes nothing). Scheduling the time already stored changes nothing either.
 */
export async function scheduleCheckIn(
  db: Db,
  row: Pick<CheckInRow, 'id' | 'invitationSequence'>,
  scheduledFor: Date,
  nextNudgeAt: Date | null,
  messages: OutgoingMessage[],
): Promise<boolean> {
  const invitationSequence = row.invitationSequence === null ? 0 : row.invitationSequence + 1;
  return db.$transaction(async (tx) => {
    const { count } = await tx.checkIn.updateMany({
      where: {
        id: row.id,
        status: open,
        invitationSequence: row.invitationSequence,
        OR: [{ scheduledFor: null }, { scheduledFor: { not: scheduledFor } }],
      },
      data: { status: 'scheduled', scheduledFor, nextNudgeAt, invitationSequence },
    });
    if (count !== 1) return false;
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

/** Active pairs with no flag yet, with their last logged meeting: the job decides which are silent. */
export { findAtRiskCandidates, type AtRiskCandidate } from './checkInReads.js';

/** These pairings with their members and programme (the at-risk step reads only those it may flag). */
export function findPairings(db: Db, ids: readonly string[]): Promise<Array<PairContext & { programmeId: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.pairing.findMany({ where: { id: { in: [...ids] } }, include: pairInclude, orderBy: { id: 'asc' } });
}

export async function flagAtRisk(db: Db, pairingId: string, now: Date, messages: OutgoingMessage[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, atRiskFlaggedAt: null },
      data: { atRiskFlaggedAt: now },
    });
    if (count !== 1) return false;
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

/** flagAtRisk for many pairs in one transaction: one compare-and-set UPDATE, then the notices of those it flagged. */
export async function flagPairsAtRisk(
  db: Db,
  now: Date,
  flags: ReadonlyArray<{ pairingId: string; messages: readonly OutgoingMessage[] }>,
): Promise<number> {
  if (flags.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const claimed = await tx.pairing.updateManyAndReturn({
      where: { id: { in: flags.map((f) => f.pairingId) }, atRiskFlaggedAt: null },
      data: { atRiskFlaggedAt: now },
      select: { id: true },
    });
    const ids = new Set(claimed.map((c) => c.id));
    await enqueueMessagesInBulk(
      tx,
      kindOf(db),
      flags.filter((f) => ids.has(f.pairingId)).flatMap((f) => f.messages),
    );
    return ids.size;
  });
}

/** Pairs still running in programmes whose end date is on or before `endedBy`. */
export function findPairingsToWrapUp(db: Db, endedBy: Date, limit: number): Promise<PairContext[]> {
  return db.pairing.findMany({
    where: { status: { in: ['active', 'paused'] }, introducedAt: { not: null }, programme: { endDate: { lte: endedBy } } },
    include: pairInclude,
    take: limit,
    orderBy: { id: 'asc' },
  });
}

/** Ends the pair at the programme's end, with the final survey's requests (finalSurveyAt is the claim). */
export async function endPairing(
  db: Db,
  pairingId: string,
  now: Date,
  messages: OutgoingMessage[],
  finalSurvey: readonly NewFeedbackRequest[] = [],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, status: { in: ['active', 'paused'] }, finalSurveyAt: null },
      data: { status: 'ended', endedAt: now, endReason: 'programme_ended', finalSurveyAt: now },
    });
    if (count !== 1) return false;
    await tx.checkIn.updateMany({ where: { pairingId, status: open }, data: { nextNudgeAt: null } });
    await createRequests(tx, finalSurvey);
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

/** The pair ended at the programme's end, with its messages and final survey's requests. */
export interface PairEnding {
  pairingId: string;
  messages: readonly OutgoingMessage[];
  finalSurvey: readonly NewFeedbackRequest[];
}

/** endPairing for many pairs in one transaction: one compare-and-set UPDATE, then the writes of those it ended. */
export async function endPairings(db: Db, now: Date, endings: readonly PairEnding[]): Promise<number> {
  if (endings.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const claimed = await tx.pairing.updateManyAndReturn({
      where: { id: { in: endings.map((e) => e.pairingId) }, status: { in: ['active', 'paused'] }, finalSurveyAt: null },
      data: { status: 'ended', endedAt: now, endReason: 'programme_ended', finalSurveyAt: now },
      select: { id: true },
    });
    const ids = new Set(claimed.map((c) => c.id));
    const ended = endings.filter((e) => ids.has(e.pairingId));
    if (ended.length === 0) return 0;
    await tx.checkIn.updateMany({ where: { pairingId: { in: [...ids] }, status: open }, data: { nextNudgeAt: null } });
    await createRequestsInBulk(
      tx,
      ended.flatMap((e) => e.finalSurvey),
    );
    await enqueueMessagesInBulk(
      tx,
      kindOf(db),
      ended.flatMap((e) => e.messages),
    );
    return ended.length;
  });
}

/** How many check-ins each of these pairs met. */
export async function countMetOf(db: Db, pairingIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.checkIn.groupBy({
    by: ['pairingId'],
    where: { pairingId: { in: [...pairingIds] }, status: 'met' },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.pairingId, r._count._all]));
}

// ---- buttons on a pair ----

export async function setCadence(db: Db, pairingId: string, days: number, messages: OutgoingMessage[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, status: { in: ['active', 'paused'] }, NOT: { cadenceDays: days } },
      // Chosen by the pair: a new programme default (/rm-admin edit) leaves it alone.
      data: { cadenceDays: days, cadenceChosen: true },
    });
    if (count !== 1) return false;
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

export async function setPairingStatus(
  db: Db,
  pairingId: string,
  from: 'active' | 'paused',
  to: 'active' | 'paused',
  messages: OutgoingMessage[],
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({ where: { id: pairingId, status: from }, data: { status: to } });
    if (count !== 1) return false;
    await (to === 'paused' ? startPairPause(tx, pairingId, now) : endPairPause(tx, pairingId, now));
    await enqueueAll(tx, kindOf(db), messages);
    return true;
  });
}

export function countMet(db: Db, pairingId: string): Promise<number> {
  return db.checkIn.count({ where: { pairingId, status: 'met' } });
}
