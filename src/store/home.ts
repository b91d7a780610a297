import type { Db } from './database.js';
import { listOwnFeedback, ratingTotals } from './feedback.js';
import { programmeCounts, programmeTopics } from './programmes.js';

const OPEN_CHECK_IN = { where: { status: { in: ['due', 'scheduled'] } }, orderBy: { dueAt: 'asc' as const }, take: 1 };
const RUNNING = { in: ['active', 'paused'] };
/** A pairing whose partner has left is not one's pairing any more (it waits for a rematch). */
const STILL_IN = { status: RUNNING, erasedAt: null };

/** One person's participations (not erased), newest first, each with its topic catalogue and own feedback. */
export async function homeParticipations(db: Db, slackUserId: string) {
  const participations = await db.participant.findMany({
    where: { slackUserId, erasedAt: null },
    include: {
      programme: true,
      topics: { orderBy: { topicKey: 'asc' } },
      mentorPairings: {
        where: { status: RUNNING, mentee: STILL_IN },
        include: { mentee: { select: { slackUserId: true } }, checkIns: OPEN_CHECK_IN },
      },
      menteePairings: {
        where: { status: RUNNING, mentor: STILL_IN },
        include: { mentor: { select: { slackUserId: true } }, checkIns: OPEN_CHECK_IN },
      },
    },
    orderBy: { createdAt: 'desc' },
  });
  return Promise.all(
    participations.map(async (participant) => ({
      participant,
      catalogue: await programmeTopics(db, participant.programmeId, true),
      feedback: await listOwnFeedback(db, participant.id),
    })),
  );
}

/** Programmes not closed, oldest start first, with their head counts and check-in rating totals. */
export async function runningProgrammesWithCounts(db: Db) {
  const programmes = await db.programme.findMany({ where: { status: { not: 'closed' } }, orderBy: { startDate: 'asc' } });
  return Promise.all(
    programmes.map(async (programme) => ({
      programme,
      counts: await programmeCounts(db, programme.id),
      ratingTotals: await ratingTotals(db, programme.id),
    })),
  );
}

/** The person opened the App Home tab (the latest time is kept, one row per person). */
export async function noteHomeOpened(db: Db, slackUserId: string, at: Date): Promise<void> {
  await db.homeViewer.upsert({ where: { slackUserId }, create: { slackUserId, openedAt: at }, update: { openedAt: at } });
}

/** Everyone who opened the App Home tab (and was not forgotten since), by Slack ID. */
export async function homeViewers(db: Db): Promise<string[]> {
  const rows = await db.homeViewer.findMany({ select: { slackUserId: true }, orderBy: { slackUserId: 'asc' } });
  return rows.map((r) => r.slackUserId);
}
