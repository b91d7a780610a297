import type { Db } from './database.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import { endParticipation } from './participants.js';

/** Everything stored about one participation, for the person themself (their "export my data"). */
export async function exportParticipation(db: Db, participantId: string) {
  const p = await db.participant.findUnique({
    where: { id: participantId },
    include: {
      programme: { select: { name: true } },
      topics: { orderBy: { topicKey: 'asc' } },
      avoid: { orderBy: { avoidSlackUserId: 'asc' } },
      feedback: { include: { topics: { orderBy: { topicKey: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      feedbackRequests: { orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] },
    },
  });
  if (!p) return null;
  return {
    programme: p.programme.name,
    profile: {
      slackUserId: p.slackUserId,
      role: p.role,
      title: p.title,
      careerStage: p.careerStage,
      seniorityLevel: p.seniorityLevel,
      generation: p.generation,
      department: p.department,
      managerSlackId: p.managerSlackId,
      goals: p.goals,
      meetingPreference: p.meetingPreference,
      capacity: p.capacity,
      timezone: p.timezone,
      status: p.status,
      pausedUntil: p.pausedUntil?.toISOString() ?? null,
      joinedAt: p.createdAt.toISOString(),
      leftAt: p.leftAt?.toISOString() ?? null,
    },
    topicsICanTeach: p.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey),
    topicsIWantToLearn: p.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey),
    peopleINeverWantToBePairedWith: p.avoid.map((a) => a.avoidSlackUserId),
    feedback: p.feedback.filter((f) => f.kind === 'checkin').map((f) => ({
      checkInId: f.checkInId,
      pairingId: f.pairingId,
      rating: f.rating,
      learned: f.learned,
      topicsCovered: f.topics.map((t) => t.topicKey),
      concern: f.concern,
      at: f.createdAt.toISOString(),
      updatedAt: f.updatedAt.toISOString(),
    })),
    surveys: p.feedback.filter((f) => f.kind !== 'checkin').map((f) => ({
      kind: f.kind,
      pairingId: f.pairingId,
      progress: f.progress,
      recommendScore: f.recommendScore,
      changed: f.changed,
      commitment: f.commitment,
      concern: f.concern,
      at: f.createdAt.toISOString(),
      updatedAt: f.updatedAt.toISOString(),
    })),
    feedbackRequests: p.feedbackRequests.map((r) => ({
      kind: r.kind,
      sentAt: r.createdAt.toISOString(),
      remindedAt: r.remindedAt?.toISOString() ?? null,
      answeredAt: r.answeredAt?.toISOString() ?? null,
    })),
  };
}

export type ParticipationExport = NonNullable<Awaited<ReturnType<typeof exportParticipation>>>;

/**
 * Erases a participation: profile, topics, private list, feedback, survey answers and requests go; the row stays, anonymous
 * (role and status only), so that programme counts and pair history remain true. A person still
 * taking part leaves the programme first (their partner's coordinator is told).
 */
export async function eraseParticipation(db: Db, participantId: string, at: Date, notices: (partners: string[]) => OutgoingMessage[], confirmation: OutgoingMessage): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const p = await tx.participant.findUnique({ where: { id: participantId } });
    if (!p || p.erasedAt) return false;
    await endParticipation(tx, participantId, 'withdrawn', at, notices);
    await tx.feedbackTopic.deleteMany({ where: { feedback: { participantId } } });
    await tx.feedback.deleteMany({ where: { participantId } });
    await tx.feedbackRequest.deleteMany({ where: { participantId } });
    // Copies of the person's words kept in the outbox go too: concerns sent to coordinators, their exports.
    await tx.outboxMessage.deleteMany({ where: { OR: [{ idempotencyKey: { startsWith: `concern:${participantId}:` } }, { idempotencyKey: { startsWith: `export:${participantId}:` } }] } });
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
