// What coordinators' reminders and weekly digests read, and the record of each digest (docs/coordinators.md).
import type { Db } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import { REMATCH_REQUESTED } from '../domain/matching/index.js';

const STILL_IN = { in: ['active', 'paused'] };
const GONE = ['withdrawn', 'departed'];

/** Programmes a coordinator still runs (not closed), oldest first. */
export function runningProgrammes(db: Db) {
  return db.programme.findMany({
    where: { status: { not: 'closed' } },
    select: {
      id: true,
      name: true,
      status: true,
      timezone: true,
      signupDeadline: true,
      startDate: true,
      endDate: true,
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

export type RunningProgramme = Awaited<ReturnType<typeof runningProgrammes>>[number];

/** People signed up and still in, by role. */
export async function signupCounts(db: Db, programmeId: string): Promise<{ mentors: number; mentees: number }> {
  const rows = await db.participant.groupBy({
    by: ['role'],
    where: { programmeId, erasedAt: null, status: STILL_IN },
    _count: { _all: true },
  });
  const of = (role: string) => rows.find((r) => r.role === role)?._count._all ?? 0;
  return { mentors: of('mentor'), mentees: of('mentee') };
}

/** Whether the programme was matched already (an approved run, or pairs however they came). */
export async function wasMatched(db: Db, programmeId: string): Promise<boolean> {
  if ((await db.matchRun.count({ where: { programmeId, status: 'approved' } })) > 0) return true;
  return (await db.pairing.count({ where: { programmeId, status: { not: 'draft' } } })) > 0;
}

/** The draft a coordinator has not approved yet, if any. */
export function waitingDraft(db: Db, programmeId: string) {
  return db.matchRun.findFirst({
    where: { programmeId, status: 'draft' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, createdAt: true },
  });
}

export async function outboxKeyExists(db: Db, idempotencyKey: string): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { idempotencyKey } })) > 0;
}

// ---- the weekly digest ----

export async function digestExists(db: Db, programmeId: string, coordinator: string, weekOf: string): Promise<boolean> {
  return (await db.coordinatorDigest.count({ where: { programmeId, coordinator, weekOf } })) > 0;
}

/** Where the next digest starts: the end of what the last one covered; null before the first. */
export async function lastCovered(db: Db, programmeId: string, coordinator: string): Promise<Date | null> {
  const last = await db.coordinatorDigest.findFirst({
    where: { programmeId, coordinator },
    orderBy: { coveredUntil: 'desc' },
    select: { coveredUntil: true },
  });
  return last?.coveredUntil ?? null;
}

const member = { select: { id: true, slackUserId: true, displayName: true, status: true, leftAt: true, erasedAt: true } };

/** Active pairs flagged at risk in (from, to] and still at risk. */
export function newAtRiskPairs(db: Db, programmeId: string, from: Date, to: Date) {
  return db.pairing.findMany({
    where: { programmeId, status: 'active', atRiskFlaggedAt: { gt: from, lte: to } },
    include: { mentor: member, mentee: member },
    orderBy: [{ atRiskFlaggedAt: 'asc' }, { id: 'asc' }],
  });
}

/** People who left the programme (withdrew, or left the company) in (from, to]; erased people are not named. */
export function newDepartures(db: Db, programmeId: string, from: Date, to: Date) {
  return db.participant.findMany({
    where: { programmeId, status: { in: GONE }, erasedAt: null, leftAt: { gt: from, lte: to } },
    select: { id: true, slackUserId: true, displayName: true, role: true, status: true, leftAt: true },
    orderBy: [{ leftAt: 'asc' }, { id: 'asc' }],
  });
}

/** Pairs paused for a rematch (someone left, or asked for one) that nobody has rematched yet. */
export function pairsWaitingForRematch(db: Db, programmeId: string) {
  return db.pairing.findMany({
    where: {
      programmeId,
      status: 'paused',
      OR: [{ endReason: REMATCH_REQUESTED }, { mentor: { status: { in: GONE } } }, { mentee: { status: { in: GONE } } }],
    },
    include: { mentor: member, mentee: member },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
  });
}

/** Messages the sender gave up on in (from, to]: what they were for and to whom, never their text. */
export async function newFailedDeliveries(db: Db, from: Date, to: Date) {
  const rows = await db.outboxMessage.findMany({
    where: { status: 'failed', updatedAt: { gt: from, lte: to } },
    select: { id: true, kind: true, payloadJson: true, updatedAt: true },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, failedAt: r.updatedAt, users: recipientsOf(r.payloadJson) }));
}

function recipientsOf(payloadJson: string): string[] {
  try {
    const to = (JSON.parse(payloadJson) as { to?: { users?: unknown } }).to;
    return Array.isArray(to?.users) ? to.users.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

/** Participants (of any programme) among these Slack ids: whom a failed message was for. */
export function participantsAmong(db: Db, slackUserIds: string[]) {
  if (slackUserIds.length === 0) return Promise.resolve([]);
  return db.participant.findMany({
    where: { slackUserId: { in: slackUserIds } },
    select: { id: true, programmeId: true, slackUserId: true, displayName: true, erasedAt: true },
  });
}

/**
 * Records the week's digest and writes its message (none when there is nothing new) in one transaction. False
 * when the week's digest exists already (another replica, an earlier pass): nothing is written then.
 */
export async function recordDigest(
  db: Db,
  row: { programmeId: string; coordinator: string; weekOf: string; coveredUntil: Date; items: number },
  message: OutgoingMessage | null,
): Promise<boolean> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.coordinatorDigest.create({ data: row });
      if (message) await enqueueMessage(tx, message);
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

// ---- what the digest's buttons act on ----

const pairPerson = { select: { id: true, slackUserId: true, timezone: true, status: true } } as const;

/** A pairing with what the buttons check, and its open check-in (the one a nudge names). */
export function pairForAction(db: Db, pairingId: string) {
  return db.pairing.findUnique({
    where: { id: pairingId },
    include: {
      mentor: pairPerson,
      mentee: pairPerson,
      programme: { select: { id: true, name: true, endDate: true, timezone: true, status: true } },
      checkIns: {
        where: { status: { in: ['due', 'scheduled'] } },
        orderBy: { sequence: 'desc' },
        take: 1,
        select: { id: true, sequence: true, dueAt: true, scheduledFor: true },
      },
    },
  });
}

/** A participant's profile as a coordinator may see it: no avoid list, no feedback. */
export function profileOf(db: Db, participantId: string) {
  return db.participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      programmeId: true,
      slackUserId: true,
      displayName: true,
      title: true,
      role: true,
      seniorityLevel: true,
      careerStage: true,
      generation: true,
      department: true,
      goals: true,
      meetingPreference: true,
      capacity: true,
      timezone: true,
      status: true,
      pausedUntil: true,
      leftAt: true,
      erasedAt: true,
      programme: { select: { name: true, topics: { select: { key: true, label: true } } } },
      topics: { select: { kind: true, topicKey: true } },
    },
  });
}

export type CoordinatorProfile = NonNullable<Awaited<ReturnType<typeof profileOf>>>;
