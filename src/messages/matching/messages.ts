import type { types } from '@slack/bolt';
import { ROLE_TIPS } from '../../domain/guidance.js';
import { isoDateOf } from '../../core/localDate.js';
import { slackDay } from '../common/dates.js';
import { firstMomentForAll, pairNoticeDelivery } from '../../domain/delivery.js';
import { DEFAULT_WORKING_DAY, utcOffsetMinutes, workingOverlapMinutes } from '../../domain/matching/index.js';
import { sharesWorkingHours } from '../../domain/schedule/index.js';
import type { OutgoingMessage } from '../outgoing.js';
import { objectivesButton } from '../feedback.js';
import { context, divider, escapeText, plain, section, type Block } from '../common/text.js';
import { MATCH_ACTIONS } from './preview.js';

export interface IntroPerson {
  slackUserId: string;
  displayName: string;
  title: string;
  department: string;
  timezone: string;
  teaches: string[];
  learns: string[];
}

export interface ApprovedPair {
  pairingId: string;
  mentor: IntroPerson;
  mentee: IntroPerson;
  cadenceDays: number;
  /** A calendar date, kept as UTC midnight (as check-in due dates are stored). */
  firstCheckInDue: Date;
}

export interface WaitlistedPerson {
  participantId: string;
  slackUserId: string;
  role: 'mentor' | 'mentee';
  reason: string;
}

/** What an approval tells: the introductions, the waitlist, and the channel on the first approval. */
export interface ApprovalMessages {
  programme: { id: string; name: string; announcementChannel: string | null };
  runId: string;
  pairs: ApprovedPair[];
  waitlisted: WaitlistedPerson[];
  /** The first approved run of the programme (the celebration is posted once). */
  first: boolean;
  topicLabels: Record<string, string>;
}

export interface RematchRequest {
  pairingId: string;
  programmeName: string;
  requestedBy: string;
  mentorSlackId: string;
  menteeSlackId: string;
}

function labels(keys: string[], topicLabels: Record<string, string>): string {
  return keys.length === 0 ? 'nothing listed yet' : escapeText(keys.map((k) => topicLabels[k] ?? k).join(', '));
}

function offsetLabel(minutes: number | null): string {
  if (minutes === null) return 'unknown offset';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** "14:05 in Europe/London (UTC+0)" */
export function localTime(timezone: string, at: Date): string {
  let time = '';
  try {
    time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  } catch {
    time = at.toISOString().slice(11, 16);
  }
  return `${time} in ${escapeText(timezone)} (${offsetLabel(utcOffsetMinutes(timezone, at))})`;
}

function overlapLine(a: IntroPerson, b: IntroPerson, at: Date): string {
  const oa = utcOffsetMinutes(a.timezone, at);
  const ob = utcOffsetMinutes(b.timezone, at);
  if (oa === null || ob === null) return "Your working hours overlap: unknown (check each other's time zone).";
  const minutes = workingOverlapMinutes(oa, ob, DEFAULT_WORKING_DAY);
  if (minutes === 0) return 'Your 9:00-17:00 working days do not overlap: agree on a time just outside them that suits you both.';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `Your 9:00-17:00 working days overlap by *${hours} h${rest ? ` ${rest} min` : ''}*.`;
}

function suggestedTopics(pair: ApprovedPair, topicLabels: Record<string, string>): string[] {
  const upward = pair.mentor.teaches.filter((t) => pair.mentee.learns.includes(t));
  const downward = pair.mentee.teaches.filter((t) => pair.mentor.learns.includes(t));
  const picks = [...upward.slice(0, 2), ...downward.slice(0, 1)];
  if (picks.length === 0) picks.push(...pair.mentee.learns.slice(0, 2));
  return picks.map((k) => topicLabels[k] ?? k);
}

function who(p: IntroPerson, role: 'mentor' | 'mentee'): string {
  const job = escapeText([p.title, p.department].filter(Boolean).join(', '));
  return `*<@${p.slackUserId}>*${job ? ` (${job})` : ''}, ${role === 'mentor' ? 'mentor: teaches' : 'mentee: learns'}`;
}

/**
 * What the introduction promises about nudges: exactly what nudgeDelivery.ts will do on the first due day. `where`
 * names the group DM: "here" in it, otherwise in words (an introduction in a member's own DM).
 */
function nudgeLine(pair: ApprovedPair, firstDue: string, where = 'here'): string {
  const r = { menteeZone: pair.mentee.timezone, mentorZone: pair.mentor.timezone };
  if (!sharesWorkingHours(firstDue, r))
    return 'Your working days do not overlap, so on each due day I will nudge each of you in your own DM at 10:00 your own time (never at weekends)';
  const sameClock = (at: Date) => utcOffsetMinutes(r.menteeZone, at) === utcOffsetMinutes(r.mentorZone, at);
  if (sameClock(new Date(`${firstDue}T12:00:00Z`)))
    return `I will nudge you both ${where} on each due day at 10:00 your time (never at weekends)`;
  return `I will nudge you both ${where} on each due day in working hours you share, from 10:00 <@${pair.mentee.slackUserId}>'s time (never at weekends)`;
}

/** Who reads an introduction in their own DM (a pair with no working hour in common), and when it arrives. */
interface OwnReader {
  slackUserId: string;
  at: Date;
}

/** The introduction's text and blocks, for the pair's group DM (`reader` unset) or one member's own DM. */
function introContent(
  pair: ApprovedPair,
  programmeName: string,
  topicLabels: Record<string, string>,
  at: Date,
  reader?: OwnReader,
): Pick<OutgoingMessage, 'text' | 'blocks'> {
  const weeks = pair.cadenceDays / 7;
  const cadence = Number.isInteger(weeks) ? `every ${weeks} weeks` : `every ${pair.cadenceDays} days`;
  const first = slackDay(
    isoDateOf(pair.firstCheckInDue),
    reader?.slackUserId === pair.mentor.slackUserId ? pair.mentor.timezone : pair.mentee.timezone,
  );
  const topics = suggestedTopics(pair, topicLabels).map(escapeText);
  const name = escapeText(programmeName);
  const partner = reader?.slackUserId === pair.mentor.slackUserId ? pair.mentee.slackUserId : pair.mentor.slackUserId;
  const times = `Local time now: <@${pair.mentor.slackUserId}> ${localTime(pair.mentor.timezone, at)}; <@${pair.mentee.slackUserId}> ${localTime(pair.mentee.timezone, at)}.`;
  const text = reader
    ? `Meet your reverse-mentoring partner for ${name}: <@${partner}>. You are ${reader.slackUserId === pair.mentor.slackUserId ? 'the mentor' : 'the mentee'}. ${times}`
    : `Meet your reverse-mentoring partner for ${name}: <@${pair.mentor.slackUserId}> (mentor) and <@${pair.mentee.slackUserId}> (mentee). ${times}`;
  const notWorking: types.Button = {
    type: 'button',
    text: plain("This isn't working"),
    action_id: MATCH_ACTIONS.notWorking,
    value: pair.pairingId,
  };
  const welcome = reader
    ? `:wave: *Welcome to ${name}!* You and <@${partner}> are a reverse-mentoring pair.`
    : `:wave: *Welcome to ${name}!* You two are a reverse-mentoring pair.`;
  // A pair apart is introduced in two DMs: it says so, and how the two reach each other.
  const apart = reader
    ? [
        section(
          `:envelope: Your working hours do not overlap, so I am introducing you to each other in your own DMs, each in your own working hours: <@${partner}> gets the same introduction in theirs. ` +
            `To say hello, open a direct message with <@${partner}> (click their name), or mention them anywhere.`,
        ),
      ]
    : [];
  const blocks: Block[] = [
    section(welcome),
    // One section each: a long topic list is shortened in its own section, never at the other person's expense.
    section(
      `${who(pair.mentor, 'mentor')} ${labels(pair.mentor.teaches, topicLabels)}; wants to learn ${labels(pair.mentor.learns, topicLabels)}.`,
    ),
    section(
      `${who(pair.mentee, 'mentee')} ${labels(pair.mentee.learns, topicLabels)}; can share ${labels(pair.mentee.teaches, topicLabels)}.`,
    ),
    section(`:clock3: ${times}\n${overlapLine(pair.mentor, pair.mentee, at)}`),
    ...apart,
    section(`*Suggested first topics:* ${topics.join('; ') || 'whatever you are curious about'}.`),
    section(`*Tips for the mentor:*\n${ROLE_TIPS.mentor.map((t) => `• ${t}`).join('\n')}`),
    section(`*Tips for the mentee:*\n${ROLE_TIPS.mentee.map((t) => `• ${t}`).join('\n')}`),
    section(
      `*Cadence:* meet ${cadence}. Your first check-in is due by *${first}*. ` +
        `What happens next: ${nudgeLine(pair, isoDateOf(pair.firstCheckInDue), reader ? 'in a group DM of you two' : 'here')}, you tell me whether you met, and each of you gets a short private feedback question.`,
    ),
    section(
      '*Your objectives:* agree on one or two things you want to achieve together, and note them with "Our objectives". The halfway and final surveys ask how far you got.',
    ),
    divider(),
    context('If this pairing really is not working, tell the coordinators privately; your partner is not told.'),
    { type: 'actions', block_id: `pair_help:${pair.pairingId}`, elements: [objectivesButton(pair.pairingId), notWorking] },
  ];
  return { text, blocks };
}

/**
 * The introduction in the pair's group DM. It does not answer anything the two did, so it arrives in their working
 * hours (docs/delivery-times.md): the first moment from `approvedAt` that suits both, and its local times are then.
 */
export function introMessage(
  pair: ApprovedPair,
  programmeName: string,
  topicLabels: Record<string, string>,
  approvedAt: Date,
): OutgoingMessage {
  const at = firstMomentForAll(approvedAt, [pair.mentee.timezone, pair.mentor.timezone]);
  return {
    idempotencyKey: `match-intro:${pair.pairingId}`,
    kind: 'pairing.intro',
    to: { users: [pair.mentor.slackUserId, pair.mentee.slackUserId] },
    ...introContent(pair, programmeName, topicLabels, at),
    ...(at > approvedAt ? { notBefore: at } : {}),
  };
}

/**
 * The introduction of a pair: in its group DM when the two share a working hour then; else (issue 17.4) in each
 * member's own DM at their own first working moment, key `match-intro:<pairingId>:dm:<member>`, so nobody gets it
 * outside their working hours. No group DM is opened then; the nudges go to each member's DM too.
 */
export function introMessages(
  pair: ApprovedPair,
  programmeName: string,
  topicLabels: Record<string, string>,
  approvedAt: Date,
): OutgoingMessage[] {
  const d = pairNoticeDelivery(approvedAt, { menteeZone: pair.mentee.timezone, mentorZone: pair.mentor.timezone });
  if (d.together) return [introMessage(pair, programmeName, topicLabels, approvedAt)];
  return [
    { slackUserId: pair.mentee.slackUserId, at: d.mentee },
    { slackUserId: pair.mentor.slackUserId, at: d.mentor },
  ].map((reader) => ({
    idempotencyKey: `match-intro:${pair.pairingId}:dm:${reader.slackUserId}`,
    kind: 'pairing.intro',
    to: { users: [reader.slackUserId] },
    ...introContent(pair, programmeName, topicLabels, reader.at, reader),
    ...(reader.at > approvedAt ? { notBefore: reader.at } : {}),
  }));
}

export function waitlistMessage(w: WaitlistedPerson, programme: ApprovalMessages['programme']): OutgoingMessage {
  const why =
    w.reason === 'capacity'
      ? `more ${w.role === 'mentee' ? 'mentees' : 'mentors'} signed up than we could pair this round`
      : w.reason === 'removed'
        ? 'the coordinators could not find the right partner for you this round'
        : 'no one in this round fitted you well enough (the programme keeps people from the same reporting line, and earlier partners, apart)';
  const text =
    `Thank you for signing up for ${escapeText(programme.name)}. You are on the waitlist for now: ${why}. ` +
    'This is no reflection on you. As soon as a suitable partner becomes available (a late signup or a rematch), the coordinators will pair you and I will introduce you. You do not need to do anything; your profile stays as it is.';
  return {
    idempotencyKey: `match-waitlist:${programme.id}:${w.participantId}`,
    kind: 'pairing.waitlist',
    to: { users: [w.slackUserId] },
    text,
    blocks: [section(text)],
  };
}

export function celebrationMessage(m: ApprovalMessages): OutgoingMessage | null {
  if (!m.programme.announcementChannel || !m.first || m.pairs.length === 0) return null;
  const text = `:tada: ${escapeText(m.programme.name)} has begun: ${m.pairs.length} reverse-mentoring pair${m.pairs.length === 1 ? '' : 's'} just met for the first time. Juniors teach, seniors learn, and everyone grows. Welcome aboard!`;
  return {
    idempotencyKey: `match-celebration:${m.runId}`,
    kind: 'programme.celebration',
    to: { channel: m.programme.announcementChannel },
    text,
    blocks: [section(text)],
  };
}

/** Every message an approval writes, with the approval, in one transaction. */
export function approvalMessages(at: Date): (m: ApprovalMessages) => OutgoingMessage[] {
  return (m) => {
    const out = m.pairs.flatMap((p) => introMessages(p, m.programme.name, m.topicLabels, at));
    out.push(...m.waitlisted.map((w) => waitlistMessage(w, m.programme)));
    const party = celebrationMessage(m);
    if (party) out.push(party);
    return out;
  };
}

/** To each coordinator, and to nobody else. */
export function rematchRequestNotices(coordinators: string[]): (r: RematchRequest) => OutgoingMessage[] {
  return (r) =>
    coordinators.map((c) => {
      const text = `<@${r.requestedBy}> says their pairing in ${escapeText(r.programmeName)} (<@${r.mentorSlackId}> with <@${r.menteeSlackId}>) isn't working. The pair is paused; \`/rm-admin match\` previews a rematch for the people affected, and nobody is told before you approve.`;
      return {
        idempotencyKey: `rematch-request:${r.pairingId}:${c}`,
        kind: 'pairing.rematch_request',
        to: { users: [c] },
        text,
        blocks: [section(text)],
      };
    });
}
