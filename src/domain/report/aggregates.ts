// What the store's SQL aggregation hands to the pure report builder: counts and sums, never rows.

export interface Count<K extends string> {
  key: K;
  count: number;
}

export interface ProgrammeFacts {
  id: string;
  name: string;
  status: string;
  startDate: Date;
  endDate: Date;
  /** read for the programme's phase in the report's header */
  signupDeadline?: Date;
  timezone: string;
  cadenceDays: number;
  objectives: string;
}

export interface RatingBucket {
  /** index into the report months */
  month: number;
  responses: number;
  sum: number;
  /** different people who answered */
  people: number;
}

export interface AtRiskPair {
  pairingId: string;
  mentor: PersonRef;
  mentee: PersonRef;
  flaggedAt: Date;
  /** the last check-in logged as met, if any */
  lastMetAt: Date | null;
  introducedAt: Date | null;
}

export interface PersonRef {
  slackUserId: string | null;
  name: string;
}

export interface SurveyAggregate {
  kind: 'midpoint' | 'final';
  responses: number;
  /** different people who answered */
  people: number;
  progressResponses: number;
  progressSum: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface ReportAggregates {
  programme: ProgrammeFacts;
  /** per role and status */
  participants: Array<{ role: string; status: string; count: number }>;
  pairs: Count<string>[];
  waitlist: number;
  /**
   * Check-ins that came due (or were already settled), per due date (YYYY-MM-DD: a check-in is due on a
   * calendar date) and status: at most a few hundred rows a year, folded into months by the domain.
   */
  checkIns: Array<{ dueDate: string; status: string; count: number }>;
  ratings: Count<string>[];
  /** different people behind the ratings, counted up to MIN_AGGREGATE_RESPONSES (all the threshold needs) */
  ratingPeople: number;
  ratingsByMonth: RatingBucket[];
  atRiskCount: number;
  /** the pairs longest without a meeting, at most AT_RISK_LISTED */
  atRisk: AtRiskPair[];
  /** count = mentions; people = different people who named the topic */
  topics: Array<{ key: string; label: string; count: number; people: number }>;
  departments: Count<string>[];
  generations: Count<string>[];
  surveys: SurveyAggregate[];
  deliveryFailures: Count<string>[];
}

export const AT_RISK_LISTED = 10;
export const TOP_TOPICS = 5;
