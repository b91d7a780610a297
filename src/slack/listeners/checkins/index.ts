// Buttons on a check-in nudge. Each listener acks first, parses with zod, and changes state with a
// compare-and-set, so a double click or Slack's retry of the same payload does nothing twice.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { addDays } from '../../../domain/calendar.js';
import { isoDateOf } from '../../../domain/localDate.js';
import { CADENCE_CHOICES, MAX_NUDGES, nudgeInstant } from '../../../domain/schedule/index.js';
import { promptsAfterMeeting } from '../../../jobs/feedback.js';
import { dueAfterMeeting, dueAfterSkipping, nextCheckIn, peopleOf, receiversOf, todayFor } from '../../../jobs/checkIns.js';
import { closeCheckIn, findCheckIn, findPairing, scheduleCheckIn, setCadence, setPairingStatus, type CheckInWithPair, type PairContext } from '../../../store/checkIns.js';
import type { ListenerDeps } from '../../deps.js';
import { onButtons } from '../buttons.js';
import {
  cadenceNote, CHECKIN_ACTIONS, CHECKIN_BLOCK_PREFIX, metThanks, pausedNote, resumedNote, scheduledNote, skippedNote,
} from '../../views/checkins/messages.js';

const checkInActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().regex(/^[A-Z0-9]+$/) }),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        selected_option: z.object({ value: z.string() }).optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});
type CheckInAction = z.infer<typeof checkInActionSchema>;
type Action = CheckInAction['actions'][number];

interface Click {
  user: string;
  action: Action;
  /** Identifies this click: Slack's retry and a resend of the same payload carry the same one. */
  requestKey: string;
}

type Handler = (click: Click, deps: ListenerDeps) => Promise<void>;

const isMember = (p: PairContext, user: string) => p.mentor.slackUserId === user || p.mentee.slackUserId === user;

/** The check-in this element belongs to (button value, or the block id for a date picker or a select), if the user is in the pair. */
async function checkInFor(click: Click, deps: ListenerDeps): Promise<CheckInWithPair | undefined> {
  const fromBlock = click.action.block_id?.startsWith(CHECKIN_BLOCK_PREFIX) ? click.action.block_id.slice(CHECKIN_BLOCK_PREFIX.length) : undefined;
  const id = click.action.value ?? fromBlock;
  if (!id) return undefined;
  const c = await findCheckIn(deps.db, id);
  return c && isMember(c.pairing, click.user) ? c : undefined;
}

const met: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  if (!c) return;
  const now = deps.clock.now();
  const p = c.pairing;
  const nextDue = dueAfterMeeting(p, now);
  // Each member's private feedback prompt and its request go in the same transaction as the meeting.
  const feedback = promptsAfterMeeting(p, c, now);
  const messages = [...metThanks(peopleOf(p), c.id, c.sequence, click.user, nextDue), ...feedback.messages];
  await closeCheckIn(deps.db, c, { status: 'met', metAt: now, loggedBySlackId: click.user }, nextCheckIn(p, nextDue), messages, feedback.requests);
};

const skip: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  if (!c) return;
  const p = c.pairing;
  const nextDue = dueAfterSkipping(p, c, deps.clock.now());
  await closeCheckIn(deps.db, c, { status: 'skipped' }, nextCheckIn(p, nextDue), skippedNote(peopleOf(p), c.id, click.user, nextDue));
};

const scheduled: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  const date = click.action.selected_date;
  if (!c || !date) return;
  const p = c.pairing;
  if (date < todayFor(p, deps.clock.now()) || date >= isoDateOf(p.programme.endDate)) {
    deps.logger.info('ignored a check-in date in the past or after the programme');
    return;
  }
  // No reminder before the planned day; the day after it, one asks whether they met (if any reminder is left).
  const nextNudgeAt = c.remindersSent < MAX_NUDGES ? nudgeInstant(addDays(date, 1), receiversOf(p)) : null;
  await scheduleCheckIn(deps.db, c.id, new Date(`${date}T00:00:00.000Z`), nextNudgeAt, scheduledNote(peopleOf(p), c.id, date, click.user));
};

const cadence: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  const days = Number(click.action.selected_option?.value);
  if (!c || !(CADENCE_CHOICES as readonly number[]).includes(days)) return;
  await setCadence(deps.db, c.pairingId, days, cadenceNote(peopleOf(c.pairing), days, click.user, click.requestKey));
};

const pause: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  if (!c) return;
  await setPairingStatus(deps.db, c.pairingId, 'active', 'paused', pausedNote(peopleOf(c.pairing), click.user, click.requestKey));
};

const resume: Handler = async (click, deps) => {
  const p = click.action.value ? await findPairing(deps.db, click.action.value) : null;
  if (!p || !isMember(p, click.user)) return;
  // A pair paused because someone left stays paused until the coordinators rematch.
  if ([p.mentor.status, p.mentee.status].some((s) => s === 'withdrawn' || s === 'departed')) return;
  await setPairingStatus(deps.db, p.id, 'paused', 'active', resumedNote(peopleOf(p), click.user, click.requestKey));
};

const handlers: Record<string, Handler> = {
  [CHECKIN_ACTIONS.met]: met,
  [CHECKIN_ACTIONS.scheduled]: scheduled,
  [CHECKIN_ACTIONS.skip]: skip,
  [CHECKIN_ACTIONS.cadence]: cadence,
  [CHECKIN_ACTIONS.pause]: pause,
  [CHECKIN_ACTIONS.resume]: resume,
};

export function registerCheckIns(app: App, deps: ListenerDeps): void {
  onButtons(app, deps, Object.keys(handlers), checkInActionSchema, async (payload, { actionId }) => {
    const action = payload.actions[0];
    if (!action) return;
    const requestKey = `${payload.user.id}:${action.action_ts ?? 'no-ts'}`;
    await handlers[actionId]!({ user: payload.user.id, action, requestKey }, deps);
  });
}
