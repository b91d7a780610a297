// Participation: what an employee does with their own place in a programme (App Home buttons, the pause modal):
// pause, resume, leave, export their data, delete their data. Only the person themself may act on it.
import type { Clock } from '../core/clock.js';
import { isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Outcome } from '../core/outcome.js';
import { PAUSABLE_STATUSES, pauseDateProblem, pauseEndsAt, suggestedPauseEnd } from '../domain/participation.js';
import { acceptsParticipantChanges, programmePhase } from '../domain/programmes.js';
import { enqueueMessages, parsePayload } from '../store/outbox.js';
import { noticeTimer } from './delivery.js';
import { inTransaction, type Db } from '../store/database.js';
import {
  endParticipation,
  findParticipant,
  pauseParticipant,
  resumeParticipant,
  type LeftPartner,
} from '../store/participation.js';
import { eraseParticipation, findParticipationData, type ParticipationData } from '../store/participation.js';
import { pauseRefusalText, type PauseRefusal } from '../messages/participation/pauseModal.js';
import {
  erasedConfirmation,
  NOT_YOURS_TEXT,
  exportMessages,
  leftConfirmation,
  partnerLeftNotices,
  participationEndedNotices,
  type MyDataExport,
} from '../messages/participation/notices.js';
import { coordinatorsOfProgramme, type CoordinatorDeps } from './coordinators.js';

export interface ParticipationDeps extends CoordinatorDeps {
  clock: Clock;
}

/** The participation is not this person's (or is erased): nothing happens, and the listener says nothing. */
export type NotYours = 'not_yours';

const notYours = () => refused('not_yours', NOT_YOURS_TEXT);

/** Only the person themself may act on their participation, and not once it is erased. */
async function ownParticipant(db: Db, participantId: string, slackUserId: string) {
  const p = await findParticipant(db, participantId);
  return p && p.slackUserId === slackUserId && !p.erasedAt ? p : null;
}

type OwnParticipant = NonNullable<Awaited<ReturnType<typeof ownParticipant>>>;

/** Tells the coordinators that this person left (a Rematch button per partner now without a pair), and those partners. */
function endedNotices(
  coordinators: string[],
  p: OwnParticipant,
  partners: LeftPartner[],
  reason: 'withdrawn' | 'erased' = 'withdrawn',
) {
  const ended = {
    participantId: p.id,
    slackUserId: p.slackUserId,
    programmeName: p.programme.name,
    role: p.role,
    partners,
    reason,
  };
  return [...participationEndedNotices(coordinators, ended), ...partnerLeftNotices(ended)];
}

export type PauseOutcome = Outcome<void, PauseRefusal['reason']>;

const pauseRefused = (refusal: PauseRefusal) => refused(refusal.reason, pauseRefusalText(refusal));

/** What the pause modal shows: the programme, and a suggested day to be back. */
export async function pauseForm(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
): Promise<Outcome<{ participantId: string; programmeName: string; suggestedEnd: string }, NotYours>> {
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p) return notYours();
  return done({
    participantId: p.id,
    programmeName: p.programme.name,
    suggestedEnd: suggestedPauseEnd(localDate(deps.clock.now(), p.timezone)),
  });
}

const stillRunning = (p: OwnParticipant, now: Date) =>
  acceptsParticipantChanges(programmePhase(p.programme, localDate(now, p.programme.timezone)));

/**
 * Pauses until `until` (YYYY-MM-DD, the person's calendar): stored as the instant that day begins in the person's
 * time zone, when the scheduler's next pass resumes them.
 */
export async function pause(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
  until: string | undefined,
): Promise<PauseOutcome> {
  const now = deps.clock.now();
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p || !PAUSABLE_STATUSES.includes(p.status) || !stillRunning(p, now)) return pauseRefused({ reason: 'nothing_to_pause' });
  const programmeEnd = isoDateOf(p.programme.endDate);
  const problem = pauseDateProblem(until, localDate(now, p.timezone), programmeEnd);
  if (problem === 'after_programme_end') return pauseRefused({ reason: problem, programmeEnd });
  if (problem) return pauseRefused({ reason: problem });
  await pauseParticipant(deps.db, p.id, pauseEndsAt(until!, p.timezone), now);
  return done(undefined);
}

export async function resume(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
): Promise<Outcome<void, NotYours>> {
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p) return notYours();
  await resumeParticipant(deps.db, p.id, deps.clock.now());
  return done(undefined);
}

/** Leaves the programme: the pairs pause for a rematch, the coordinators are told, the person gets a goodbye. */
export async function leave(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
): Promise<Outcome<void, NotYours>> {
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p) return notYours();
  const coordinators = await coordinatorsOfProgramme(deps, p.programmeId);
  const now = deps.clock.now();
  const timed = await noticeTimer(deps.db, coordinators, p.programme.timezone);
  // The goodbye answers the person at once; the coordinators and partners hear of it in their working hours.
  await inTransaction(deps.db, (tx) =>
    endParticipation(tx, p.id, 'withdrawn', now, (partners) => [
      ...timed(endedNotices(coordinators, p, partners), now, partners),
      leftConfirmation(p.slackUserId, p.id, p.programme.name),
    ]),
  );
  return done(undefined);
}

/**
 * Sends the person everything stored about them, as JSON in a DM. `requestKey` names the request (the click):
 * a retried click sends one export.
 */
export async function exportMyData(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
  requestKey: string,
): Promise<Outcome<void, NotYours>> {
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p) return notYours();
  const data = await findParticipationData(deps.db, p.id);
  if (!data) return notYours();
  await enqueueMessages(deps.db, exportMessages(p.slackUserId, myDataExport(data), `${p.id}:${requestKey}`));
  return done(undefined);
}

/** Erases the person's data for this programme (they leave it first); anonymous counts remain. */
export async function deleteMyData(
  deps: ParticipationDeps,
  participantId: string,
  slackUserId: string,
): Promise<Outcome<{ programmeName: string }, NotYours>> {
  const p = await ownParticipant(deps.db, participantId, slackUserId);
  if (!p) return notYours();
  const coordinators = await coordinatorsOfProgramme(deps, p.programmeId);
  const now = deps.clock.now();
  const timed = await noticeTimer(deps.db, coordinators, p.programme.timezone);
  await eraseParticipation(
    deps.db,
    p.id,
    now,
    (partners) => timed(endedNotices(coordinators, p, partners, 'erased'), now, partners),
    erasedConfirmation(p.slackUserId, p.id, p.programme.name),
  );
  return done({ programmeName: p.programme.name });
}

/** The person's "export my data": everything stored about this participation, in plain names. */
export function myDataExport(p: ParticipationData): MyDataExport {
  return {
    programme: p.programme.name,
    profile: {
      slackUserId: p.slackUserId,
      displayName: p.displayName,
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
    feedback: p.feedback
      .filter((f) => f.kind === 'checkin')
      .map((f) => ({
        checkInId: f.checkInId,
        pairingId: f.pairingId,
        rating: f.rating,
        learned: f.learned,
        topicsCovered: f.topics.map((t) => t.topicKey),
        concern: f.concern,
        at: f.createdAt.toISOString(),
        updatedAt: f.updatedAt.toISOString(),
      })),
    surveys: p.feedback
      .filter((f) => f.kind !== 'checkin')
      .map((f) => ({
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
    // A draft pairing's reasons describe someone the person was never introduced to: only introduced pairs show them.
    pairings: p.pairings.map((x) => ({
      pairingId: x.id,
      myRole: x.mentorId === p.id ? 'mentor' : 'mentee',
      status: x.status,
      introducedAt: x.introducedAt?.toISOString() ?? null,
      endedAt: x.endedAt?.toISOString() ?? null,
      reasons: x.introducedAt ? parseReasons(x.reasonsJson) : [],
      ourObjectives: x.objectives,
    })),
    checkInsILogged: p.checkInsLogged.map((c) => ({
      pairingId: c.pairingId,
      sequence: c.sequence,
      status: c.status,
      metAt: c.metAt?.toISOString() ?? null,
    })),
    waitlistEntries: p.waitlistEntries.map((e) => ({ at: e.at.toISOString(), reason: e.reason, detail: e.detail })),
    messagesAboutMe: p.messages.map((m) => {
      const to = messageTarget(m);
      const mine = to !== null && 'users' in to && to.users.includes(p.slackUserId);
      return {
        kind: m.kind,
        status: m.status,
        to: mine ? 'me' : 'others',
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        // The text of messages to the person themself (an earlier export is listed, not repeated).
        text: mine && m.kind !== 'participant.export' ? messageText(m) : null,
      };
    }),
  };
}

function parseReasons(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function messageTarget(m: ParticipationData['messages'][number]) {
  try {
    return parsePayload(m).to;
  } catch {
    return null;
  }
}

function messageText(m: ParticipationData['messages'][number]) {
  try {
    return parsePayload(m).text;
  } catch {
    return null;
  }
}
