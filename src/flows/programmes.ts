// Programmes: a coordinator opens one (the programme modal) and, when it is over, closes it.
import { createHash } from 'node:crypto';
import { addDays, addMonths } from '../core/calendar.js';
import type { Clock } from '../core/clock.js';
import { dateOnly, localDate } from '../core/localDate.js';
import { done, refused, type Done, type Outcome, type Refused } from '../core/outcome.js';
import type { Config } from '../config.js';
import { invalid, hasProblems, type Invalid } from '../domain/problems.js';
import { programmeProblems, type ProgrammeDraft, type ProgrammeField } from '../domain/programmes.js';
import { afterActionBy, afterPairAction } from './delivery.js';
import { closeProgramme as closeStored, closingPreview as storedPreview, type ClosingSummary } from '../store/programmes.js';
import { createProgramme, findProgramme, type ProgrammeSettings } from '../store/programmes.js';
import { closeRefusalText, closingMessages } from '../messages/programmes/programmeClosed.js';
import { coordinatorOnlyReply } from '../messages/common/commandReplies.js';
import { notCoordinatorProgrammeText } from '../messages/programmes/programmeModal.js';
import { programmeOpenedMessages } from '../messages/programmes/programmeOpened.js';
import { programmeChoiceText, type ProgrammeChoiceRefusal } from '../messages/programmes/programmeChoice.js';
import { visibleProgrammes } from '../domain/access.js';
import { matchableProgrammes } from '../store/matching.js';
import {
  coordinatorAccess,
  isCoordinator,
  mayCoordinateProgramme,
  type CoordinatorDeps,
  type ProgrammeAccessRefusal,
  type ProgrammeRef,
} from './coordinators.js';

export interface ProgrammeDeps extends CoordinatorDeps {
  config: Pick<Config, 'coordinators' | 'timezone'>;
  clock: Clock;
}

export type NotCoordinator = 'not_coordinator';

/** The programme modal's first values: it starts in four weeks, signup closes in two. */
export function programmeModalDefaults(deps: Pick<ProgrammeDeps, 'config' | 'clock'>) {
  const timezone = deps.config.timezone;
  const today = localDate(deps.clock.now(), timezone);
  return { startDate: addDays(today, 28), signupDeadline: addDays(today, 14), timezone };
}

/** The settings the programme form sets, as stored; `endDate` (YYYY-MM-DD) is computed by the caller. */
export function settingsOfDraft(draft: ProgrammeDraft, endDate: string): ProgrammeSettings {
  return {
    name: draft.name,
    startDate: dateOnly(draft.startDate),
    endDate: dateOnly(endDate),
    durationMonths: draft.durationMonths,
    cadenceDays: draft.cadenceDays,
    minSeniorityGap: draft.minSeniorityGap,
    objectives: draft.objectives,
    signupDeadline: dateOnly(draft.signupDeadline),
    announcementChannel: draft.announcementChannel ?? null,
  };
}

/**
 * Opens a programme for signup from the modal's values (as read from the form), with its announcement, in one transaction.
 * `viewId` names the modal: a double click or a Slack retry opens one programme.
 */
export async function openProgramme(
  deps: ProgrammeDeps,
  input: { coordinatorId: string; viewId: string; form: Done<ProgrammeDraft> | Invalid<ProgrammeField> },
): Promise<Outcome<{ programmeId: string }, NotCoordinator> | Invalid<ProgrammeField>> {
  const { coordinatorId, viewId, form } = input;
  // The right first: someone who may not open a programme learns that before anything about the form.
  if (!(await isCoordinator(deps, coordinatorId))) return refused('not_coordinator', notCoordinatorProgrammeText);
  if (!form.ok) return form;
  const draft = form.value;
  const timezone = deps.config.timezone;
  const problems = programmeProblems(draft, localDate(deps.clock.now(), timezone));
  if (hasProblems(problems)) return invalid(problems);
  const id = `prog-${createHash('sha256').update(viewId).digest('hex').slice(0, 10)}`;
  const programme = {
    id,
    ...settingsOfDraft(draft, addMonths(draft.startDate, draft.durationMonths)),
    timezone,
    createdBySlackId: coordinatorId,
  };
  // The coordinator's confirmation at once; the channel's announcement in the programme's working hours.
  const messages = programmeOpenedMessages({ ...draft, id, coordinatorId, timezone });
  await createProgramme(
    deps.db,
    programme,
    afterActionBy(coordinatorId, messages, deps.clock.now(), () => timezone, timezone),
  );
  return done({ programmeId: id });
}

/** What closing would do, for the confirmation a coordinator sees first. */
export async function closingPreview(
  deps: Pick<ProgrammeDeps, 'db'>,
  programmeId: string,
): Promise<Outcome<ClosingSummary, 'already_closed'>> {
  const preview = await storedPreview(deps.db, programmeId);
  return preview ? done(preview) : refused('already_closed', closeRefusalText('already_closed'));
}

/**
 * Closes a programme: its running pairs end and are thanked, nudges and surveys stop, the coordinator gets a
 * note. A double click closes it once.
 */
export async function closeProgramme(
  deps: ProgrammeDeps,
  programmeId: string,
  coordinatorId: string,
): Promise<Outcome<ClosingSummary, ProgrammeAccessRefusal | 'missing' | 'already_closed'>> {
  // The right first: someone who coordinates nothing learns nothing about the programme.
  if (!(await isCoordinator(deps, coordinatorId)))
    return refused('not_coordinator', coordinatorOnlyReply('/rm-admin close').text);
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme) return refused('missing', closeRefusalText('missing'));
  const may = await mayCoordinateProgramme(deps, coordinatorId, programme, '/rm-admin close');
  if (!may.ok) return may;
  const now = deps.clock.now();
  // The coordinator's note answers them at once; each pair's thank-you waits for a time that suits the pair.
  const summary = await closeStored(deps.db, programmeId, now, (s, pairs) =>
    closingMessages(coordinatorId)(s, pairs).flatMap((m) => {
      const pair = pairs.find((p) => p.pairingId === m.metadata?.pairing_id);
      return pair ? afterPairAction(pair, coordinatorId, [m], now) : [m];
    }),
  );
  if (summary) return done(summary);
  const reason = (await findProgramme(deps.db, programmeId)) ? 'already_closed' : 'missing';
  return refused(reason, closeRefusalText(reason));
}

/** A command that could mean several programmes: the choice to offer. */
export interface ProgrammeChoice extends Refused<'ambiguous'> {
  choices: ProgrammeRef[];
}

export type ProgrammeMeant =
  Done<ProgrammeRef> | Refused<Exclude<ProgrammeChoiceRefusal, 'ambiguous'> | ProgrammeAccessRefusal> | ProgrammeChoice;

/**
 * Which programme a coordinator command means, among the open ones this coordinator may act on: named (by id or
 * name, any case) in its words, or the only one. Refused when there is none, when the name matches none, when it
 * names someone else's programme, or (with the choices to offer) when several could be meant.
 */
export async function programmeMeant(
  deps: CoordinatorDeps,
  slackUserId: string,
  words: string[],
  verb: string,
): Promise<ProgrammeMeant> {
  const all = await matchableProgrammes(deps.db);
  const access = await coordinatorAccess(deps, slackUserId);
  const mine = visibleProgrammes(access, all);
  const names = mine.map((p) => p.name);
  const wanted = words.join(' ').trim();
  const refuse = <R extends ProgrammeChoiceRefusal>(reason: R) =>
    refused(reason, programmeChoiceText({ reason, wanted, names, verb }));
  if (wanted) {
    const key = wanted.toLowerCase();
    const found = all.find((p) => p.id.toLowerCase() === key) ?? all.find((p) => p.name.toLowerCase() === key);
    if (!found) return mine.length === 0 && all.length === 0 ? refuse('no_programmes') : refuse('unknown');
    const may = await mayCoordinateProgramme(deps, slackUserId, found);
    return may.ok ? done(found) : may;
  }
  if (mine.length === 0) return refuse('no_programmes');
  if (mine.length === 1) return done(mine[0]!);
  return { ...refuse('ambiguous'), choices: mine };
}
