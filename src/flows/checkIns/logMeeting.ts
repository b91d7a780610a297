// Logging a check-in from the buttons on its nudge: "We met", "Not this time", "Scheduled for...". Each
// finds the check-in, checks the person who clicked is in the pair, and closes or plans it with a
// compare-and-set, so a double click or Slack's retry of the same payload does nothing twice.
import { done, refused, type Outcome } from '../../core/outcome.js';
import {
  dueAfterMeeting,
  dueAfterSkipping,
  nextCheckIn,
  nudgeAfterPlannedDay,
  planningWindow,
} from '../../domain/schedule/index.js';
import { checkInRefusalText, metThanks, scheduledNote, skippedNote, type CheckInRefusal } from '../../messages/checkIns.js';
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
import { isUsableDate } from '../../domain/inputs.js';
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

const refuse = (reason: CheckInRefusal, window?: { today: string; lastDay: string }) =>
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
  const closed = await closeCheckIn(
    db,
    c,
    { status: 'skipped' },
    nextCheckIn(p, nextDue),
    timed(p, click, skippedNote(peopleOf(p), c.id, click.slackUserId, nextDue), now),
  );
  return closed ? done(undefined) : refuse('already_skipped');
}

/** "Scheduled for...": the pair planned a day (today to the programme's last day); no reminder before it. */
export async function scheduleMeeting(db: Db, click: CheckInClick, date: string | undefined, now: Date): Promise<CheckInOutcome> {
  const found = await openCheckInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  const p = c.pairing;
  const window = planningWindow(p, now);
  if (date !== undefined && !isUsableDate(date)) return refuse('not_a_date');
  if (!date || date < window.today || date > window.lastDay) return refuse('date_out_of_range', window);
  const nextNudgeAt = nudgeAfterPlannedDay(p, date, c.remindersSent);
  await scheduleCheckIn(
    db,
    c.id,
    new Date(`${date}T00:00:00.000Z`),
    nextNudgeAt,
    timed(p, click, scheduledNote(peopleOf(p), c.id, date, click.slackUserId), now),
  );
  return done(undefined);
}
