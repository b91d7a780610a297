// Rematches. "This isn't working": only someone of the pair may ask; the pairing pauses until a coordinator
// approves a rematch, and the coordinators are told (nobody else). Asking twice changes nothing.
// "Rematch" (a coordinator's button on the notice that someone left): the partner left without a pair, and only
// they, are matched again at once with the best partner available, and introduced.
import type { Clock } from '../../core/clock.js';
import { dateOnly, isoDateOf, localDate } from '../../core/localDate.js';
import { done, refused, type Outcome } from '../../core/outcome.js';
import { matchCohort, REMATCH_REQUESTED, type MatchInput } from '../../domain/matching/index.js';
import { isOver, programmePhase } from '../../domain/programmes.js';
import { firstCheckInDueFor } from '../../domain/schedule/index.js';
import { approvalMessages, rematchRequestNotices } from '../../messages/matching/messages.js';
import { coordinatorsOnlyButtonText, rematchReplyText, type RematchRefusal } from '../../messages/matching/replies.js';
import {
  rematchRefusalText,
  type RematchPersonRefusal,
  type RematchRefusalFacts,
} from '../../messages/participation/rematchOffer.js';
import { inTransaction, type Tx } from '../../store/database.js';
import {
  activateDraftPairings,
  createDraft,
  createFirstCheckIns,
  draftPairingsWithPeople,
  endPairings,
  findPairingWithPeople,
  lockProgramme,
  markApproved,
  pauseActivePairing,
} from '../../store/matching.js';
import { enqueueMessage } from '../../store/outbox.js';
import { asNotices } from '../delivery.js';
import { findParticipant } from '../../store/participation.js';
import { closeOpenCheckIns } from '../../store/programmes.js';
import { PARTNER_LEFT } from '../../store/signup.js';
import {
  coordinatorsOfProgramme,
  isCoordinator,
  mayCoordinateProgramme,
  type CoordinatorDeps,
  type ProgrammeAccessRefusal,
} from '../coordinators.js';
import { introPerson } from './approval.js';
import { loadCohort, type Cohort } from './drafts.js';

export type RematchOutcome = Outcome<void, RematchRefusal>;

export async function requestRematch(deps: RematchDeps, pairingId: string, slackUserId: string): Promise<RematchOutcome> {
  const asked = await findPairingWithPeople(deps.db, pairingId);
  const coordinators = asked ? await coordinatorsOfProgramme(deps, asked.programmeId) : [];
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const pair = await findPairingWithPeople(tx, pairingId);
    if (!pair || (pair.mentor.slackUserId !== slackUserId && pair.mentee.slackUserId !== slackUserId))
      return refused('not_member', rematchReplyText('not_member'));
    if (!(await pauseActivePairing(tx, pairingId, REMATCH_REQUESTED))) return refused('already', rematchReplyText('already'));
    const notices = rematchRequestNotices(coordinators)({
      pairingId,
      programmeName: pair.programme.name,
      requestedBy: slackUserId,
      mentorSlackId: pair.mentor.slackUserId,
      menteeSlackId: pair.mentee.slackUserId,
    });
    // The coordinators did not ask: they hear of it in their working hours.
    for (const m of await asNotices(tx, notices, now, pair.programme.timezone)) await enqueueMessage(tx, m);
    return done(undefined);
  });
}

export interface RematchDeps extends CoordinatorDeps {
  clock: Clock;
}

export interface Rematched {
  slackUserId: string;
  /** the new partners' Slack ids */
  partners: string[];
  /** YYYY-MM-DD, on the programme's calendar */
  firstCheckInDue: string;
  /** the programme's zone */
  timezone: string;
}

export type RematchPersonOutcome = Outcome<Rematched, RematchPersonRefusal | ProgrammeAccessRefusal>;

const refuse = (reason: RematchPersonRefusal, facts?: RematchRefusalFacts) => refused(reason, rematchRefusalText(reason, facts));

/** The cohort with only `participantId` on their side: the matcher pairs them, and nobody else, with whoever fits best. */
function onlyThem(input: MatchInput, participantId: string): MatchInput {
  const them = (c: { participantId: string }) => c.participantId === participantId;
  const mentor = input.mentors.some(them);
  return mentor ? { ...input, mentors: input.mentors.filter(them) } : { ...input, mentees: input.mentees.filter(them) };
}

/** The pairings that still hold around this person (intact ones are the matcher's `pairedElsewhere`). */
const holdingPairs = (cohort: Cohort, participantId: string) =>
  (cohort.input.pairedElsewhere ?? []).filter((p) => p.mentorId === participantId || p.menteeId === participantId);

/**
 * A coordinator's "Rematch" for someone left without a pair: checked on the server (a coordinator; the programme has
 * not ended; the person is still in it, active, and still waiting), then matched alone, approved and introduced in
 * one transaction. The pairings this replaces (theirs, and their new partner's, broken by someone leaving) end. A
 * second press finds them paired and changes nothing.
 */
export async function rematchPerson(
  deps: RematchDeps,
  participantId: string,
  coordinatorId: string,
): Promise<RematchPersonOutcome> {
  if (!(await isCoordinator(deps, coordinatorId))) return refused('not_coordinator', coordinatorsOnlyButtonText());
  const asked = await findParticipant(deps.db, participantId);
  if (asked) {
    const may = await mayCoordinateProgramme(deps, coordinatorId, asked.programme);
    if (!may.ok) return may;
  }
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const found = await findParticipant(tx, participantId);
    if (found) await lockProgramme(tx, found.programmeId, now);
    // Read again under the programme's lock: a leave or a pause committed meanwhile is seen.
    const person = found && (await findParticipant(tx, participantId));
    if (!person || person.erasedAt || (person.status !== 'active' && person.status !== 'paused')) return refuse('gone');
    const programme = person.programme;
    if (isOver(programmePhase(programme, localDate(now, programme.timezone))))
      return refuse('programme_over', { programmeName: programme.name });
    const who = { slackUserId: person.slackUserId };
    if (person.status === 'paused')
      return refuse('paused', {
        ...who,
        pausedUntil: person.pausedUntil ? localDate(person.pausedUntil, person.timezone) : undefined,
        timezone: person.timezone,
      });
    const cohort = await loadCohort(tx, programme.id, now);
    if (!cohort) return refuse('gone');
    const holding = holdingPairs(cohort, person.id);
    const capacity = person.role === 'mentor' ? person.capacity : 1;
    if (holding.length >= capacity) {
      const partnerIds = holding.map((p) => (p.mentorId === person.id ? p.menteeId : p.mentorId));
      const everyone = [...cohort.input.mentors, ...cohort.input.mentees];
      const partners = everyone.filter((c) => partnerIds.includes(c.participantId)).map((c) => c.slackUserId);
      return refuse('paired', { ...who, partners });
    }
    const result = matchCohort(onlyThem(cohort.input, person.id));
    if (!result.ok || result.pairs.length === 0) return refuse('no_partner', who);
    return done(await introduce(tx, cohort, result.pairs, { person, coordinatorId, now, programmeStart: programme.startDate }));
  });
}

/** Writes the rematch as an approved run of its own, ends the pairings it replaces, and writes the introductions. */
async function introduce(
  tx: Tx,
  cohort: Cohort,
  pairs: Extract<ReturnType<typeof matchCohort>, { ok: true }>['pairs'],
  c: { person: { id: string; slackUserId: string }; coordinatorId: string; now: Date; programmeStart: Date },
): Promise<Rematched> {
  const { programme } = cohort;
  const runId = await createDraft(tx, {
    programmeId: programme.id,
    inputHash: cohort.hash,
    totalScore: pairs.reduce((sum, p) => sum + p.score, 0),
    unmatched: [],
    createdBy: c.coordinatorId,
    cadenceDays: programme.cadenceDays,
    pairs,
  });
  await markApproved(tx, runId, c.coordinatorId, c.now);
  const paired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const replaced = await brokenPairingsOf(tx, cohort, paired);
  await endPairings(tx, replaced, c.now, PARTNER_LEFT);
  await closeOpenCheckIns(tx, replaced, c.now);
  const drafts = await draftPairingsWithPeople(tx, runId);
  const firstCheckInDue = dateOnly(firstCheckInDueFor({ startDate: c.programmeStart, timezone: programme.timezone }, c.now));
  await activateDraftPairings(tx, runId, c.now);
  await createFirstCheckIns(
    tx,
    drafts.map((p) => ({ pairingId: p.id, dueAt: firstCheckInDue })),
  );
  const messages = approvalMessages(c.now)({
    programme: { id: programme.id, name: programme.name, announcementChannel: programme.announcementChannel },
    runId,
    pairs: drafts.map((p) => ({
      pairingId: p.id,
      mentor: introPerson(p.mentor),
      mentee: introPerson(p.mentee),
      cadenceDays: p.cadenceDays,
      firstCheckInDue,
    })),
    waitlisted: [],
    first: false,
    topicLabels: cohort.input.topicLabels,
  });
  for (const m of await asNotices(tx, messages, c.now, programme.timezone)) await enqueueMessage(tx, m);
  const partners = drafts.map((p) => (p.mentor.id === c.person.id ? p.mentee.slackUserId : p.mentor.slackUserId));
  return {
    slackUserId: c.person.slackUserId,
    partners,
    firstCheckInDue: isoDateOf(firstCheckInDue),
    timezone: programme.timezone,
  };
}

/** Of the programme's broken pairings (someone left, or asked for a rematch), those of the people just paired. */
async function brokenPairingsOf(tx: Tx, cohort: Cohort, people: Set<string>): Promise<string[]> {
  const members = await Promise.all(cohort.brokenPairingIds.map((id) => findPairingWithPeople(tx, id)));
  return members.filter((p) => p && (people.has(p.mentorId) || people.has(p.menteeId))).map((p) => p!.id);
}
