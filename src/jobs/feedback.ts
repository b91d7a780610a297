// Feedback and survey steps of a scheduler pass, and the requests a logged meeting or the end of a pair
// creates. Each claim is a compare-and-set, so replicas send each survey and reminder once.
import { addDays } from '../core/calendar.js';
import { midpointDate, REMINDER_AFTER_DAYS, requestKey, type FeedbackKind } from '../domain/feedback.js';
import { dateOnly, isoDateOf, localDate } from '../core/localDate.js';
import { isStillTimely, nextSlot, NUDGE_GRACE_MS, nudgeInstant, type Receivers } from '../domain/schedule/index.js';
import { feedbackPrompt, feedbackReminder, surveyPrompt } from '../messages/feedback.js';
import type { Db } from '../store/database.js';
import { claimMidpointSurvey, claimReminder, findDueReminders, findMidpointCandidates, findSurveyableProgrammes, partnerSlackIdOf, type NewFeedbackRequest } from '../store/feedback.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const BATCH = 500;

interface Member {
  id: string;
  slackUserId: string;
  timezone: string;
  status: string;
}

interface Pair {
  id: string;
  mentor: Member;
  mentee: Member;
  programme: { name: string };
}

const ownZone = (m: Member): Receivers => ({ menteeZone: m.timezone, mentorZone: m.timezone });

/** The reminder: REMINDER_AFTER_DAYS later, at the person's own nudge time (10:00 on a weekday). */
export function reminderAt(m: Member, from: Date): Date {
  return nudgeInstant(addDays(localDate(from, m.timezone), REMINDER_AFTER_DAYS), ownZone(m));
}

/** Each active member with their partner: prompts go to the active only (never a paused or departed person). */
function activePairs(p: Pair): { me: Member; partner: Member }[] {
  return [
    { me: p.mentor, partner: p.mentee },
    { me: p.mentee, partner: p.mentor },
  ].filter((x) => x.me.status === 'active');
}

export interface Prompts {
  requests: NewFeedbackRequest[];
  messages: OutgoingMessage[];
}

/** After "We met": a request and a private prompt for each active member. */
export function promptsAfterMeeting(p: Pair, checkIn: { id: string; sequence: number }, now: Date): Prompts {
  const out: Prompts = { requests: [], messages: [] };
  for (const { me, partner } of activePairs(p)) {
    const key = requestKey('checkin', checkIn.id, me.id);
    out.requests.push({ key, kind: 'checkin', participantId: me.id, pairingId: p.id, checkInId: checkIn.id, remindAt: reminderAt(me, now) });
    out.messages.push(feedbackPrompt({ requestKey: key, participantId: me.id, slackUserId: me.slackUserId, partnerSlackId: partner.slackUserId, programmeName: p.programme.name, checkInId: checkIn.id, sequence: checkIn.sequence }));
  }
  return out;
}

/** A milestone survey for each active member, sent at `notBefore`. */
export function surveyPrompts(p: Pair, kind: 'midpoint' | 'final', notBefore: Date): Prompts {
  const out: Prompts = { requests: [], messages: [] };
  for (const { me, partner } of activePairs(p)) {
    const key = requestKey(kind, p.id, me.id);
    out.requests.push({ key, kind, participantId: me.id, pairingId: p.id, checkInId: null, remindAt: reminderAt(me, notBefore) });
    out.messages.push(surveyPrompt({ requestKey: key, kind, pairingId: p.id, participantId: me.id, slackUserId: me.slackUserId, partnerSlackId: partner.slackUserId, programmeName: p.programme.name, notBefore }));
  }
  return out;
}

const pairReceivers = (p: Pair): Receivers => ({ menteeZone: p.mentee.timezone, mentorZone: p.mentor.timezone });

/** When a message planned for `at` goes: then, or (the scheduler was down) the next acceptable slot. */
export function sendSlot(at: Date, now: Date, r: Receivers): Date {
  return isStillTimely(at, now, NUDGE_GRACE_MS, r) ? at : nextSlot(now, r);
}

/** At the programme's midpoint, at the pair's nudge time: the halfway survey, once per pair. */
async function sendMidpointSurveys(db: Db, now: Date): Promise<number> {
  // A pair's survey time is its nudge time on the midpoint date, at most a day before that date in UTC.
  const due = (await findSurveyableProgrammes(db, now))
    .map((p) => ({ id: p.id, midpoint: dateOnly(midpointDate(isoDateOf(p.startDate), isoDateOf(p.endDate))) }))
    .filter((p) => p.midpoint.getTime() - DAY_MS <= now.getTime())
    .map((p) => ({ id: p.id, introducedBefore: new Date(p.midpoint.getTime() + DAY_MS) }));
  if (due.length === 0) return 0;
  let sent = 0;
  let after = '';
  for (;;) {
    const pairs = await findMidpointCandidates(db, due, BATCH, after);
    for (const p of pairs) {
      const midpoint = midpointDate(isoDateOf(p.programme.startDate), isoDateOf(p.programme.endDate));
      // A pair introduced after the midpoint (a rematch) has nothing to look back on yet.
      if (p.introducedAt && localDate(p.introducedAt, p.programme.timezone) >= midpoint) continue;
      const r = pairReceivers(p);
      const at = nudgeInstant(midpoint, r);
      if (now < at) continue;
      const { requests, messages } = surveyPrompts(p, 'midpoint', sendSlot(at, now, r));
      if (await claimMidpointSurvey(db, p.id, now, requests, messages)) sent++;
    }
    if (pairs.length < BATCH) break;
    after = pairs[pairs.length - 1]?.id ?? after;
  }
  return sent;
}

/** The one gentle reminder of each unanswered request; none for a paused or departed person, or a closed programme. */
async function sendReminders(db: Db, now: Date): Promise<number> {
  let sent = 0;
  for (let round = 0; round < 100; round++) {
    const rows = await findDueReminders(db, now, BATCH);
    let changed = 0;
    for (const row of rows) {
      const reachable = row.participant.status === 'active' && row.pairing.programme.status !== 'closed';
      const partner = reachable ? await partnerSlackIdOf(db, row.pairingId, row.participantId) : undefined;
      const messages = partner
        ? [feedbackReminder({ requestKey: row.key, kind: row.kind as FeedbackKind, participantId: row.participantId, slackUserId: row.participant.slackUserId, partnerSlackId: partner, programmeName: row.pairing.programme.name, notBefore: sendSlot(row.remindAt!, now, ownZone(row.participant)) })]
        : [];
      if (await claimReminder(db, row.key, row.remindAt!, now, messages)) {
        changed++;
        if (messages.length > 0) sent++;
      }
    }
    if (rows.length < BATCH || changed === 0) break;
  }
  return sent;
}

export interface FeedbackReport {
  midpointSurveys: number;
  reminders: number;
}

export async function runFeedback(db: Db, now: Date): Promise<FeedbackReport> {
  const midpointSurveys = await sendMidpointSurveys(db, now);
  const reminders = await sendReminders(db, now);
  return { midpointSurveys, reminders };
}
