// Logging a check-in from the buttons on its nudge: "We met", "Not this time", "Scheduled for...". Each
// finds the check-in, checks the person who clicked is in the pair, and closes or plans it with a
// compare-and-set, so a double click or Slack's retry of the same payload does nothing twice.
import { done, refused, type Outcome } from '../../core/outcome.js';
import {
  dueAfterMeeting,
  dueAfterSkipping,
  nextCheckIn,
  CHECK_IN_MINUTES,
  nudgeAfterPlannedDay,
  plannedDayOf,
  planningWindow,
} from '../../domain/schedule/index.js';
import { checkInRefusalText, metThanks, skippedNote, type CheckInRefusal } from '../../messages/checkIns.js';
import { cancellationMessage, invitationMessage, type InvitationInput } from '../../messages/invitations.js';
import {
  closeCheckIn,
  findCheckIn,
  OPEN_STATUSES,
  scheduleCheckIn,
  type CheckInWithPair,
  type PairContext,
} from '../../store/checkIns.js';
import type { Db } from '../../store/database.js';
import { promptsAfterMeeting } from '../feedback/prompts.js';
import { peopleOf } from './pairPeople.js';
import { afterPairAction } from '../delivery.js';
import type { OutgoingMessage } from '../../messages/outgoing.js';

/** The clicker's own messages at once; the partner's (and the group DM's) in their working hours. */
const timed = (p: PairContext, click: CheckInClick, messages: OutgoingMessage[], now: Date) =>
  afterPairAction(p, click.slackUserId, messages, now);

export type CheckInOutcome<T = void> = Outcome<T, CheckInRefusal>;

/** Who clicked, and on what: the check-in id comes from the button's value or, for a date picker or a select, its block. */
export interface CheckInClick {
  checkInId: string | undefined;
  slackUserId: string;
}

const refuse = (reason: CheckInRefusal, window?: { today: string; lastDay: string; zone: string }) =>
  refused(reason, checkInRefusalText(reason, window));

export const isMember = (p: PairContext, slackUserId: string): boolean =>
  p.mentor.slackUserId === slackUserId || p.mentee.slackUserId === slackUserId;

/** The check-in, if the person who clicked is in its pair and the pair has not ended. */
export async function checkInFor(db: Db, click: CheckInClick): Promise<CheckInOutcome<CheckInWithPair>> {
  const c = click.checkInId ? await findCheckIn(db, click.checkInId) : null;
  if (!c) return refuse('not_found');
  if (!isMember(c.pairing, click.slackUserId)) return refuse('not_member');
  if (c.pairing.status === 'ended' || c.pairing.status === 'draft') return refuse('ended');
  return done(c);
}

const alreadyClosed = (status: string): CheckInRefusal =>
  status === 'met' ? 'already_met' : status === 'skipped' ? 'already_skipped' : 'already_missed';

/** The check-in, still open: a double click, Slack's retry or a stale message gets told what happened instead. */
async function openCheckInFor(db: Db, click: CheckInClick): Promise<CheckInOutcome<CheckInWithPair>> {
  const found = await checkInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  return (OPEN_STATUSES as readonly string[]).includes(c.status) ? found : refuse(alreadyClosed(c.status));
}

/**
 * "We met": the check-in is closed as met and the next one opens a cadence later (none after the
 * programme's end); each member gets a thank-you and a private feedback prompt, whose request is written
 * in the same transaction as the meeting.
 */
export async function logMeeting(db: Db, click: CheckInClick, now: Date): Promise<CheckInOutcome> {
  const found = await openCheckInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  const p = c.pairing;
  const nextDue = dueAfterMeeting(p, now);
  const feedback = promptsAfterMeeting(p, c, now);
  const messages = timed(
    p,
    click,
    [...metThanks(peopleOf(p), c.id, c.sequence, click.slackUserId, nextDue), ...feedback.messages],
    now,
  );
  const closed = await closeCheckIn(
    db,
    c,
    { status: 'met', metAt: now, loggedBySlackId: click.slackUserId },
    nextCheckIn(p, nextDue),
    messages,
    feedback.requests,
  );
  return closed ? done(undefined) : refuse('already_met');
}

/** "Not this time": the check-in is closed as skipped and the next one opens a whole number of cadences later. */
export async function skipCheckIn(db: Db, click: CheckInClick, now: Date): Promise<CheckInOutcome> {
  const found = await openCheckInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  const p = c.pairing;
  const nextDue = dueAfterSkipping(p, c, now);
  // A meeting they had put in their calendars: the cancellation takes it out (a higher SEQUENCE, same UID).
  const cancel =
    c.invitationSequence !== null && c.scheduledFor ? invitation(c, c.scheduledFor, c.invitationSequence + 1, click, now) : null;
  const closed = await closeCheckIn(
    db,
    c,
    { status: 'skipped', ...(cancel ? { invitationSequence: cancel.invitationSequence } : {}) },
    nextCheckIn(p, nextDue),
    timed(
      p,
      click,
      [...skippedNote(peopleOf(p), c.id, click.slackUserId, nextDue), ...(cancel ? cancellationMessage(cancel) : [])],
      now,
    ),
  );
  return closed ? done(undefined) : refuse('already_skipped');
}

function invitation(
  c: CheckInWithPair,
  start: Date,
  invitationSequence: number,
  click: CheckInClick,
  now: Date,
): InvitationInput {
  const p = c.pairing;
  return {
    pair: peopleOf(p),
    zones: { mentor: p.mentor.timezone, mentee: p.mentee.timezone },
    checkInId: c.id,
    sequence: c.sequence,
    start,
    end: new Date(start.getTime() + CHECK_IN_MINUTES * 60_000),
    invitationSequence,
    by: click.slackUserId,
    now,
  };
}

/**
 * "Scheduled for...": the pair picked a day and a time (Slack's datetimepicker: `selected_date_time`, UNIX seconds),
 * from now to the programme's last day. No reminder before that day; both get a calendar invitation (.ics) in their
 * group DM, with both local times; a reschedule sends the same event with a higher SEQUENCE.
 */
export async function scheduleMeeting(
  db: Db,
  click: CheckInClick,
  unixSeconds: number | undefined,
  now: Date,
): Promise<CheckInOutcome> {
  const found = await openCheckInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  const p = c.pairing;
  const window = planningWindow(p, now);
  if (unixSeconds === undefined || !Number.isSafeInteger(unixSeconds) || unixSeconds <= 0) return refuse('not_a_date');
  const at = new Date(unixSeconds * 1000);
  const day = plannedDayOf(p, at)!;
  if (day < window.today || day > window.lastDay) return refuse('date_out_of_range', { ...window, zone: p.mentee.timezone });
  if (at < now) return refuse('time_passed');
  const sequence = c.invitationSequence === null ? 0 : c.invitationSequence + 1;
  await scheduleCheckIn(
    db,
    c,
    at,
    nudgeAfterPlannedDay(p, day, c.remindersSent),
    timed(p, click, invitationMessage(invitation(c, at, sequence, click, now)), now),
  );
  return done(undefined);
}
