// Feedback and milestone surveys: limits, validation and the privacy rules of aggregation. Pure: no
// Slack, no database, no clock reads.
import { addDays } from '../core/calendar.js';
import { localDate } from '../core/localDate.js';
import { nudgeInstant } from './schedule/nudgeTime.js';
import { ownZone } from './schedule/pairDates.js';
import { done, type Done } from '../core/outcome.js';
import { invalid, type Invalid } from './problems.js';

export type FeedbackKind = 'checkin' | 'midpoint' | 'final';
export type Role = 'mentor' | 'mentee';

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const PROGRESS_MIN = 1;
export const PROGRESS_MAX = 5;
export const RECOMMEND_MIN = 0;
export const RECOMMEND_MAX = 10;
/** Free text answers (what I learned, what changed, my commitment, a concern). */
export const TEXT_LIMIT = 1500;
export const OBJECTIVES_LIMIT = 1000;
/** Coordinators see ratings and text only over at least this many people's answers. */
export const MIN_AGGREGATE_RESPONSES = 3;
/** The one gentle reminder comes this many days after the prompt, if it is still unanswered. */
export const REMINDER_AFTER_DAYS = 3;
export const NOT_ENOUGH_RESPONSES = 'not enough responses';

/** The FeedbackRequest key, which is also the answer's key: a second answer edits the first. */
export const requestKey = (kind: FeedbackKind, subjectId: string, participantId: string): string =>
  `${kind}:${subjectId}:${participantId}`;

export function parseRequestKey(key: string): { kind: FeedbackKind; subjectId: string; participantId: string } | undefined {
  const m = /^(checkin|midpoint|final):([^:]+):([^:]+)$/.exec(key);
  return m ? { kind: m[1] as FeedbackKind, subjectId: m[2]!, participantId: m[3]! } : undefined;
}

/** The programme's midpoint: halfway between its start and end dates (YYYY-MM-DD), rounded down. */
export function midpointDate(startDate: string, endDate: string): string {
  const days = Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000);
  return addDays(startDate, Math.floor(days / 2));
}

/** The one gentle reminder of a prompt sent at `from`: REMINDER_AFTER_DAYS later, at the person's own nudge time (10:00 on a weekday). */
export function reminderAt(person: { timezone: string }, from: Date): Date {
  return nudgeInstant(addDays(localDate(from, person.timezone), REMINDER_AFTER_DAYS), ownZone(person));
}

/** Both members were asked (a member who had left was not) and both answered: the pair's closing word may go. */
export const bothAnswered = (requests: { asked: number; unanswered: number }): boolean =>
  requests.asked === 2 && requests.unanswered === 0;

// ---- validation: raw form values in, a clean answer or inline errors (keyed by block id) out ----

export interface CheckInFeedbackInput {
  rating: string | undefined;
  learned: string;
  topics: string[];
  concern: string;
  consent: boolean;
}

export interface CheckInFeedback {
  rating: number;
  learned: string;
  topics: string[];
  concern: string | null;
}

export interface SurveyInput {
  progress: string | undefined;
  recommend: string | undefined;
  changed: string;
  commitment: string;
  concern: string;
  consent: boolean;
}

export interface SurveyAnswer {
  progress: number;
  recommendScore: number;
  changed: string;
  commitment: string;
  concern: string | null;
}

/** A clean answer, or the problems keyed by block id (shown under each field). */
export type Validated<T> = Done<T> | Invalid;

function integerIn(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || !/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

const tooLong = (text: string, limit = TEXT_LIMIT) => `Please keep this under ${limit} characters (it has ${text.length}).`;

function checkConcern(concern: string, consent: boolean, errors: Record<string, string>): string | null {
  if (concern.length > TEXT_LIMIT) errors.concern = tooLong(concern);
  else if (concern !== '' && !consent)
    errors.concern_consent = 'Tick the box to send your concern to the coordinators, or clear the concern.';
  return concern === '' ? null : concern;
}

export function validateCheckInFeedback(input: CheckInFeedbackInput, catalogue: readonly string[]): Validated<CheckInFeedback> {
  const errors: Record<string, string> = {};
  const rating = integerIn(input.rating, RATING_MIN, RATING_MAX);
  if (rating === undefined) errors.rating = `Choose a rating from ${RATING_MIN} to ${RATING_MAX}.`;
  if (input.learned.length > TEXT_LIMIT) errors.learned = tooLong(input.learned);
  const known = new Set(catalogue);
  const unknown = input.topics.filter((t) => !known.has(t));
  if (unknown.length > 0) errors.topics = "Choose topics from the programme's list only.";
  if (new Set(input.topics).size !== input.topics.length) errors.topics = 'Choose each topic once.';
  const concern = checkConcern(input.concern, input.consent, errors);
  if (Object.keys(errors).length > 0 || rating === undefined) return invalid(errors);
  return done({ rating, learned: input.learned, topics: [...input.topics].sort(), concern });
}

export function validateSurvey(input: SurveyInput, role: Role): Validated<SurveyAnswer> {
  const errors: Record<string, string> = {};
  const progress = integerIn(input.progress, PROGRESS_MIN, PROGRESS_MAX);
  if (progress === undefined) errors.progress = `Choose your progress from ${PROGRESS_MIN} to ${PROGRESS_MAX}.`;
  const recommend = integerIn(input.recommend, RECOMMEND_MIN, RECOMMEND_MAX);
  if (recommend === undefined) errors.recommend = `Choose a score from ${RECOMMEND_MIN} to ${RECOMMEND_MAX}.`;
  if (input.changed.length > TEXT_LIMIT) errors.changed = tooLong(input.changed);
  if (role === 'mentee') {
    if (input.commitment === '') errors.commitment = 'Name one thing you commit to change.';
    else if (input.commitment.length > TEXT_LIMIT) errors.commitment = tooLong(input.commitment);
  }
  const concern = checkConcern(input.concern, input.consent, errors);
  if (Object.keys(errors).length > 0 || progress === undefined || recommend === undefined) return invalid(errors);
  return done({
    progress,
    recommendScore: recommend,
    changed: input.changed,
    commitment: role === 'mentee' ? input.commitment : '',
    concern,
  });
}

export function validateObjectives(text: string): Validated<string> {
  return text.length > OBJECTIVES_LIMIT ? invalid({ objectives: tooLong(text, OBJECTIVES_LIMIT) }) : done(text);
}

// ---- aggregation: what coordinators may see ----

export interface Response<T> {
  /** who answered: answers are counted per person, so three answers of one person stay hidden */
  participantId: string;
  value: T;
}

export type Aggregate<T> =
  | { shown: false; responses: number; note: typeof NOT_ENOUGH_RESPONSES }
  | ({ shown: true; responses: number; respondents: number } & T);

/**
 * Whether answers may be shown in aggregate: at least MIN_AGGREGATE_RESPONSES answers from at least as
 * many different people (three answers of one person would be that person's answers).
 */
export function canAggregate(responses: readonly Response<unknown>[]): boolean {
  return (
    responses.length >= MIN_AGGREGATE_RESPONSES && new Set(responses.map((r) => r.participantId)).size >= MIN_AGGREGATE_RESPONSES
  );
}

function gated<V, T>(responses: readonly Response<V>[], build: (values: V[]) => T): Aggregate<T> {
  if (!canAggregate(responses)) return { shown: false, responses: responses.length, note: NOT_ENOUGH_RESPONSES };
  return {
    shown: true,
    responses: responses.length,
    respondents: new Set(responses.map((r) => r.participantId)).size,
    ...build(responses.map((r) => r.value)),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Average and distribution of 1..max scores (ratings, progress). */
export function aggregateScores(responses: readonly Response<number>[], min = RATING_MIN, max = RATING_MAX) {
  return gated(responses, (values) => {
    const distribution: Record<string, number> = {};
    for (let s = min; s <= max; s++) distribution[String(s)] = 0;
    for (const v of values) distribution[String(v)] = (distribution[String(v)] ?? 0) + 1;
    return { average: round1(values.reduce((a, b) => a + b, 0) / values.length), distribution };
  });
}

/** Net promoter score: % of 9-10 minus % of 0-6, from -100 to 100. */
export function netPromoterScore(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}

export function aggregateRecommend(responses: readonly Response<number>[]) {
  return gated(responses, (values) => ({
    nps: netPromoterScore(values),
    average: round1(values.reduce((a, b) => a + b, 0) / values.length),
  }));
}

/** Free text, without names and in a stable order that is not the order of answering. */
export function aggregateTexts(responses: readonly Response<string>[]) {
  const answered = responses.filter((r) => r.value.trim() !== '');
  return gated(answered, (values) => ({ texts: [...values].sort((a, b) => a.localeCompare(b)) }));
}

/** How often each topic was covered, over the answers (topics are shown only with enough answers). */
export function aggregateTopics(responses: readonly Response<string[]>[]) {
  return gated(responses, (values) => {
    const counts = new Map<string, number>();
    for (const topics of values) for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
    return {
      topics: [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([key, count]) => ({ key, count })),
    };
  });
}

/** The check-in ratings of a programme, as the database counts them (people capped at MIN_AGGREGATE_RESPONSES). */
export interface RatingTotals {
  responses: number;
  people: number;
  average: number | null;
}

export type RatingsOverview = { shown: false; responses: number } | { shown: true; responses: number; average: number };

/** A coordinator's glance (App Home): the average only when at least MIN_AGGREGATE_RESPONSES people rated. */
export function ratingsOverview(t: RatingTotals): RatingsOverview {
  if (t.responses < MIN_AGGREGATE_RESPONSES || t.people < MIN_AGGREGATE_RESPONSES)
    return { shown: false, responses: t.responses };
  return { shown: true, responses: t.responses, average: round1(t.average ?? 0) };
}

/** One stored answer as the programme summary reads it. */
export interface AnswerRow {
  participantId: string;
  kind: string;
  rating: number | null;
  progress: number | null;
  learned: string;
  recommendScore: number | null;
  changed: string;
  commitment: string;
  topics: { topicKey: string }[];
}

/**
 * A programme's feedback as coordinators may see it: every figure and text only in aggregate over at
 * least MIN_AGGREGATE_RESPONSES people; below that, "not enough responses". Concerns are never included
 * (they reach coordinators directly, with consent).
 */
export function summariseAnswers(rows: readonly AnswerRow[]) {
  const of = (kind: FeedbackKind) => rows.filter((r) => r.kind === kind);
  const numbers = (list: readonly AnswerRow[], pick: (r: AnswerRow) => number | null): Response<number>[] =>
    list.flatMap((r) => {
      const v = pick(r);
      return v === null ? [] : [{ participantId: r.participantId, value: v }];
    });
  const texts = (list: readonly AnswerRow[], pick: (r: AnswerRow) => string): Response<string>[] =>
    list.map((r) => ({ participantId: r.participantId, value: pick(r) }));
  const checkIns = of('checkin');
  const surveys = rows.filter((r) => r.kind !== 'checkin');
  const survey = (list: readonly AnswerRow[]) => ({
    progress: aggregateScores(
      numbers(list, (r) => r.progress),
      PROGRESS_MIN,
      PROGRESS_MAX,
    ),
    recommend: aggregateRecommend(numbers(list, (r) => r.recommendScore)),
    changed: aggregateTexts(texts(list, (r) => r.changed)),
    commitments: aggregateTexts(texts(list, (r) => r.commitment)),
  });
  return {
    checkIns: {
      ratings: aggregateScores(numbers(checkIns, (r) => r.rating)),
      learned: aggregateTexts(texts(checkIns, (r) => r.learned)),
      topics: aggregateTopics(checkIns.map((r) => ({ participantId: r.participantId, value: r.topics.map((t) => t.topicKey) }))),
    },
    midpoint: survey(of('midpoint')),
    final: survey(of('final')),
    surveys: survey(surveys),
  };
}

export type FeedbackSummary = ReturnType<typeof summariseAnswers>;
