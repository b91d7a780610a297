// Buttons on a check-in nudge. Each listener acks first, parses with zod, and changes state with a
// compare-and-set, so a double click or Slack's retry of the same payload does nothing twice.
import { z } from 'zod';
import { addDays } from '../../../core/calendar.js';
import { formatDate, isoDateOf } from '../../../core/localDate.js';
import { CADENCE_CHOICES, MAX_NUDGES, nudgeInstant } from '../../../domain/schedule/index.js';
import { promptsAfterMeeting } from '../../../jobs/feedback.js';
import { dueAfterMeeting, dueAfterSkipping, nextCheckIn, peopleOf, receiversOf, todayFor } from '../../../jobs/checkIns.js';
import { closeCheckIn, findCheckIn, findPairing, OPEN_STATUSES, scheduleCheckIn, setCadence, setPairingStatus, type CheckInWithPair, type PairContext } from '../../../store/checkIns.js';
import type { ListenerDeps } from '../kit/deps.js';
import { onButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';
import {
  cadenceNote, CHECKIN_ACTIONS, CHECKIN_BLOCK_PREFIX, metThanks, pausedNote, resumedNote, scheduledNote, skippedNote,
} from '../../../messages/checkIns.js';

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

/** A handler answers with a private note for the person who clicked when the click did nothing. */
type Handler = (click: Click, deps: ListenerDeps) => Promise<string | undefined>;

const isMember = (p: PairContext, user: string) => p.mentor.slackUserId === user || p.mentee.slackUserId === user;

const NOT_FOUND = 'I could not find this check-in any more. Nothing was changed.';
const NOT_MEMBER = 'Only the two people of this pair can use these buttons. Nothing was changed.';
const ENDED = 'This pair has ended: there is nothing more to log. Nothing was changed.';

/** The check-in this element belongs to (button value, or the block id for a date picker or a select), if the user is in the pair. */
async function checkInFor(click: Click, deps: ListenerDeps): Promise<CheckInWithPair | string> {
  const fromBlock = click.action.block_id?.startsWith(CHECKIN_BLOCK_PREFIX) ? click.action.block_id.slice(CHECKIN_BLOCK_PREFIX.length) : undefined;
  const id = click.action.value ?? fromBlock;
  const c = id ? await findCheckIn(deps.db, id) : null;
  if (!c) return NOT_FOUND;
  if (!isMember(c.pairing, click.user)) return NOT_MEMBER;
  if (c.pairing.status === 'ended' || c.pairing.status === 'draft') return ENDED;
  return c;
}

/** The check-in, still open: a double click, Slack's retry or a stale message gets told what happened instead. */
async function openCheckInFor(click: Click, deps: ListenerDeps): Promise<CheckInWithPair | string> {
  const c = await checkInFor(click, deps);
  if (typeof c === 'string') return c;
  return (OPEN_STATUSES as readonly string[]).includes(c.status) ? c : alreadyClosed(c.status);
}

const alreadyClosed = (status: string) => `This check-in is already logged as ${status === 'met' ? 'met' : status === 'skipped' ? 'skipped' : 'missed'}. Nothing was changed.`;

const met: Handler = async (click, deps) => {
  const c = await openCheckInFor(click, deps);
  if (typeof c === 'string') return c;
  const now = deps.clock.now();
  const p = c.pairing;
  const nextDue = dueAfterMeeting(p, now);
  // Each member's private feedback prompt and its request go in the same transaction as the meeting.
  const feedback = promptsAfterMeeting(p, c, now);
  const messages = [...metThanks(peopleOf(p), c.id, c.sequence, click.user, nextDue), ...feedback.messages];
  const done = await closeCheckIn(deps.db, c, { status: 'met', metAt: now, loggedBySlackId: click.user }, nextCheckIn(p, nextDue), messages, feedback.requests);
  return done ? undefined : alreadyClosed('met');
};

const skip: Handler = async (click, deps) => {
  const c = await openCheckInFor(click, deps);
  if (typeof c === 'string') return c;
  const p = c.pairing;
  const nextDue = dueAfterSkipping(p, c, deps.clock.now());
  const done = await closeCheckIn(deps.db, c, { status: 'skipped' }, nextCheckIn(p, nextDue), skippedNote(peopleOf(p), c.id, click.user, nextDue));
  return done ? undefined : alreadyClosed('skipped');
};

const scheduled: Handler = async (click, deps) => {
  const c = await openCheckInFor(click, deps);
  if (typeof c === 'string') return c;
  const date = click.action.selected_date;
  const p = c.pairing;
  const today = todayFor(p, deps.clock.now());
  const lastDay = addDays(isoDateOf(p.programme.endDate), -1);
  if (!date || date < today || date > lastDay) {
    return `Please pick a day from today (${formatDate(today)}) to the programme's last day (${formatDate(lastDay)}). Nothing was changed.`;
  }
  // No reminder before the planned day; the day after it, one asks whether they met (if any reminder is left).
  const nextNudgeAt = c.remindersSent < MAX_NUDGES ? nudgeInstant(addDays(date, 1), receiversOf(p)) : null;
  await scheduleCheckIn(deps.db, c.id, new Date(`${date}T00:00:00.000Z`), nextNudgeAt, scheduledNote(peopleOf(p), c.id, date, click.user));
  return undefined;
};

const cadence: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  if (typeof c === 'string') return c;
  const days = Number(click.action.selected_option?.value);
  if (!(CADENCE_CHOICES as readonly number[]).includes(days)) return `Please pick a cadence from the list (every ${CADENCE_CHOICES.map((d) => d / 7).join(', ')} weeks). Nothing was changed.`;
  await setCadence(deps.db, c.pairingId, days, cadenceNote(peopleOf(c.pairing), days, click.user, click.requestKey));
  return undefined;
};

const pause: Handler = async (click, deps) => {
  const c = await checkInFor(click, deps);
  if (typeof c === 'string') return c;
  if (c.pairing.status === 'paused') return 'Your check-ins are already paused. Nothing was changed.';
  await setPairingStatus(deps.db, c.pairingId, 'active', 'paused', pausedNote(peopleOf(c.pairing), click.user, click.requestKey));
  return undefined;
};

const resume: Handler = async (click, deps) => {
  const p = click.action.value ? await findPairing(deps.db, click.action.value) : null;
  if (!p) return NOT_FOUND;
  if (!isMember(p, click.user)) return NOT_MEMBER;
  if (p.status === 'ended') return ENDED;
  // A pair paused because someone left stays paused until the coordinators rematch.
  if ([p.mentor.status, p.mentee.status].some((s) => s === 'withdrawn' || s === 'departed')) {
    return 'Your partner has left the programme, so check-ins stay paused; the coordinators will be in touch about a new match.';
  }
  if (p.status === 'active') return 'Your check-ins are already running. Nothing was changed.';
  await setPairingStatus(deps.db, p.id, 'paused', 'active', resumedNote(peopleOf(p), click.user, click.requestKey));
  return undefined;
};

const handlers: Record<string, Handler> = {
  [CHECKIN_ACTIONS.met]: met,
  [CHECKIN_ACTIONS.scheduled]: scheduled,
  [CHECKIN_ACTIONS.skip]: skip,
  [CHECKIN_ACTIONS.cadence]: cadence,
  [CHECKIN_ACTIONS.pause]: pause,
  [CHECKIN_ACTIONS.resume]: resume,
};

export function register({ routes, deps }: Listeners): void {
  onButtons(routes, deps, Object.keys(handlers), checkInActionSchema, async (payload, { actionId, respond }) => {
    const action = payload.actions[0];
    if (!action) return;
    const requestKey = `${payload.user.id}:${action.action_ts ?? 'no-ts'}`;
    const note = await handlers[actionId]!({ user: payload.user.id, action, requestKey }, deps);
    // Only the person who clicked sees it (the message's response_url, ephemeral).
    if (note) await respond({ response_type: 'ephemeral', replace_original: false, text: note });
  });
}
