import type { Db, Tx } from './database.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

// A person's place in a programme: pause, resume, leave (or depart), and their own data: export and erase.

/** "Pause until <date>" ends by itself: participants whose date has come are active again. */
export async function resumeParticipantsDue(db: Db, now: Date): Promise<number> {
  const { count } = await db.participant.updateMany({
    where: { status: 'paused', pausedUntil: { lte: now } },
    data: { status: 'active', pausedUntil: null },
  });
  return count;
}

export function findParticipant(db: Db, id: string) {
  return db.participant.findUnique({ where: { id }, include: { programme: true } });
}

export async function pauseParticipant(db: Db, id: string, until: Date): Promise<boolean> {
  const { count } = await db.participant.updateMany({
    where: { id, status: { in: ['active', 'paused'] } },
    data: { status: 'paused', pausedUntil: until },
  });
  return count === 1;
}

export async function resumeParticipant(db: Db, id: string): Promise<boolean> {
  const { count } = await db.participant.updateMany({
    where: { id, status: 'paused' },
    data: { status: 'active', pausedUntil: null },
  });
  return count === 1;
}

/**
 * Ends a participation (left the programme, or left the company): the person is marked, their
 * active pairings pause for the coordinators to rematch, and the coordinators are told, all in one
 * transaction. Returns the partners left without a pair.
 */
export async function endParticipation(
  tx: Tx,
  participantId: string,
  status: 'withdrawn' | 'departed',
  at: Date,
  notices: (partners: string[]) => OutgoingMessage[],
): Promise<boolean> {
  const changed = await tx.participant.updateMany({
    where: { id: participantId, status: { in: ['active', 'paused'] } },
    data: { status, leftAt: at, pausedUntil: null },
  });
  if (changed.count === 0) return false;
  const pairings = await tx.pairing.findMany({
    where: { status: 'active', OR: [{ mentorId: participantId }, { menteeId: participantId }] },
    include: { mentor: { select: { slackUserId: true } }, mentee: { select: { slackUserId: true } } },
  });
  if (pairings.length > 0)
    await tx.pairing.updateMany({ where: { id: { in: pairings.map((p) => p.id) } }, data: { status: 'paused' } });
  const partners = pairings.map((p) => (p.mentorId === participantId ? p.mentee.slackUserId : p.mentor.slackUserId));
  for (const m of notices(partners)) await enqueueMessage(tx, m);
  return true;
}

/** Everything stored about one participation (profile, topics, private list, feedback, requests). */
export function findParticipationData(db: Db, participantId: string) {
  return db.participant.findUnique({
    where: { id: participantId },
    include: {
      programme: { select: { name: true } },
      topics: { orderBy: { topicKey: 'asc' } },
      avoid: { orderBy: { avoidSlackUserId: 'asc' } },
      feedback: { include: { topics: { orderBy: { topicKey: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      feedbackRequests: { orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] },
    },
  });
}

export type ParticipationData = NonNullable<Awaited<ReturnType<typeof findParticipationData>>>;

/**
 * Erases a participation: profile, topics, private list, feedback, survey answers and requests go; the row stays, anonymous
 * (role and status only), so that programme counts and pair history remain true. A person still
 * taking part leaves the programme first (their partner's coordinator is told).
 */
export async function eraseParticipation(
  db: Db,
  participantId: string,
  at: Date,
  notices: (partners: string[]) => OutgoingMessage[],
  confirmation: OutgoingMessage,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const p = await tx.participant.findUnique({ where: { id: participantId } });
    if (!p || p.erasedAt) return false;
    await endParticipation(tx, participantId, 'withdrawn', at, notices);
    await tx.feedbackTopic.deleteMany({ where: { feedback: { participantId } } });
    await tx.feedback.deleteMany({ where: { participantId } });
    await tx.feedbackRequest.deleteMany({ where: { participantId } });
    // Copies of the person's words kept in the outbox go too: concerns sent to coordinators, their exports.
    await tx.outboxMessage.deleteMany({
      where: {
        OR: [
          { idempotencyKey: { startsWith: `concern:${participantId}:` } },
          { idempotencyKey: { startsWith: `export:${participantId}:` } },
        ],
      },
    });
    await tx.participantTopic.deleteMany({ where: { participantId } });
    await tx.avoidEntry.deleteMany({ where: { participantId } });
    await tx.participant.update({
      where: { id: participantId },
      data: {
        slackUserId: `erased:${participantId}`,
        displayName: '',
        title: '',
        careerStage: '',
        generation: '',
        department: '',
        managerSlackId: null,
        goals: '',
        timezone: 'UTC',
        pausedUntil: null,
        erasedAt: at,
      },
    });
    await enqueueMessage(tx, confirmation);
    return true;
  });
}
