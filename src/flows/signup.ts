// Signup: an employee joins a programme open for signup (or edits their profile, or comes back after leaving)
// through the signup modal. What is allowed follows the programme's phase (src/domain/programmes.ts).
import type { Clock } from '../core/clock.js';
import { isIanaTimeZone, isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Done, type Refused } from '../core/outcome.js';
import type { Config } from '../config.js';
import { isBroken } from '../domain/matching/index.js';
import { seniorityLabel, type Role } from '../domain/people.js';
import { hasProblems, invalid, type Invalid } from '../domain/problems.js';
import { acceptsParticipantChanges, acceptsSignups, programmePhase, type ProgrammePhase } from '../domain/programmes.js';
import { signupProblems, type SignupDraft, type SignupField } from '../domain/signup.js';
import { findProgramme, listLiveProgrammes, topicsOffered, type LiveProgramme } from '../store/programmes.js';
import { currentPairingsOf, findProfile, participationsOf, saveSignup } from '../store/signup.js';
import type { SignupModalModel, SignupPrefill } from '../messages/signup/signupModal.js';
import { signupConfirmation } from '../messages/signup/signupConfirmation.js';
import type { ProgrammeOffer } from '../messages/signup/chooseProgramme.js';
import type { Db } from '../store/database.js';
import { signupRefusalText } from '../messages/signup/signupModal.js';

export interface SignupDeps {
  db: Db;
  config: Pick<Config, 'timezone'>;
  clock: Clock;
}

/** What Slack knows about the person, to prefill a first signup. */
export interface SlackProfile {
  title?: string;
  tz?: string;
  /** the name to show (src/domain/people.ts nameToShow) */
  name?: string;
}

/** The programme takes no signups or edits: closed, ended, or gone. */
export type SignupClosed = Refused<'closed' | 'ended'>;
/** Signup closed on its deadline; only people taking part may still edit their profile. */
export type DeadlinePassed = Refused<'deadline_passed'>;

const closed = (): SignupClosed => refused('closed', signupRefusalText({ reason: 'closed' }));

type ProgrammeRow = Pick<LiveProgramme, 'name' | 'status' | 'signupDeadline' | 'startDate' | 'endDate' | 'timezone'> & {
  createdBySlackId: string;
};

const phaseOf = (deps: Pick<SignupDeps, 'clock'>, p: ProgrammeRow): ProgrammePhase =>
  programmePhase(p, localDate(deps.clock.now(), p.timezone));

const deadlinePassed = (p: ProgrammeRow): DeadlinePassed =>
  refused(
    'deadline_passed',
    signupRefusalText({
      reason: 'deadline_passed',
      programmeName: p.name,
      signupDeadline: isoDateOf(p.signupDeadline),
      timezone: p.timezone,
      coordinatorSlackId: p.createdBySlackId,
    }),
  );

/** Taking part now (not left, not erased): such a person edits their profile rather than joining. */
const takesPart = (p: { status: string; erasedAt?: Date | null } | null | undefined) =>
  !!p && !p.erasedAt && (p.status === 'active' || p.status === 'paused');

/** Whether the programme takes this change: closed and ended ones take none; after the deadline only edits. */
function refusalFor(deps: Pick<SignupDeps, 'clock'>, p: ProgrammeRow | null, editing: boolean) {
  if (!p || p.status === 'closed') return closed();
  const phase = phaseOf(deps, p);
  if (!acceptsParticipantChanges(phase)) return refused('ended', signupRefusalText({ reason: 'ended', programmeName: p.name }));
  if (!editing && !acceptsSignups(phase)) return deadlinePassed(p);
  return undefined;
}

export interface JoinChoices {
  /** what the person may open: programmes open for signup, and those they take part in (to edit their profile) */
  offers: ProgrammeOffer[];
  /** when nothing is offered: the programme whose signup closed last, to say when and whom to ask */
  closedFor?: { programmeName: string; signupDeadline: string; timezone: string; coordinatorSlackId: string };
}

/** What /rm-join and App Home's Join offer this person, by each programme's phase. */
export async function joinChoices(deps: Pick<SignupDeps, 'db' | 'clock'>, slackUserId: string): Promise<JoinChoices> {
  const [live, mine] = await Promise.all([listLiveProgrammes(deps.db), participationsOf(deps.db, slackUserId)]);
  const taking = new Set(mine.filter(takesPart).map((p) => p.programmeId));
  const offers: ProgrammeOffer[] = [];
  let closedFor: JoinChoices['closedFor'];
  for (const p of live) {
    const phase = phaseOf(deps, p);
    const signupDeadline = isoDateOf(p.signupDeadline);
    if (taking.has(p.id) && acceptsParticipantChanges(phase))
      offers.push({ id: p.id, name: p.name, signupDeadline, timezone: p.timezone, editing: true });
    else if (acceptsSignups(phase)) offers.push({ id: p.id, name: p.name, signupDeadline, timezone: p.timezone });
    else if (phase !== 'ended' && (!closedFor || signupDeadline > closedFor.signupDeadline))
      closedFor = { programmeName: p.name, signupDeadline, timezone: p.timezone, coordinatorSlackId: p.createdBySlackId };
  }
  return { offers, ...(offers.length === 0 && closedFor ? { closedFor } : {}) };
}

/** Why /rm-join offers nothing, when a programme's signup has closed: when, and whom to ask. */
export const signupClosedText = (c: NonNullable<JoinChoices['closedFor']>): string =>
  signupRefusalText({ reason: 'deadline_passed', ...c });

/**
 * The signup modal for a programme: prefilled from the person's profile when they edit it (or come back after
 * leaving), else from Slack (`fromSlack` is only called then).
 */
export async function signupForm(
  deps: SignupDeps,
  programmeId: string,
  slackUserId: string,
  fromSlack: () => Promise<SlackProfile>,
): Promise<Done<SignupModalModel> | SignupClosed | DeadlinePassed> {
  const programme = await findProgramme(deps.db, programmeId);
  const existing = programme ? await findProfile(deps.db, programmeId, slackUserId) : null;
  const editing = takesPart(existing) ? existing! : undefined;
  const refusal = refusalFor(deps, programme, editing !== undefined);
  if (refusal || !programme) return refusal ?? closed();
  // Someone who left and comes back finds their former answers (a new signup, not an edit).
  const known = existing && !existing.erasedAt ? existing : undefined;
  const topics = await topicsOffered(
    deps.db,
    programmeId,
    (known?.topics ?? []).map((t) => t.topicKey),
  );
  let prefill: SignupPrefill;
  if (known) {
    prefill = {
      role: known.role,
      title: known.title,
      seniorityLevel: known.seniorityLevel,
      generation: known.generation || undefined,
      department: known.department,
      managerSlackId: known.managerSlackId ?? undefined,
      teaches: known.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey),
      learns: known.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey),
      goals: known.goals,
      meetingPreference: known.meetingPreference,
      capacity: known.capacity,
      avoidSlackIds: known.avoid.map((a) => a.avoidSlackUserId),
      timezone: known.timezone,
    };
  } else {
    const profile = await fromSlack();
    prefill = { title: profile.title, timezone: profile.tz && isIanaTimeZone(profile.tz) ? profile.tz : deps.config.timezone };
  }
  return done({
    programmeId,
    programmeName: programme.name,
    signupDeadline: isoDateOf(programme.signupDeadline),
    programmeTimezone: programme.timezone,
    topics,
    prefill,
    editingParticipantId: editing?.id,
  });
}

/** The role someone is paired in, and in how many pairings that still hold: their role is fixed while there are any. */
async function pairedAs(db: Db, participant: { id: string; role: string }): Promise<{ role: Role; pairs: number }> {
  const pairings = await currentPairingsOf(db, participant.id);
  const holding = pairings.filter((p) => !isBroken(p));
  return { role: participant.role === 'mentor' ? 'mentor' : 'mentee', pairs: holding.length };
}

export interface SignupSubmission {
  programmeId: string | undefined;
  slackUserId: string;
  /** the name Slack showed when the modal opened ('' when unknown: the stored one stays, else the handle) */
  displayName: string;
  /** the person's Slack handle, the name of last resort */
  handle: string;
  draft: SignupDraft;
  /** the modal's view id: submitting the same modal twice writes one profile and one DM */
  viewId: string;
}

/** Saves a signup, a profile edit or a return after leaving, with the DM that confirms it, in one transaction. */
export async function submitSignup(
  deps: SignupDeps,
  s: SignupSubmission,
): Promise<Done<void> | SignupClosed | Invalid<SignupField>> {
  const programme = s.programmeId ? await findProgramme(deps.db, s.programmeId) : null;
  const existing = programme ? await findProfile(deps.db, programme.id, s.slackUserId) : null;
  const editing = takesPart(existing) ? existing! : undefined;
  const refusal = refusalFor(deps, programme, editing !== undefined);
  // After the deadline a newcomer's form is judged like any other: the refusal shows under the role.
  if (!programme) return closed();
  if (refusal && refusal.reason !== 'deadline_passed') return refusal;
  const [topics, paired] = await Promise.all([
    topicsOffered(deps.db, programme.id, existing && !existing.erasedAt ? existing.topics.map((t) => t.topicKey) : []),
    editing ? pairedAs(deps.db, editing) : Promise.resolve(undefined),
  ]);
  const { draft } = s;
  const problems = signupProblems(draft, {
    selfSlackId: s.slackUserId,
    catalogueKeys: topics.map((t) => t.key),
    deadlinePassed: refusal?.reason === 'deadline_passed',
    isKnownTimezone: isIanaTimeZone,
    ...(paired ? { paired } : {}),
  });
  if (hasProblems(problems)) return invalid(problems);

  // signupProblems guarantees these are present.
  const role = draft.role!;
  const seniorityLevel = draft.seniorityLevel!;
  const capacity = role === 'mentor' ? draft.capacity! : 1;
  const record = {
    programmeId: programme.id,
    slackUserId: s.slackUserId,
    displayName: s.displayName || existing?.displayName || s.handle,
    title: draft.title,
    role,
    seniorityLevel,
    careerStage: seniorityLabel(seniorityLevel),
    generation: draft.generation ?? '',
    department: draft.department,
    managerSlackId: draft.managerSlackId ?? null,
    teaches: draft.teaches,
    learns: draft.learns,
    goals: draft.goals,
    meetingPreference: draft.meetingPreference!,
    capacity,
    avoidSlackIds: draft.avoidSlackIds,
    timezone: draft.timezone!,
  };
  await saveSignup(
    deps.db,
    record,
    (joined) => ({
      kind: joined ? 'signup.confirmation' : 'signup.updated',
      to: { users: [s.slackUserId] },
      ...signupConfirmation({
        created: joined,
        programmeName: programme.name,
        signupDeadline: isoDateOf(programme.signupDeadline),
        startDate: isoDateOf(programme.startDate),
        role,
        seniorityLevel,
        generation: record.generation,
        department: record.department,
        teaches: record.teaches,
        learns: record.learns,
        meetingPreference: record.meetingPreference,
        capacity,
        avoidCount: record.avoidSlackIds.length,
        timezone: record.timezone,
        topics,
      }),
    }),
    s.viewId,
    deps.clock.now(),
  );
  return done(undefined);
}
