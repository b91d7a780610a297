// The feedback steps of a scheduler pass: the midpoint survey and the one gentle reminder. Each claim is a
// compare-and-set, so replicas send each survey and reminder once.
import { dateOnly, isoDateOf, localDate } from '../../core/localDate.js';
import { midpointDate, type FeedbackKind } from '../../domain/feedback.js';
import { pairDayDelivery, pairDayInstant, scheduledNoticeTime } from '../../domain/delivery.js';
import { receiversOf } from '../../domain/schedule/index.js';
import { feedbackReminder } from '../../messages/feedback.js';
import type { Db } from '../../store/database.js';
import {
  claimMidpointSurvey,
  claimReminder,
  findDueReminders,
  findMidpointCandidates,
  findSurveyableProgrammes,
  partnerSlackIdOf,
} from '../../store/feedback.js';
import { surveyPrompts } from './prompts.js';
import { releasePendingFeedback } from './releases.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export interface FeedbackReport {
  midpointSurveys: number;
  reminders: number;
  /** answers released to coordinators (batches left by a failed or raced release) */
  released: number;
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
      const r = receiversOf(p);
      if (now < pairDayInstant(midpoint, r)) continue;
      // A pair with no working hour in common that day: each member at their own 10:00 (their own DM, as always).
      const d = pairDayDelivery(midpoint, now, r);
      const { requests, messages } = surveyPrompts(p, 'midpoint', d.together ? d.at : d);
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
        ? [
            feedbackReminder({
              requestKey: row.key,
              kind: row.kind as FeedbackKind,
              participantId: row.participantId,
              slackUserId: row.participant.slackUserId,
              partnerSlackId: partner,
              programmeName: row.pairing.programme.name,
              notBefore: scheduledNoticeTime(row.remindAt!, now, [row.participant.timezone]),
            }),
          ]
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

export async function runFeedback(db: Db, now: Date): Promise<FeedbackReport> {
  const midpointSurveys = await sendMidpointSurveys(db, now);
  const reminders = await sendReminders(db, now);
  const released = await releasePendingFeedback(db, now);
  return { midpointSurveys, reminders, released };
}
