import type { Db, Tx } from './database.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

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
