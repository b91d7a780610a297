// Answering a feedback request: open its form (with an earlier answer to edit), then check and store the
// answer with the messages it causes (a concern to the coordinators, thanks) in one transaction.
import { done } from '../../core/outcome.js';
import {
  bothAnswered,
  validateCheckInFeedback,
  validateSurvey,
  type CheckInFeedbackInput,
  type SurveyInput,
} from '../../domain/feedback.js';
import { closingThanks, concernNotices, feedbackModal, surveyModal, surveyThanks } from '../../messages/feedback.js';
import type { types } from '@slack/bolt';
import { coordinatorsOfProgramme } from '../coordinators.js';
import type { Db } from '../../store/database.js';
import { saveAnswer, type RequestContext } from '../../store/feedback.js';
import { topicsOffered } from '../../store/programmes.js';
import { partnerOf, requestFor, roleOf, type FeedbackOutcome } from './access.js';
import { releaseFeedback } from './releases.js';
import { afterPairAction, noticeTimer } from '../delivery.js';
import type { Invalid } from '../../domain/problems.js';

export interface FeedbackDeps {
  db: Db;
  /** Coordinators from the configuration (RM_COORDINATORS); those added in the database are read too. */
  coordinators: readonly string[];
}

/** Values the person entered that break a rule: problems keyed by block id; nothing was saved. */
export type InvalidAnswer = Invalid;

export type AnswerOutcome = FeedbackOutcome<{ requestKey: string; edited: boolean; concernSent: boolean }> | InvalidAnswer;

/** "Give feedback" (kind checkin) or a survey button: the form, filled in with the earlier answer if there is one. */
export async function openAnswerForm(
  db: Db,
  key: string,
  slackUserId: string,
  kinds: readonly ('checkin' | 'midpoint' | 'final')[],
): Promise<FeedbackOutcome<types.ModalView>> {
  const access = await requestFor(db, key, slackUserId, kinds);
  if (!access.ok) return access;
  const r = access.value;
  const a = r.answer;
  if (r.kind === 'checkin') {
    const topics = await topicsOffered(
      db,
      r.pairing.programmeId,
      (a?.topics ?? []).map((t) => t.topicKey),
    );
    const answer = a
      ? { rating: a.rating, learned: a.learned, topics: a.topics.map((t) => t.topicKey), concern: a.concern }
      : undefined;
    return done(
      feedbackModal({
        requestKey: r.key,
        programmeName: r.pairing.programme.name,
        partnerSlackId: partnerOf(r).slackUserId,
        sequence: r.checkIn?.sequence ?? 0,
        role: roleOf(r),
        topics,
        ...(answer ? { answer } : {}),
      }),
    );
  }
  const answer = a
    ? { progress: a.progress, recommendScore: a.recommendScore, changed: a.changed, commitment: a.commitment, concern: a.concern }
    : undefined;
  return done(
    surveyModal({
      requestKey: r.key,
      kind: r.kind === 'final' ? 'final' : 'midpoint',
      programmeName: r.pairing.programme.name,
      programmeObjectives: r.pairing.programme.objectives,
      pairObjectives: r.pairing.objectives,
      role: roleOf(r),
      ...(answer ? { answer } : {}),
    }),
  );
}

/** Concerns go only with the consent box ticked (validation refuses one without it), and only when new. */
async function concernMessages(deps: FeedbackDeps, r: RequestContext, concern: string | null, viewId: string, now: Date) {
  if (!concern || concern === r.answer?.concern) return [];
  const coordinators = await coordinatorsOfProgramme(
    { db: deps.db, config: { coordinators: deps.coordinators } },
    r.pairing.programmeId,
  );
  // The coordinators did not ask: a concern reaches them in their working hours.
  const timed = await noticeTimer(deps.db, coordinators, r.pairing.programme.timezone);
  return timed(
    concernNotices({
      coordinators,
      requestKey: r.key,
      participantId: r.participantId,
      viewId,
      slackUserId: r.participant.slackUserId,
      role: r.participant.role,
      partnerSlackId: partnerOf(r).slackUserId,
      programmeName: r.pairing.programme.name,
      concern,
    }),
    now,
  );
}

export interface Submission<F> {
  /** The request key from the modal's private metadata; undefined when it could not be read. */
  requestKey: string | undefined;
  slackUserId: string;
  /** Identifies this submission: Slack's retry of it has the same view id. */
  viewId: string;
  form: F;
}

/** The check-in feedback form: a rating, what was learned, topics from the programme's list, a concern. */
export async function answerCheckInFeedback(
  deps: FeedbackDeps,
  s: Submission<CheckInFeedbackInput>,
  now: Date,
): Promise<AnswerOutcome> {
  const access = await requestFor(deps.db, s.requestKey, s.slackUserId, ['checkin']);
  if (!access.ok) return access;
  const r = access.value;
  const catalogue = (
    await topicsOffered(
      deps.db,
      r.pairing.programmeId,
      (r.answer?.topics ?? []).map((t) => t.topicKey),
    )
  ).map((t) => t.key);
  const checked = validateCheckInFeedback(s.form, catalogue);
  if (!checked.ok) return checked;
  const v = checked.value;
  const concerns = await concernMessages(deps, r, v.concern, s.viewId, now);
  const saved = await saveAnswer(
    deps.db,
    r,
    { rating: v.rating, learned: v.learned, topics: v.topics, concern: v.concern },
    now,
    () => concerns,
  );
  // A release that fails here is retried by the next scheduler pass: the answer itself is saved.
  await releaseFeedback(deps.db, r.pairing.programme.id, now).catch(() => 0);
  return done({ requestKey: r.key, edited: saved.edited, concernSent: concerns.length > 0 });
}

/** A milestone survey; once both members answered the final one, the pair gets a closing word. */
export async function answerSurvey(
  deps: FeedbackDeps,
  kind: 'midpoint' | 'final',
  s: Submission<SurveyInput>,
  now: Date,
): Promise<AnswerOutcome> {
  const access = await requestFor(deps.db, s.requestKey, s.slackUserId, [kind]);
  if (!access.ok) return access;
  const r = access.value;
  const checked = validateSurvey(s.form, roleOf(r));
  if (!checked.ok) return checked;
  const v = checked.value;
  const concerns = await concernMessages(deps, r, v.concern, s.viewId, now);
  const p = r.pairing;
  const to = p.groupChannelId ? { channel: p.groupChannelId } : { users: [p.mentor.slackUserId, p.mentee.slackUserId] };
  const saved = await saveAnswer(
    deps.db,
    r,
    { progress: v.progress, recommendScore: v.recommendScore, changed: v.changed, commitment: v.commitment, concern: v.concern },
    now,
    () => [...concerns, surveyThanks(r.participant.slackUserId, r.key, kind, p.programme.name)],
    kind === 'final'
      ? (requests) =>
          bothAnswered(requests)
            ? afterPairAction(
                p,
                s.slackUserId,
                [closingThanks(p.id, to, p.programme.name, p.mentor.slackUserId, p.mentee.slackUserId)],
                now,
              )
            : []
      : undefined,
  );
  await releaseFeedback(deps.db, p.programme.id, now).catch(() => 0);
  return done({ requestKey: r.key, edited: saved.edited, concernSent: concerns.length > 0 });
}
