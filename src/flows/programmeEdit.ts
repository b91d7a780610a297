// Editing a programme after it opened (/rm-admin edit, App Home's "Edit programme"): the opening form's rules and
// what the phase allows; the effects (pairs that kept the default cadence follow a new one, a new end date moves
// the wrap-up, the final survey and the check-ins, a new deadline reopens or closes signup, topics added or retired)
// and the record of who changed what, all in one transaction.
import { createHash } from 'node:crypto';
import { dateOnly, isoDateOf, localDate } from '../core/localDate.js';
import { done, refused, type Done, type Outcome } from '../core/outcome.js';
import {
  changesOutsidersHome,
  endDateOfDraft,
  programmeEditProblems,
  settingChanges,
  topicPlan,
  type EditField,
  type ProgrammeEdit,
  type ProgrammeSettings,
} from '../domain/programmeEdits.js';
import { hasProblems, invalid, type Invalid } from '../domain/problems.js';
import { programmePhase } from '../domain/programmes.js';
import { dueAfterUnmet, nudgeAt, receiversOf, todayFor } from '../domain/schedule/index.js';
import { editRefusalText, type EditRefusal } from '../messages/programmes/programmeChanges.js';
import type { ProgrammeEditState } from '../messages/programmes/programmeEditModal.js';
import type { Db } from '../store/database.js';
import {
  applyProgrammeEdit,
  editRecorded,
  pairsWithoutOpenCheckIn,
  participantSlackIds,
  programmeWithCatalogue,
} from '../store/programmeEdits.js';
import { homeViewers } from '../store/home.js';
import { coordinates, coordinatorsOfProgrammes } from './coordinators.js';
import { settingsOfDraft, type ProgrammeDeps } from './programmes.js';

const refuse = (reason: EditRefusal) => refused(reason, editRefusalText(reason));

type Stored = NonNullable<Awaited<ReturnType<typeof programmeWithCatalogue>>>;

function settingsOf({ programme: p, topics }: Stored): ProgrammeSettings {
  return {
    draft: {
      name: p.name,
      startDate: isoDateOf(p.startDate),
      durationMonths: p.durationMonths,
      cadenceDays: p.cadenceDays,
      minSeniorityGap: p.minSeniorityGap,
      objectives: p.objectives,
      signupDeadline: isoDateOf(p.signupDeadline),
      ...(p.announcementChannel ? { announcementChannel: p.announcementChannel } : {}),
    },
    topics,
  };
}

/** The settings a form showed, in 16 hex digits: another edit saved since changes it. */
const fingerprint = (s: ProgrammeSettings): string => createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);

export interface EditFormData extends ProgrammeSettings {
  timezone: string;
  state: ProgrammeEditState;
}

/** What the edit modal shows: the stored settings, and the version they are (for the stale check on submit). */
export async function programmeEditForm(
  deps: ProgrammeDeps,
  programmeId: string,
  coordinatorId: string,
): Promise<Outcome<EditFormData, EditRefusal>> {
  if (!(await coordinates(deps, coordinatorId, programmeId))) return refuse('not_coordinator');
  const stored = await programmeWithCatalogue(deps.db, programmeId);
  if (!stored) return refuse('missing');
  if (stored.programme.status === 'closed') return refuse('closed');
  return done({
    ...settingsOf(stored),
    timezone: stored.programme.timezone,
    state: { programmeId, version: fingerprint(settingsOf(stored)) },
  });
}

/**
 * Applies an edit from the modal. `viewId` names the submission: Slack's retry or a double click records one change.
 * Refused when someone saved another edit since the modal opened (it would silently undo theirs).
 */
export async function editProgramme(
  deps: ProgrammeDeps,
  input: {
    coordinatorId: string;
    viewId: string;
    state: ProgrammeEditState;
    form: Done<ProgrammeEdit> | Invalid<EditField>;
  },
): Promise<Outcome<EditSaved, EditRefusal> | Invalid<EditField>> {
  const { coordinatorId, viewId, state, form } = input;
  if (!(await coordinates(deps, coordinatorId, state.programmeId))) return refuse('not_coordinator');
  if (await editRecorded(deps.db, viewId)) return done(NOTHING_SAVED);
  if (!form.ok) return form;
  const stored = await programmeWithCatalogue(deps.db, state.programmeId);
  if (!stored) return refuse('missing');
  const p = stored.programme;
  if (p.status === 'closed') return refuse('closed');
  if (fingerprint(settingsOf(stored)) !== state.version) return refuse('stale');

  const now = deps.clock.now();
  const today = localDate(now, p.timezone);
  const current = settingsOf(stored);
  const edit = form.value;
  const problems = programmeEditProblems(current, edit, today, programmePhase(p, today));
  if (hasProblems(problems)) return invalid(problems);
  const plan = topicPlan(current.topics, edit);
  const changes = settingChanges(current, edit, plan);
  if (changes.length === 0) return done(NOTHING_SAVED);

  const draft = edit.draft;
  const oldEnd = isoDateOf(p.endDate);
  const newEnd = endDateOfDraft(draft);
  const newDefaultCadence = draft.cadenceDays !== p.cadenceDays ? draft.cadenceDays : undefined;
  const settings = settingsOfDraft(draft, newEnd);
  const result = await applyProgrammeEdit(deps.db, {
    programmeId: p.id,
    version: p.updatedAt,
    editKey: viewId,
    by: coordinatorId,
    now,
    settings,
    ...(newDefaultCadence !== undefined ? { newDefaultCadence } : {}),
    ...(newEnd < oldEnd ? { cancelCheckInsFrom: dateOnly(newEnd) } : {}),
    resumedCheckIns: newEnd > oldEnd ? await resumedSeries(deps.db, p.id, newEnd, now, newDefaultCadence) : [],
    topics: plan,
    changes,
  });
  if (result === 'stale' || result === 'closed') return refuse(result);
  if (result !== 'applied') return done(NOTHING_SAVED);
  return done({ changes: changes.length, outsidersSeeIt: changesOutsidersHome(p, { ...p, ...settings }, today) });
}

/**
 * What a saved edit changed: how many settings, and whether the Home of people outside the programme shows it (it
 * opened or closed signup). A retry, a double click or an edit that changed nothing saved nothing.
 */
export interface EditSaved {
  changes: number;
  outsidersSeeIt: boolean;
}
const NOTHING_SAVED: EditSaved = { changes: 0, outsidersSeeIt: false };

/**
 * Everyone whose App Home shows the programme, to publish it again after an edit: the editor first, then its
 * coordinators (its own and the admins of all) and its participants, once each.
 */
export async function homeAudience(deps: ProgrammeDeps, programmeId: string, editor: string): Promise<string[]> {
  const [coordinatorsOf, participants] = await Promise.all([
    coordinatorsOfProgrammes(deps, [programmeId]),
    participantSlackIds(deps.db, programmeId),
  ]);
  return [...new Set([editor, ...coordinatorsOf(programmeId), ...participants])];
}

/**
 * The people outside the programme whose App Home to publish again after an edit that opened or closed signup:
 * everyone who has opened the Home tab (Slack keeps showing them the Home last published), but those in `audience`
 * (published already). Their Home shows the count of programmes open for signup.
 */
export async function outsidersWithHome(deps: ProgrammeDeps, audience: readonly string[]): Promise<string[]> {
  const inside = new Set(audience);
  return (await homeViewers(deps.db)).filter((u) => !inside.has(u));
}

/**
 * A pair's series stops at the end date (no check-in is due on or after it). A later end date gives the pairs whose
 * series had stopped their next check-in: a whole number of cadences after the last one, not before today.
 */
async function resumedSeries(db: Db, programmeId: string, newEnd: string, now: Date, newDefaultCadence?: number) {
  const pairs = await pairsWithoutOpenCheckIn(db, programmeId);
  return pairs.flatMap((p) => {
    const last = p.checkIns[0];
    if (!last) return [];
    const cadence = newDefaultCadence !== undefined && !p.cadenceChosen ? newDefaultCadence : p.cadenceDays;
    const due = dueAfterUnmet(isoDateOf(last.dueAt), cadence, todayFor(p, now), newEnd);
    if (due === null) return [];
    return [{ pairingId: p.id, sequence: last.sequence + 1, dueAt: dateOnly(due), nextNudgeAt: nudgeAt(due, receiversOf(p)) }];
  });
}
