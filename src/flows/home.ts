// App Home: what one person sees (their participations, and for coordinators the running programmes).
import { isoDateOf, localDate } from '../core/localDate.js';
import { ratingsOverview } from '../domain/feedback.js';
import { topicLabels } from '../domain/topics.js';
import { countOpenProgrammes, homeParticipations, runningProgrammesWithCounts } from '../store/home.js';
import type { HomeModel, HomeParticipation, HomeProgrammeSummary } from '../messages/home.js';
import { isCoordinator, type CoordinatorDeps } from './coordinators.js';

type ParticipationRecord = Awaited<ReturnType<typeof homeParticipations>>[number];
type ProgrammeRecord = Awaited<ReturnType<typeof runningProgrammesWithCounts>>[number];

function participationOf({ participant: p, catalogue, feedback }: ParticipationRecord): HomeParticipation {
  const pairings = [...p.mentorPairings, ...p.menteePairings];
  const partners = [...p.mentorPairings.map((x) => x.mentee.slackUserId), ...p.menteePairings.map((x) => x.mentor.slackUserId)];
  const next = pairings
    .flatMap((x) => x.checkIns)
    .map((c) => c.scheduledFor ?? c.dueAt)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    participantId: p.id,
    programmeId: p.programmeId,
    programmeName: p.programme.name,
    role: p.role,
    status: p.status,
    pausedUntil: p.pausedUntil ? isoDateOf(p.pausedUntil) : undefined,
    seniorityLevel: p.seniorityLevel,
    department: p.department,
    teaches: topicLabels(
      catalogue,
      p.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey),
    ),
    learns: topicLabels(
      catalogue,
      p.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey),
    ),
    meetingPreference: p.meetingPreference,
    partnerSlackIds: partners,
    nextCheckIn: next ? isoDateOf(next) : undefined,
    feedback: feedback.map((f) => ({
      kind: f.kind,
      on: localDate(f.updatedAt, p.timezone),
      rating: f.rating,
      progress: f.progress,
      recommendScore: f.recommendScore,
      text: [f.learned, f.changed, f.commitment].filter((t) => t !== '').join(' / '),
      topics: topicLabels(
        catalogue,
        f.topics.map((t) => t.topicKey),
      ),
    })),
  };
}

function programmeSummaryOf({ programme: p, counts, ratingTotals }: ProgrammeRecord): HomeProgrammeSummary {
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    startDate: isoDateOf(p.startDate),
    signupDeadline: isoDateOf(p.signupDeadline),
    ...counts,
    ratings: ratingsOverview(ratingTotals),
  };
}

/** Everything App Home shows one person, read in a handful of queries. */
export async function homeModel(deps: CoordinatorDeps, slackUserId: string): Promise<HomeModel> {
  const coordinator = await isCoordinator(deps, slackUserId);
  const [participations, openProgrammes, programmes] = await Promise.all([
    homeParticipations(deps.db, slackUserId),
    countOpenProgrammes(deps.db),
    coordinator ? runningProgrammesWithCounts(deps.db) : Promise.resolve([]),
  ]);
  return {
    isCoordinator: coordinator,
    openProgrammes,
    participations: participations.map(participationOf),
    programmes: programmes.map(programmeSummaryOf),
  };
}
