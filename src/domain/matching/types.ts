import type { RowThreads } from './rowThreads.js';
export type Role = 'mentor' | 'mentee';
export type MeetingPreference = 'video' | 'in_person' | 'either';
export type ParticipantStatus = 'active' | 'paused' | 'withdrawn' | 'departed';

/** One participant of one programme, as the matcher sees them. Plain data, no database types. */
export interface MatchCandidate {
  participantId: string;
  slackUserId: string;
  role: Role;
  displayName: string;
  /** Higher = more senior. */
  seniorityLevel: number;
  department: string;
  managerSlackId?: string;
  /** Slack ids of known managers above this person, nearest first. */
  managementChain?: string[];
  /** Topic keys. */
  teaches: string[];
  learns: string[];
  /** IANA time zone, e.g. "Europe/London". */
  timezone: string;
  meetingPreference: MeetingPreference;
  /** Mentors: 1 or 2 mentees. Ignored for mentees. */
  capacity: number;
  status: ParticipantStatus;
  /** Private: people this participant must never be paired with. */
  avoidSlackUserIds: string[];
}

export interface PairRef {
  mentorId: string;
  menteeId: string;
}

export interface PastPair {
  mentorSlackUserId: string;
  menteeSlackUserId: string;
}

/** Relative importance of the score parts; normalised to sum 1. */
export interface ScoreWeights {
  mentorCoversMentee: number;
  menteeCoversMentor: number;
  differentDepartment: number;
  workingHours: number;
  meetingPreference: number;
}

export interface MatchOptions {
  weights?: Partial<ScoreWeights>;
  /** 0..100. Pairs scoring below are treated as impossible. Default 0. */
  minScore?: number;
  /** Local working day used for the time-zone overlap, minutes after midnight. Default 9:00 to 17:00. */
  workingDay?: { startMinute: number; endMinute: number };
  /** 'auto' picks by size. */
  solver?: 'auto' | 'dense' | 'sparse';
  /** Candidates kept per person on each side for the sparse solver. Default 10, or 20 without certification. */
  candidatesPerPerson?: number;
  /**
   * Sparse only. 'always': price every feasible pair with the solver's duals, add those that could improve
   * the result and re-solve, until none can (then the result is proven optimal). 'never': only re-price the
   * unmatched mentees. 'auto' (default): 'always' up to 25 million mentee x mentor pairs.
   */
  certify?: 'auto' | 'always' | 'never';
  /**
   * Spreads the candidate search and the pricing rounds over threads (an implementation with worker threads:
   * src/threads/matchingThreads.ts). The result is exactly the single-thread one.
   */
  threads?: RowThreads;
}

export interface MatchInput {
  mentors: MatchCandidate[];
  mentees: MatchCandidate[];
  minSeniorityGap: number;
  /** Pairs set by a coordinator; they are kept (or the whole run fails with pin errors). */
  pins: PairRef[];
  /** Pairs from earlier programmes: never again (in either role). */
  pastPairs: PastPair[];
  /**
   * Pairs that exist outside this run (partial re-match): they use their mentor's capacity and their
   * mentee is not matched again. Unknown ids are ignored.
   */
  pairedElsewhere?: PairRef[];
  /** Reference date for time-zone offsets (daylight saving). */
  referenceDate: Date;
  /** Topic key to human label, for reasons. */
  topicLabels: Record<string, string>;
  options?: MatchOptions;
}

export type HardConstraint =
  'wrong_role' | 'inactive' | 'same_person' | 'seniority_gap' | 'reporting_line' | 'avoid_list' | 'past_pair' | 'below_min_score';

export interface ConstraintViolation {
  constraint: HardConstraint;
  message: string;
}

export interface ScoreParts {
  /** Each part in points out of 100 (already weighted); they add up to the score up to rounding. */
  mentorCoversMentee: number;
  menteeCoversMentor: number;
  differentDepartment: number;
  workingHours: number;
  meetingPreference: number;
}

export interface MatchedPair {
  mentorId: string;
  menteeId: string;
  /** 0..100, two decimals. */
  score: number;
  parts: ScoreParts;
  reasons: string[];
  pinned: boolean;
}

export type UnmatchedReason = 'no_feasible_partner' | 'capacity' | 'inactive';

export interface UnmatchedParticipant {
  participantId: string;
  role: Role;
  reason: UnmatchedReason;
  detail: string;
}

export interface MatchStats {
  solver: 'dense' | 'sparse' | 'none';
  /** True when the assignment is proven optimal over all feasible pairs. */
  exact: boolean;
  mentees: number;
  mentorSlots: number;
  /** Pairs the solver considered (dense: all feasible ones). */
  candidatePairs: number;
  certificationRounds: number;
}

export interface PinError {
  mentorId: string;
  menteeId: string;
  problem: 'unknown_participant' | 'constraint' | 'capacity' | 'duplicate';
  message: string;
}

export type MatchResult =
  | {
      ok: true;
      pairs: MatchedPair[];
      unmatched: UnmatchedParticipant[];
      /** Sum of pair scores (0..100 each). */
      totalScore: number;
      stats: MatchStats;
    }
  | { ok: false; pinErrors: PinError[] };
