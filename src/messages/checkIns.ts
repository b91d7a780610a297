// Check-in messages: nudges with their buttons, confirmations, coordinators' notices, the wrap-up.
// Data in, outbox messages out: no I/O.
import { slackDay } from './common/dates.js';
import { CADENCE_CHOICES } from '../domain/schedule/rules.js';
import type { OutboxTarget, OutgoingMessage } from './outgoing.js';
import { objectivesButton } from './feedback.js';
import { context, escapeText, plain, section, type Block } from './common/text.js';

export const CHECKIN_ACTIONS = {
  met: 'checkin_met',
  scheduled: 'checkin_scheduled',
  skip: 'checkin_skip',
  cadence: 'checkin_cadence',
  pause: 'checkin_pause',
  resume: 'checkin_resume',
} as const;

/** The actions block of a nudge carries the check-in id, so every element (a date picker too) names it. */
export const CHECKIN_BLOCK_PREFIX = 'checkin:';

export interface PairPeople {
  pairingId: string;
  programmeName: string;
  mentor: Member & { timezone: string };
  mentee: Member & { timezone: string };
  groupChannelId: string | null;
}

/** Whose zone a date in a pair's message is written for: one member's own DM, theirs; the group DM, the mentee's. */
function readerZone(p: PairPeople, user?: string): string {
  return user === p.mentor.slackUserId ? p.mentor.timezone : p.mentee.timezone;
}

interface Member {
  slackUserId: string;
  status: string;
}

/** Who may be written to: only active members (never a paused, withdrawn or departed one). */

export function activeMembers(p: { mentor: Member; mentee: Member }): string[] {
  return [p.mentor, p.mentee].filter((m) => m.status === 'active').map((m) => m.slackUserId);
}

/** Both active: their group DM; one: that person's DM; none: nobody. */
export function pairTarget(p: { mentor: Member; mentee: Member; groupChannelId: string | null }): OutboxTarget | undefined {
  const members = activeMembers(p);
  if (members.length === 2) return p.groupChannelId ? { channel: p.groupChannelId } : { users: members };
  return members.length === 1 ? { users: members } : undefined;
}

const cadenceLabel = (days: number) => (days % 7 === 0 ? `every ${days / 7} weeks` : `every ${days} days`);

function nudgeBlocks(checkInId: string, text: string, pairingId?: string): Block[] {
  return [
    section(text),
    context('Scheduled for...? Pick the day and time below: you both get a calendar invitation.'),
    {
      type: 'actions',
      block_id: `${CHECKIN_BLOCK_PREFIX}${checkInId}`,
      elements: [
        { type: 'button', action_id: CHECKIN_ACTIONS.met, text: plain('We met'), style: 'primary', value: checkInId },
        // Slack's datetimepicker has no placeholder: the context line above says what it is for.
        { type: 'datetimepicker', action_id: CHECKIN_ACTIONS.scheduled },
        { type: 'button', action_id: CHECKIN_ACTIONS.skip, text: plain('Not this time'), value: checkInId },
        {
          type: 'static_select',
          action_id: CHECKIN_ACTIONS.cadence,
          placeholder: plain('Change cadence'),
          options: CADENCE_CHOICES.map((d) => ({ text: plain(cadenceLabel(d)), value: String(d) })),
        },
        { type: 'button', action_id: CHECKIN_ACTIONS.pause, text: plain('Pause'), value: checkInId },
        ...(pairingId ? [objectivesButton(pairingId)] : []),
      ],
    },
  ];
}

export interface NudgeInput extends PairPeople {
  checkInId: string;
  sequence: number;
  dueDate: string;
  scheduledFor: string | null;
  /** 1 = the nudge, 2.. = reminders */
  n: number;
  notBefore: Date;
  /** A pair with no working hour in common is nudged in each member's own DM: this member's. Unset: the group DM. */
  recipient?: string;
}

function nudgeText(i: NudgeInput): string {
  const programme = escapeText(i.programmeName);
  const day = (isoDate: string) => slackDay(isoDate, readerZone(i, i.recipient));
  if (i.recipient) {
    const partner = i.recipient === i.mentor.slackUserId ? i.mentee.slackUserId : i.mentor.slackUserId;
    return i.scheduledFor
      ? `Hi <@${i.recipient}>: you and <@${partner}> planned check-in ${i.sequence} of ${programme} for ${day(i.scheduledFor)}. Did you meet?`
      : i.n === 1
        ? `Hi <@${i.recipient}>: check-in ${i.sequence} of ${programme} with <@${partner}> is due on ${day(i.dueDate)}. Have you met? Let me know below.`
        : `Reminder for <@${i.recipient}>: check-in ${i.sequence} of ${programme} with <@${partner}> (due ${day(i.dueDate)}) is not logged yet. Have you met?`;
  }
  const who = `<@${i.mentor.slackUserId}> and <@${i.mentee.slackUserId}>`;
  return i.scheduledFor
    ? `Hi ${who}: you planned check-in ${i.sequence} of ${programme} for ${day(i.scheduledFor)}. Did you meet?`
    : i.n === 1
      ? `Hi ${who}: check-in ${i.sequence} of ${programme} is due today (${day(i.dueDate)}). Have you met? Let me know below.`
      : `Reminder for ${who}: check-in ${i.sequence} of ${programme} (due ${day(i.dueDate)}) is not logged yet. Have you met?`;
}

/** Key `nudge:<checkInId>:<n>` in the group DM; `nudge:<checkInId>:<n>:<member>` in a member's own DM. */
export function nudgeMessage(i: NudgeInput): OutgoingMessage {
  const text = nudgeText(i);
  return {
    idempotencyKey: `nudge:${i.checkInId}:${i.n}${i.recipient ? `:${i.recipient}` : ''}`,
    kind: i.n === 1 ? 'checkin.nudge' : 'checkin.reminder',
    to: i.recipient ? { users: [i.recipient] } : (pairTarget(i) ?? { users: activeMembers(i) }),
    text,
    blocks: nudgeBlocks(i.checkInId, text, i.pairingId),
    notBefore: i.notBefore,
    metadata: { checkin_id: i.checkInId, nudge: i.n, planned_at: i.notBefore.toISOString() },
  };
}

/** "We met": a private thank-you to each active member. */
export function metThanks(
  p: PairPeople,
  checkInId: string,
  sequence: number,
  loggedBy: string,
  nextDue: string | null,
): OutgoingMessage[] {
  return activeMembers(p).map((user) => {
    const next = nextDue ? ` Your next check-in is due ${slackDay(nextDue, readerZone(p, user))}.` : '';
    const text = `Thank you! Check-in ${sequence} of ${escapeText(p.programmeName)} is logged as met${user === loggedBy ? '' : ` (by <@${loggedBy}>)`}.${next}`;
    return {
      idempotencyKey: `met:${checkInId}:${user}`,
      kind: 'checkin.met',
      to: { users: [user] },
      text,
      blocks: [section(text)],
    };
  });
}

function toPair(p: PairPeople, idempotencyKey: string, kind: string, text: string, extra: Block[] = []): OutgoingMessage[] {
  const to = pairTarget(p);
  return to ? [{ idempotencyKey, kind, to, text, blocks: [section(text), ...extra] }] : [];
}

export function skippedNote(p: PairPeople, checkInId: string, by: string, nextDue: string | null): OutgoingMessage[] {
  const next = nextDue ? ` The next one is due ${slackDay(nextDue, readerZone(p))}.` : '';
  return toPair(p, `checkin:${checkInId}:skipped`, 'checkin.skipped', `<@${by}> skipped this check-in.${next}`);
}

export function cadenceNote(p: PairPeople, days: number, by: string, requestKey: string): OutgoingMessage[] {
  return toPair(
    p,
    `pairing:${p.pairingId}:cadence:${requestKey}`,
    'pairing.cadence',
    `<@${by}> changed your check-ins to ${cadenceLabel(days)}, from the next one on.`,
  );
}

export function pausedNote(p: PairPeople, by: string, requestKey: string): OutgoingMessage[] {
  const text = `<@${by}> paused your check-ins: no nudges until one of you resumes.`;
  return toPair(p, `pairing:${p.pairingId}:paused:${requestKey}`, 'pairing.paused', text, [
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: CHECKIN_ACTIONS.resume, text: plain('Resume'), value: p.pairingId }],
    },
  ]);
}

export function resumedNote(p: PairPeople, by: string, requestKey: string): OutgoingMessage[] {
  return toPair(p, `pairing:${p.pairingId}:resumed:${requestKey}`, 'pairing.resumed', `<@${by}> resumed your check-ins.`);
}

export function atRiskNotices(coordinators: string[], p: PairPeople, silentDays: number, pausedDays = 0): OutgoingMessage[] {
  const paused = pausedDays > 0 ? ` (${pausedDays} of them on an approved pause, which do not count)` : '';
  const text = `Pair at risk in ${escapeText(p.programmeName)}: <@${p.mentor.slackUserId}> (mentor) and <@${p.mentee.slackUserId}> (mentee) have logged no check-in for ${silentDays} days${paused}. A friendly word may help.`;
  return coordinators.map((c) => ({
    idempotencyKey: `atrisk:${p.pairingId}:${c}`,
    kind: 'coordinator.pair_at_risk',
    to: { users: [c] },
    text,
    blocks: [section(text)],
  }));
}

/**
 * The wrap-up: in the pair's group DM at `when` (a date: together); or, for a pair with no working hour in common
 * (`when` gives each member's own time), in each active member's own DM, key `wrapup:<pairingId>:dm:<member>`.
 */
export function wrapUpMessage(p: PairPeople, met: number, when: Date | { mentee: Date; mentor: Date }): OutgoingMessage[] {
  const checkIns = `${met} check-in${met === 1 ? '' : 's'}`;
  const blocksOf = (text: string) => [section(text), context('No more check-in nudges will be sent for this programme.')];
  const message = (key: string, to: OutboxTarget, text: string, notBefore: Date): OutgoingMessage => ({
    idempotencyKey: key,
    kind: 'pairing.wrapup',
    to,
    text,
    blocks: blocksOf(text),
    notBefore,
    metadata: { pairing_id: p.pairingId, planned_at: notBefore.toISOString() },
  });
  if (when instanceof Date) {
    const text = `${escapeText(p.programmeName)} has come to an end. Thank you both: you logged ${checkIns} together. Keep in touch, and keep learning from each other!`;
    const to = pairTarget(p);
    return to ? [message(`wrapup:${p.pairingId}`, to, text, when)] : [];
  }
  const active = new Set(activeMembers(p));
  return [
    { me: p.mentee.slackUserId, partner: p.mentor.slackUserId, at: when.mentee },
    { me: p.mentor.slackUserId, partner: p.mentee.slackUserId, at: when.mentor },
  ]
    .filter((x) => active.has(x.me))
    .map((x) =>
      message(
        `wrapup:${p.pairingId}:dm:${x.me}`,
        { users: [x.me] },
        `${escapeText(p.programmeName)} has come to an end. Thank you, <@${x.me}>: you and <@${x.partner}> logged ${checkIns} together. Keep in touch, and keep learning from each other!`,
        x.at,
      ),
    );
}

// ---- refusals: what the person who clicked reads when a click changes nothing ----

export type CheckInRefusal =
  | 'not_found'
  | 'not_member'
  | 'ended'
  | 'already_met'
  | 'already_skipped'
  | 'already_missed'
  | 'not_a_date'
  | 'date_out_of_range'
  | 'time_passed'
  | 'cadence_not_offered'
  | 'already_paused'
  | 'partner_left'
  | 'already_running';

const alreadyLogged = (as: string) => `This check-in is already logged as ${as}. Nothing was changed.`;

/** The private note for a refused click; `window` words the days a check-in may be planned for (the pair's calendar). */
export function checkInRefusalText(reason: CheckInRefusal, window?: { today: string; lastDay: string; zone: string }): string {
  switch (reason) {
    case 'not_found':
      return 'I could not find this check-in any more. Nothing was changed.';
    case 'not_member':
      return 'Only the two people of this pair can use these buttons. Nothing was changed.';
    case 'ended':
      return 'This pair has ended: there is nothing more to log. Nothing was changed.';
    case 'already_met':
      return alreadyLogged('met');
    case 'already_skipped':
      return alreadyLogged('skipped');
    case 'already_missed':
      return alreadyLogged('missed');
    case 'not_a_date':
      return 'That is not a day and a time: pick both with the picker on the newest message. Nothing was changed.';
    case 'date_out_of_range':
      return window
        ? `Please pick a day from today (${slackDay(window.today, window.zone)}) to the programme's last day (${slackDay(window.lastDay, window.zone)}). Nothing was changed.`
        : "Please pick a day from today to the programme's last day. Nothing was changed.";
    case 'time_passed':
      return 'That time has already passed: please pick a later one. Nothing was changed.';
    case 'cadence_not_offered':
      return `Please pick a cadence from the list (every ${CADENCE_CHOICES.map((d) => d / 7).join(', ')} weeks). Nothing was changed.`;
    case 'already_paused':
      return 'Your check-ins are already paused. Nothing was changed.';
    case 'partner_left':
      return 'Your partner has left the programme, so check-ins stay paused; the coordinators will be in touch about a new match.';
    case 'already_running':
      return 'Your check-ins are already running. Nothing was changed.';
  }
}
