import { DEFAULT_TOPICS, type Topic } from '../domain/topics.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

/** What a coordinator sets on the programme form (and may change later). */
export interface ProgrammeSettings {
  name: string;
  startDate: Date;
  endDate: Date;
  durationMonths: number;
  cadenceDays: number;
  minSeniorityGap: number;
  objectives: string;
  signupDeadline: Date;
  announcementChannel: string | null;
}

export interface NewProgramme extends ProgrammeSettings {
  id: string;
  timezone: string;
  createdBySlackId: string;
}

/**
 * Creates a programme open for signup with the default topic catalogue, and the messages that
 * announce it, in one transaction; the same id twice is a no-op.
 */
export async function createProgramme(
  db: Db,
  p: NewProgramme,
  messages: OutgoingMessage[] = [],
  topics: readonly Topic[] = DEFAULT_TOPICS,
): Promise<{ created: boolean }> {
  try {
    await db.$transaction(async (tx) => {
      await tx.programme.create({ data: { ...p, status: 'open' } });
      // Whoever opens a programme coordinates it (docs/coordinators.md).
      await tx.programmeCoordinator.create({
        data: { programmeId: p.id, slackUserId: p.createdBySlackId, addedBySlackId: p.createdBySlackId },
      });
      await tx.programmeTopic.createMany({
        data: topics.map((t, position) => ({ programmeId: p.id, key: t.key, label: t.label, direction: t.direction, position })),
      });
      for (const m of messages) await enqueueMessage(tx, m);
    });
    return { created: true };
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false };
    throw err;
  }
}

/** Programmes a coordinator has not closed, soonest start first: their phase (signup open, running...) follows from their dates. */
export function listLiveProgrammes(db: Db) {
  return db.programme.findMany({
    where: { status: { not: 'closed' } },
    orderBy: [{ startDate: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      status: true,
      signupDeadline: true,
      startDate: true,
      endDate: true,
      timezone: true,
      createdBySlackId: true,
    },
  });
}

export type LiveProgramme = Awaited<ReturnType<typeof listLiveProgrammes>>[number];

/** The topics forms offer; `withRetired` adds the ones a coordinator retired (to name them in answers that still do). */
export async function programmeTopics(db: Db, programmeId: string, withRetired = false): Promise<Topic[]> {
  const rows = await db.programmeTopic.findMany({
    where: { programmeId, ...(withRetired ? {} : { retiredAt: null }) },
    orderBy: { position: 'asc' },
  });
  return rows.map((r) => ({ key: r.key, label: r.label, direction: r.direction === 'downward' ? 'downward' : 'upward' }));
}

/**
 * The topics a form offers someone: the current ones, and the retired ones among `chosen` (what their profile or
 * answer already names), so that saving the form unchanged keeps them.
 */
export async function topicsOffered(db: Db, programmeId: string, chosen: readonly string[]): Promise<Topic[]> {
  const rows = await db.programmeTopic.findMany({
    where: { programmeId, OR: [{ retiredAt: null }, { key: { in: [...chosen] } }] },
    orderBy: { position: 'asc' },
  });
  return rows.map((r) => ({ key: r.key, label: r.label, direction: r.direction === 'downward' ? 'downward' : 'upward' }));
}

export function findProgramme(db: Db | Tx, id: string) {
  return db.programme.findUnique({ where: { id } });
}

export interface ProgrammeCounts {
  mentors: number;
  mentees: number;
  active: number;
  paused: number;
  left: number;
  pairs: number;
}

/** Head counts for App Home and /rm-admin, computed by the database. */
export async function programmeCounts(db: Db, programmeId: string): Promise<ProgrammeCounts> {
  const [byRole, byStatus, pairs] = await Promise.all([
    db.participant.groupBy({
      by: ['role'],
      where: { programmeId, erasedAt: null, status: { in: ['active', 'paused'] } },
      _count: { _all: true },
    }),
    db.participant.groupBy({ by: ['status'], where: { programmeId }, _count: { _all: true } }),
    db.pairing.count({ where: { programmeId, status: { in: ['active', 'paused'] } } }),
  ]);
  const role = (r: string) => byRole.find((x) => x.role === r)?._count._all ?? 0;
  const status = (s: string) => byStatus.find((x) => x.status === s)?._count._all ?? 0;
  return {
    mentors: role('mentor'),
    mentees: role('mentee'),
    active: status('active'),
    paused: status('paused'),
    left: status('withdrawn') + status('departed'),
    pairs,
  };
}

// Closing a programme: it stops taking signups, check-ins and surveys, and its running pairs end. One
// transaction with a compare-and-set on the programme's status, so a double click closes it once.

export interface ClosingPair {
  pairingId: string;
  mentor: { slackUserId: string; status: string; timezone: string };
  mentee: { slackUserId: string; status: string; timezone: string };
  groupChannelId: string | null;
}

export interface ClosingSummary {
  programmeId: string;
  programmeName: string;
  /** pairs that were still running (active or paused) and end now */
  endedPairs: number;
  /** check-ins still open, which close with the pairs (missed when they came due, else cancelled) */
  openCheckIns: number;
}

const RUNNING = { in: ['active', 'paused'] };

/** What closing would do, for the confirmation a coordinator sees first. */
export async function closingPreview(db: Db, programmeId: string): Promise<ClosingSummary | null> {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { id: true, name: true, status: true } });
  if (!programme || programme.status === 'closed') return null;
  const [endedPairs, openCheckIns] = await Promise.all([
    db.pairing.count({ where: { programmeId, status: RUNNING } }),
    db.checkIn.count({ where: { status: { in: ['due', 'scheduled'] }, pairing: { programmeId, status: RUNNING } } }),
  ]);
  return { programmeId, programmeName: programme.name, endedPairs, openCheckIns };
}

// An ended pairing has no open check-in: one that came due while the pair ran and was never logged is missed,
// one not due yet is cancelled (it counts nowhere in the report). Compare-and-set on the open statuses.

const OPEN_CHECK_IN = ['due', 'scheduled'];
export const CANCELLED = 'cancelled';

/** Closes the open check-ins of these pairings as of `endedAt`; returns how many were open. */
export async function closeOpenCheckIns(tx: Db | Tx, pairingIds: string[], endedAt: Date): Promise<number> {
  if (pairingIds.length === 0) return 0;
  const where = { pairingId: { in: pairingIds }, status: { in: OPEN_CHECK_IN } };
  const missed = await tx.checkIn.updateMany({
    where: { ...where, dueAt: { lte: endedAt } },
    data: { status: 'missed', nextNudgeAt: null },
  });
  const cancelled = await tx.checkIn.updateMany({ where, data: { status: CANCELLED, nextNudgeAt: null } });
  return missed.count + cancelled.count;
}

/**
 * Closes the open check-ins of pairings that ended (the programme's end date, a rematch, a coordinator's close),
 * up to `limit` pairings a call, each as of its own end; returns how many check-ins it closed.
 */
export async function closeCheckInsOfEndedPairs(db: Db, limit: number): Promise<number> {
  const pairings = await db.pairing.findMany({
    where: { status: 'ended', checkIns: { some: { status: { in: OPEN_CHECK_IN } } } },
    select: { id: true, endedAt: true, updatedAt: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  let closed = 0;
  for (const p of pairings) closed += await closeOpenCheckIns(db, [p.id], p.endedAt ?? p.updatedAt);
  return closed;
}

/**
 * Closes the programme, ends its running pairs (endReason programme_closed), closes their open check-ins, stops the
 * reminders of unanswered feedback, and writes the messages `messagesFor` makes, all in one transaction.
 * Null when there is no such programme, or it was closed already (nothing changes).
 */
export async function closeProgramme(
  db: Db,
  programmeId: string,
  now: Date,
  messagesFor: (summary: ClosingSummary, pairs: ClosingPair[]) => OutgoingMessage[],
): Promise<ClosingSummary | null> {
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { id: programmeId }, select: { name: true, status: true } });
    if (!programme) return null;
    const { count } = await tx.programme.updateMany({
      where: { id: programmeId, status: { not: 'closed' } },
      data: { status: 'closed' },
    });
    if (count !== 1) return null;
    // Lock the running pairs (PostgreSQL: FOR UPDATE; SQLite: the writer holds the database) so that an
    // end-of-programme wrap-up committing meanwhile cannot be overwritten below.
    await tx.pairing.updateMany({ where: { programmeId, status: RUNNING }, data: { updatedAt: now } });
    const running = await tx.pairing.findMany({
      where: { programmeId, status: RUNNING },
      select: {
        id: true,
        groupChannelId: true,
        mentor: { select: { slackUserId: true, status: true, timezone: true } },
        mentee: { select: { slackUserId: true, status: true, timezone: true } },
      },
      orderBy: { id: 'asc' },
    });
    const ids = running.map((p) => p.id);
    const openCheckIns = await closeOpenCheckIns(tx, ids, now);
    await tx.pairing.updateMany({
      where: { id: { in: ids }, status: RUNNING },
      data: { status: 'ended', endedAt: now, endReason: 'programme_closed' },
    });
    await tx.feedbackRequest.updateMany({
      where: { pairing: { programmeId }, remindAt: { not: null } },
      data: { remindAt: null },
    });
    // Drafts can no longer be approved.
    await tx.matchRun.updateMany({ where: { programmeId, status: 'draft' }, data: { status: 'superseded' } });
    const summary: ClosingSummary = { programmeId, programmeName: programme.name, endedPairs: running.length, openCheckIns };
    const pairs = running.map((p) => ({ pairingId: p.id, mentor: p.mentor, mentee: p.mentee, groupChannelId: p.groupChannelId }));
    for (const m of messagesFor(summary, pairs)) await enqueueMessage(tx, m);
    return summary;
  });
}
