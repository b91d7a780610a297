// App Home: what one person sees (their participations, and for coordinators the running programmes).
import type { Clock } from '../core/clock.js';
import { isoDateOf, localDate } from '../core/localDate.js';
import { ratingsOverview } from '../domain/feedback.js';
import { acceptsSignups, programmePhase, type PhaseFacts } from '../domain/programmes.js';
import { topicLabels } from '../domain/topics.js';
import { homeParticipations, noteHomeOpened, runningProgrammesWithCounts } from '../store/home.js';
import { knownZones } from '../store/directory.js';
import { listLiveProgrammes } from '../store/programmes.js';
import type { HomeModel, HomeParticipation, HomeProgrammeSummary } from '../messages/home.js';
import type { RecordedChange } from '../messages/programmes/programmeChanges.js';
import { recentChanges } from '../store/programmeEdits.js';
import { isAnyCoordinator, mayCoordinate } from '../domain/access.js';
import { coordinatorAccess, type CoordinatorDeps } from './coordinators.js';

type ParticipationRecord = Awaited<ReturnType<typeof homeParticipations>>[number];
type ProgrammeRecord = Awaited<ReturnType<typeof runningProgrammesWithCounts>>[number];

/** How many settings changes App Home lists per programme. */
const RECENT_CHANGES_SHOWN = 3;

export interface HomeDeps extends CoordinatorDeps {
  clock: Clock;
}

/** The programme's phase today, on its own calendar. */
const phaseNow = (p: PhaseFacts & { timezone: string }, now: Date) => programmePhase(p, localDate(now, p.timezone));

function participationOf({ participant: p, catalogue, feedback }: ParticipationRecord, now: Date): HomeParticipation {
  const pairings = [...p.mentorPairings, ...p.menteePairings];
  const partners = pairings.map((x) => x.partnerSlackUserId);
  // A planned meeting is an instant: its day where the person is; a due date is a calendar day already.
  const next = pairings
    .flatMap((x) => x.checkIns)
    .map((c) => ({
      at: c.scheduledFor ?? c.dueAt,
      day: c.scheduledFor ? localDate(c.scheduledFor, p.timezone) : isoDateOf(c.dueAt),
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return {
    participantId: p.id,
    programmeId: p.programmeId,
    programmeName: p.programme.name,
    role: p.role,
    status: p.status,
    timezone: p.timezone,
    phase: phaseNow(p.programme, now),
    // The day the pause ends where the person is (it is stored as the instant that day begins there).
    pausedUntil: p.pausedUntil ? localDate(p.pausedUntil, p.timezone) : undefined,
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
    nextCheckIn: next?.day,
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

function programmeSummaryOf(
  { programme: p, counts, ratingTotals }: ProgrammeRecord,
  now: Date,
  recentChanges: RecordedChange[],
  viewerZone: string | undefined,
): HomeProgrammeSummary {
  return {
    id: p.id,
    name: p.name,
    phase: phaseNow(p, now),
    startDate: isoDateOf(p.startDate),
    signupDeadline: isoDateOf(p.signupDeadline),
    readerZone: viewerZone ?? p.timezone,
    ...counts,
    ratings: ratingsOverview(ratingTotals),
    recentChanges,
  };
}

/**
 * Everything App Home shows one person, read in a handful of queries. What it offers follows each programme's phase:
 * "Join" only for programmes open for signup that the person does not take part in.
 */
export async function homeModel(deps: HomeDeps, slackUserId: string): Promise<HomeModel> {
  const now = deps.clock.now();
  const access = await coordinatorAccess(deps, slackUserId);
  const coordinator = isAnyCoordinator(access);
  const [participations, live, running] = await Promise.all([
    homeParticipations(deps.db, slackUserId),
    listLiveProgrammes(deps.db),
    coordinator ? runningProgrammesWithCounts(deps.db) : Promise.resolve([]),
  ]);
  // A coordinator sees the programmes they coordinate (an admin of all, every one).
  const programmes = running.filter((r) => mayCoordinate(access, r.programme.id));
  const [changes, zones] = await Promise.all([
    recentChanges(
      deps.db,
      programmes.map((r) => r.programme.id),
      RECENT_CHANGES_SHOWN,
    ),
    programmes.length > 0 ? knownZones(deps.db, [slackUserId]) : new Map<string, string>(),
  ]);
  const taking = new Set(
    participations.filter((r) => ['active', 'paused'].includes(r.participant.status)).map((r) => r.participant.programmeId),
  );
  return {
    isCoordinator: coordinator,
    openProgrammes: live.filter((p) => !taking.has(p.id) && acceptsSignups(phaseNow(p, now))).length,
    participations: participations.map((r) => participationOf(r, now)),
    programmes: programmes.map((r) =>
      programmeSummaryOf(
        r,
        now,
        changes.filter((c) => c.programmeId === r.programme.id),
        zones.get(slackUserId),
      ),
    ),
  };
}

/** The person opened the Home tab: an edit that opens or closes signup publishes their Home again (`outsidersWithHome`). */
export function rememberHome(deps: HomeDeps, slackUserId: string): Promise<void> {
  return noteHomeOpened(deps.db, slackUserId, deps.clock.now());
}
