// Signup: an employee joins an open programme (or edits their profile) through the signup modal.
import type { Clock } from '../core/clock.js';
import { isIanaTimeZone, isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Done, type Refused } from '../core/outcome.js';
import type { Config } from '../config.js';
import { seniorityLabel } from '../domain/people.js';
import { hasProblems, invalid, type Invalid } from '../domain/problems.js';
import { signupProblems, type SignupDraft, type SignupField } from '../domain/signup.js';
import { findProgramme, listOpenProgrammes, programmeTopics } from '../store/programmes.js';
import { findProfile, saveSignup } from '../store/signup.js';
import type { SignupModalModel, SignupPrefill } from '../messages/signup/signupModal.js';
import { signupConfirmation } from '../messages/signup/signupConfirmation.js';
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
}

/** The programme is not open for signup (closed, or gone). */
export type SignupClosed = Refused<'closed'>;
/** Signup closed on its deadline; only existing participants may still edit their profile. */
export type DeadlinePassed = Refused<'deadline_passed'>;

const closed = (): SignupClosed => refused('closed', signupRefusalText({ reason: 'closed' }));

export interface OpenProgramme {
  id: string;
  name: string;
  signupDeadline: string;
}

export async function openProgrammes(deps: Pick<SignupDeps, 'db'>): Promise<OpenProgramme[]> {
  const open = await listOpenProgrammes(deps.db);
  return open.map((p) => ({ id: p.id, name: p.name, signupDeadline: isoDateOf(p.signupDeadline) }));
}

const deadlinePassed = (deps: SignupDeps, programme: { timezone: string; signupDeadline: Date }) =>
  localDate(deps.clock.now(), programme.timezone) > isoDateOf(programme.signupDeadline);

/**
 * The signup modal for a programme: prefilled from the person's profile when they edit it, else from Slack
 * (`fromSlack` is only called then).
 */
export async function signupForm(
  deps: SignupDeps,
  programmeId: string,
  slackUserId: string,
  fromSlack: () => Promise<SlackProfile>,
): Promise<Done<SignupModalModel> | SignupClosed | DeadlinePassed> {
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme || programme.status !== 'open') return closed();
  const [existing, topics] = await Promise.all([
    findProfile(deps.db, programmeId, slackUserId),
    programmeTopics(deps.db, programmeId),
  ]);
  const signupDeadline = isoDateOf(programme.signupDeadline);
  if (!existing && deadlinePassed(deps, programme))
    return refused(
      'deadline_passed',
      signupRefusalText({ reason: 'deadline_passed', programmeName: programme.name, signupDeadline }),
    );
  const editing = existing && !existing.erasedAt ? existing : undefined;
  let prefill: SignupPrefill;
  if (editing) {
    prefill = {
      role: editing.role,
      title: editing.title,
      seniorityLevel: editing.seniorityLevel,
      generation: editing.generation || undefined,
      department: editing.department,
      managerSlackId: editing.managerSlackId ?? undefined,
      teaches: editing.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey),
      learns: editing.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey),
      goals: editing.goals,
      meetingPreference: editing.meetingPreference,
      capacity: editing.capacity,
      avoidSlackIds: editing.avoid.map((a) => a.avoidSlackUserId),
      timezone: editing.timezone,
    };
  } else {
    const profile = await fromSlack();
    prefill = { title: profile.title, timezone: profile.tz && isIanaTimeZone(profile.tz) ? profile.tz : deps.config.timezone };
  }
  return done({ programmeId, programmeName: programme.name, signupDeadline, topics, prefill, editingParticipantId: editing?.id });
}

export interface SignupSubmission {
  programmeId: string | undefined;
  slackUserId: string;
  displayName: string;
  draft: SignupDraft;
  /** the modal's view id: submitting the same modal twice writes one profile and one DM */
  viewId: string;
}

/** Saves a signup or a profile edit, with the DM that confirms it, in one transaction. */
export async function submitSignup(
  deps: SignupDeps,
  s: SignupSubmission,
): Promise<Done<void> | SignupClosed | Invalid<SignupField>> {
  const programme = s.programmeId ? await findProgramme(deps.db, s.programmeId) : null;
  if (!programme || programme.status !== 'open') return closed();
  const [existing, topics] = await Promise.all([
    findProfile(deps.db, programme.id, s.slackUserId),
    programmeTopics(deps.db, programme.id),
  ]);
  const { draft } = s;
  const isNew = !existing || existing.erasedAt !== null;
  const problems = signupProblems(draft, {
    selfSlackId: s.slackUserId,
    catalogueKeys: topics.map((t) => t.key),
    deadlinePassed: isNew && deadlinePassed(deps, programme),
    isKnownTimezone: isIanaTimeZone,
  });
  if (hasProblems(problems)) return invalid(problems);

  // signupProblems guarantees these are present.
  const role = draft.role!;
  const seniorityLevel = draft.seniorityLevel!;
  const capacity = role === 'mentor' ? draft.capacity! : 1;
  const record = {
    programmeId: programme.id,
    slackUserId: s.slackUserId,
    displayName: s.displayName,
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
    (created) => ({
      kind: created ? 'signup.confirmation' : 'signup.updated',
      to: { users: [s.slackUserId] },
      ...signupConfirmation({
        created,
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
  );
  return done(undefined);
}
