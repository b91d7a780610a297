import { isoDateOf, localDate } from '../core/localDate.js';
import { topicLabels } from '../domain/topics.js';
import type { Db } from './database.js';
import { listOwnFeedback, ratingsOverview } from './feedback.js';
import { programmeCounts, programmeTopics } from './programmes.js';

/** Everything App Home shows one person, read in a handful of queries. */
export async function loadHome(db: Db, slackUserId: string, isCoordinator: boolean) {
  const participations = await db.participant.findMany({
    where: { slackUserId, erasedAt: null },
    include: {
      programme: true,
      topics: { orderBy: { topicKey: 'asc' } },
      mentorPairings: { where: { status: { in: ['active', 'paused'] } }, include: { mentee: { select: { slackUserId: true } }, checkIns: { where: { status: { in: ['due', 'scheduled'] } }, orderBy: { dueAt: 'asc' }, take: 1 } } },
      menteePairings: { where: { status: { in: ['active', 'paused'] } }, include: { mentor: { select: { slackUserId: true } }, checkIns: { where: { status: { in: ['due', 'scheduled'] } }, orderBy: { dueAt: 'asc' }, take: 1 } } },
    },
    orderBy: { createdAt: 'desc' },
  });
  const homeParticipations = await Promise.all(
    participations.map(async (p) => {
      const catalogue = await programmeTopics(db, p.programmeId);
      const pairings = [...p.mentorPairings, ...p.menteePairings];
      const partners = [...p.mentorPairings.map((x) => x.mentee.slackUserId), ...p.menteePairings.map((x) => x.mentor.slackUserId)];
      const own = await listOwnFeedback(db, p.id);
      const next = pairings.flatMap((x) => x.checkIns).map((c) => c.scheduledFor ?? c.dueAt).sort((a, b) => a.getTime() - b.getTime())[0];
      return {
        participantId: p.id,
        programmeId: p.programmeId,
        programmeName: p.programme.name,
        role: p.role,
        status: p.status,
        pausedUntil: p.pausedUntil ? isoDateOf(p.pausedUntil) : undefined,
        seniorityLevel: p.seniorityLevel,
        department: p.department,
        teaches: topicLabels(catalogue, p.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey)),
        learns: topicLabels(catalogue, p.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey)),
        meetingPreference: p.meetingPreference,
        partnerSlackIds: partners,
        nextCheckIn: next ? isoDateOf(next) : undefined,
        feedback: own.map((f) => ({
          kind: f.kind,
          on: localDate(f.updatedAt, p.timezone),
          rating: f.rating,
          progress: f.progress,
          recommendScore: f.recommendScore,
          text: [f.learned, f.changed, f.commitment].filter((t) => t !== '').join(' / '),
          topics: topicLabels(catalogue, f.topics.map((t) => t.topicKey)),
        })),
      };
    }),
  );
  const openProgrammes = await db.programme.count({ where: { status: 'open' } });
  const programmes = isCoordinator
    ? await Promise.all(
        (await db.programme.findMany({ where: { status: { not: 'closed' } }, orderBy: { startDate: 'asc' } })).map(async (p) => ({
          id: p.id,
          name: p.name,
          status: p.status,
          startDate: isoDateOf(p.startDate),
          signupDeadline: isoDateOf(p.signupDeadline),
          ...(await programmeCounts(db, p.id)),
          ratings: await ratingsOverview(db, p.id),
        })),
      )
    : [];
  return { isCoordinator, openProgrammes, participations: homeParticipations, programmes };
}
