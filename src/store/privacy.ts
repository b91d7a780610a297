import type { Db } from './database.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import { endParticipation } from './participants.js';

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
