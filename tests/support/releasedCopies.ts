import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/store/database.js';

/**
 * For tests of the readers behind coordinators' figures: every answer written so far is copied to the released
 * answers as it is, dated by its own createdAt, in a one-answer release. This bypasses the batch rule on
 * purpose (tests/store/feedbackReleases.test.ts and the e2e tests hold that rule); real code releases with
 * releaseCompleteBatches only. The report's feedback counters of those programmes are marked stale (they rebuild
 * on the next report), as real releases keep them current.
 */
export async function releaseEachAnswerAsWritten(db: Db): Promise<void> {
  const answers = await db.feedback.findMany({
    where: { pendingRelease: true },
    include: { topics: true, participant: { select: { programmeId: true } } },
  });
  for (const f of answers) {
    const releaseId = randomUUID();
    const programmeId = f.participant.programmeId;
    await db.feedbackRelease.create({
      data: { id: releaseId, programmeId, kind: f.kind, releasedAt: f.createdAt, answers: 1, people: 1 },
    });
    await db.releasedAnswer.create({
      data: {
        id: randomUUID(),
        releaseId,
        programmeId,
        kind: f.kind,
        feedbackId: f.id,
        personKey: f.participantId,
        releasedAt: f.createdAt,
        rating: f.rating,
        progress: f.progress,
        recommendScore: f.recommendScore,
        learned: f.learned,
        changed: f.changed,
        commitment: f.commitment,
        topics: { create: f.topics.map((t) => ({ topicKey: t.topicKey })) },
      },
    });
    await db.feedback.update({ where: { id: f.id }, data: { pendingRelease: false } });
    await db.reportFeedbackState.deleteMany({ where: { programmeId } });
  }
}
