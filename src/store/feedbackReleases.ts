// Releases of feedback to coordinators (docs/feedback.md, "Releases"): answers written or edited since the last
// release wait in `Feedback.pendingRelease`; a complete batch is copied into `ReleasedAnswer` at once, and every
// coordinator figure is read from those copies only.
import { randomUUID } from 'node:crypto';
import {
  erasedPersonKey,
  isCompleteBatch,
  RELEASED_KINDS,
  releasesToWithdraw,
  type ReleaseCommenters,
} from '../domain/feedbackReleases.js';
import type { Db, Tx } from './database.js';
import { FeedbackCounterDeltas } from '../domain/report/index.js';
import { applyFeedbackDeltas, lockFeedbackCounters, releasedCopiesOf } from './report/feedbackCounters.js';

type Kind = (typeof RELEASED_KINDS)[number];

/** Someone released (or edited) the same answers at the same time: this attempt changed nothing. */
class ReleaseRaced extends Error {}

async function releaseKind(db: Db, programmeId: string, kind: Kind, now: Date): Promise<number> {
  const pending = await db.feedback.findMany({
    where: { kind, pendingRelease: true, participant: { programmeId } },
    include: { topics: { select: { topicKey: true } } },
    orderBy: { id: 'asc' },
  });
  if (!isCompleteBatch(pending.map((f) => f.participantId))) return 0;
  try {
    await db.$transaction(async (tx) => {
      // The report's counters move with the released answers, in this transaction (docs/report.md).
      const { timezone } = await tx.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { timezone: true } });
      await lockFeedbackCounters(tx, programmeId, timezone);
      const counters = new FeedbackCounterDeltas(timezone);
      const releaseId = randomUUID();
      await tx.feedbackRelease.create({
        data: {
          id: releaseId,
          programmeId,
          kind,
          releasedAt: now,
          answers: pending.length,
          people: new Set(pending.map((f) => f.participantId)).size,
        },
      });
      for (const f of pending) {
        // Only the version read above is released; an edit since then stays pending for the next batch.
        const claimed = await tx.feedback.updateMany({
          where: { id: f.id, pendingRelease: true, updatedAt: f.updatedAt },
          data: { pendingRelease: false, updatedAt: f.updatedAt },
        });
        if (claimed.count !== 1) throw new ReleaseRaced();
        for (const old of await releasedCopiesOf(tx, f.id)) counters.add(old, -1);
        await tx.releasedAnswer.deleteMany({ where: { feedbackId: f.id } });
        const copyId = randomUUID();
        await tx.releasedAnswer.create({
          data: {
            id: copyId,
            releaseId,
            programmeId,
            kind,
            feedbackId: f.id,
            personKey: f.participantId,
            releasedAt: now,
            rating: f.rating,
            progress: f.progress,
            recommendScore: f.recommendScore,
            learned: f.learned,
            changed: f.changed,
            commitment: f.commitment,
          },
        });
        if (f.topics.length > 0)
          await tx.releasedAnswerTopic.createMany({
            data: f.topics.map((t) => ({ releasedAnswerId: copyId, topicKey: t.topicKey })),
          });
        counters.add({
          kind,
          releasedAt: now,
          personKey: f.participantId,
          rating: f.rating,
          progress: f.progress,
          recommendScore: f.recommendScore,
          topics: f.topics.map((t) => t.topicKey),
        });
      }
      await applyFeedbackDeltas(tx, programmeId, counters);
    });
  } catch (err) {
    if (err instanceof ReleaseRaced) return 0;
    throw err;
  }
  return pending.length;
}

/** Releases every complete batch of the programme; returns how many answers were released. */
export async function releaseCompleteBatches(db: Db, programmeId: string, now: Date): Promise<number> {
  let released = 0;
  for (const kind of RELEASED_KINDS) released += await releaseKind(db, programmeId, kind, now);
  return released;
}

/** Programmes with answers waiting for release (the scheduler's safety net after a failed or raced release). */
export async function programmesWithPendingFeedback(db: Db): Promise<string[]> {
  const rows = await db.participant.findMany({
    where: { feedback: { some: { pendingRelease: true } } },
    distinct: ['programmeId'],
    select: { programmeId: true },
  });
  return rows.map((r) => r.programmeId);
}

/**
 * Before a person's answers are deleted: the comments of every release that holds their copies are withdrawn, with
 * nearby releases' if that is fewer than three people's (the coordinator can tell at most that one of three or
 * more people wrote a withdrawn comment), and their released figures stay, under a random stand-in, so that no
 * figure moves by their answer.
 */
export async function anonymiseReleasedAnswers(tx: Tx, participantId: string, now: Date): Promise<void> {
  const own = await tx.releasedAnswer.findMany({
    where: { personKey: participantId },
    select: { releaseId: true, programmeId: true, kind: true },
  });
  for (const { programmeId, kind } of uniqueBy(own, (c) => `${c.programmeId}|${c.kind}`)) {
    const copies = await tx.releasedAnswer.findMany({
      where: { programmeId, kind },
      select: { releaseId: true, releasedAt: true, personKey: true, learned: true, changed: true, commitment: true },
    });
    const releases = new Map<string, ReleaseCommenters & { commenters: string[] }>();
    for (const c of copies) {
      const r = releases.get(c.releaseId) ?? { releaseId: c.releaseId, releasedAt: c.releasedAt, commenters: [] };
      if (c.learned || c.changed || c.commitment) r.commenters.push(c.personKey);
      releases.set(c.releaseId, r);
    }
    const ownReleases = own.filter((c) => c.programmeId === programmeId && c.kind === kind).map((c) => c.releaseId);
    const withdrawn = releasesToWithdraw([...releases.values()], ownReleases);
    await tx.releasedAnswer.updateMany({
      where: { releaseId: { in: withdrawn } },
      data: { learned: '', changed: '', commitment: '' },
    });
    await tx.feedbackRelease.updateMany({ where: { id: { in: withdrawn } }, data: { commentsWithdrawnAt: now } });
  }
  const standIn = erasedPersonKey(randomUUID());
  await tx.releasedAnswer.updateMany({ where: { personKey: participantId }, data: { personKey: standIn, feedbackId: null } });
  // The report counts the same people under the same stand-in.
  await tx.reportFeedbackPerson.updateMany({ where: { personKey: participantId }, data: { personKey: standIn } });
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((i) => [key(i), i])).values()];
}

/** The latest release of a programme, if any: figures are "as of" it. */
export function latestRelease(db: Db, programmeId: string) {
  return db.feedbackRelease.findFirst({
    where: { programmeId },
    orderBy: [{ releasedAt: 'desc' }, { id: 'asc' }],
    select: { releasedAt: true },
  });
}
