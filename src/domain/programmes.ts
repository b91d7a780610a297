// Rules for a programme's settings. Pure: "now" is an argument.
import { isoDateOf } from '../core/localDate.js';
import { DATE_PROBLEM_TEXT, dateProblem, isSlackChannelId } from './inputs.js';

export const CADENCE_CHOICES = [14, 21, 28] as const;
export const DURATION_MONTHS = { min: 6, max: 12 } as const;
export const SENIORITY_GAP = { min: 0, max: 6 } as const;
export const PROGRAMME_TEXT_LIMITS = { name: 80, objectives: 2000 } as const;

export interface ProgrammeDraft {
  name: string;
  startDate: string; // YYYY-MM-DD, in the programme's time zone
  durationMonths: number;
  cadenceDays: number;
  minSeniorityGap: number;
  objectives: string;
  signupDeadline: string; // YYYY-MM-DD
  announcementChannel?: string;
}

export type ProgrammeField = keyof ProgrammeDraft;

/** Each problem keyed by the field it belongs to, in words a coordinator understands. */
export function programmeProblems(draft: ProgrammeDraft, today: string): Partial<Record<ProgrammeField, string>> {
  const problems: Partial<Record<ProgrammeField, string>> = {};
  if (draft.name.trim().length === 0) problems.name = 'Give the programme a name.';
  else if (draft.name.length > PROGRAMME_TEXT_LIMITS.name)
    problems.name = `Keep the name under ${PROGRAMME_TEXT_LIMITS.name} characters.`;
  if (
    !Number.isInteger(draft.durationMonths) ||
    draft.durationMonths < DURATION_MONTHS.min ||
    draft.durationMonths > DURATION_MONTHS.max
  )
    problems.durationMonths = 'A programme runs 6 to 12 months.';
  if (!(CADENCE_CHOICES as readonly number[]).includes(draft.cadenceDays)) problems.cadenceDays = 'Choose every 2, 3 or 4 weeks.';
  if (
    !Number.isInteger(draft.minSeniorityGap) ||
    draft.minSeniorityGap < SENIORITY_GAP.min ||
    draft.minSeniorityGap > SENIORITY_GAP.max
  )
    problems.minSeniorityGap = 'Choose a gap of 0 to 6 levels.';
  if (draft.objectives.length > PROGRAMME_TEXT_LIMITS.objectives)
    problems.objectives = `Keep the objectives under ${PROGRAMME_TEXT_LIMITS.objectives} characters.`;
  const startProblem = dateProblem(draft.startDate);
  const deadlineProblem = dateProblem(draft.signupDeadline);
  if (startProblem) problems.startDate = DATE_PROBLEM_TEXT[startProblem];
  if (deadlineProblem) problems.signupDeadline = DATE_PROBLEM_TEXT[deadlineProblem];
  else if (draft.signupDeadline < today)
    problems.signupDeadline = 'The signup deadline has already passed: choose today or later.';
  else if (!startProblem && draft.signupDeadline > draft.startDate)
    problems.signupDeadline = 'Signup must close on or before the start date.';
  if (draft.announcementChannel !== undefined && !isSlackChannelId(draft.announcementChannel))
    problems.announcementChannel = 'Choose a channel with the channel picker.';
  return problems;
}

/**
 * Where a programme stands. The stored status says only whether a coordinator closed it; every other phase
 * follows from its dates, read on `today` in the programme's time zone:
 * - signup open: up to and including the signup deadline;
 * - signup closed: after the deadline, before the start date;
 * - running: from the start date up to the day before the end date;
 * - ended: from the end date on (pairs wrap up that day), until a coordinator closes it;
 * - closed: a coordinator closed it (whatever the dates say).
 */
export const PROGRAMME_PHASES = ['signup_open', 'signup_closed', 'running', 'ended', 'closed'] as const;
export type ProgrammePhase = (typeof PROGRAMME_PHASES)[number];

export interface PhaseFacts {
  status: string;
  /** Stored calendar dates (UTC midnight). Without a deadline (older report fixtures) signup runs until the start. */
  signupDeadline?: Date;
  startDate: Date;
  endDate: Date;
}

/** The phase on `today` (YYYY-MM-DD, the programme's calendar). */
export function programmePhase(p: PhaseFacts, today: string): ProgrammePhase {
  if (p.status === 'closed') return 'closed';
  const start = isoDateOf(p.startDate);
  if (p.signupDeadline ? today <= isoDateOf(p.signupDeadline) : today < start) return 'signup_open';
  if (today < start) return 'signup_closed';
  return today < isoDateOf(p.endDate) ? 'running' : 'ended';
}

/** Newcomers (and people who left and come back) may join only while signup is open. */
export const acceptsSignups = (phase: ProgrammePhase): boolean => phase === 'signup_open';

/** Participants may edit their profile, pause, resume and leave until the programme ends. */
export const acceptsParticipantChanges = (phase: ProgrammePhase): boolean =>
  phase === 'signup_open' || phase === 'signup_closed' || phase === 'running';

/** Matching, rematches and check-ins belong to a programme that has not ended. */
export const isOver = (phase: ProgrammePhase): boolean => phase === 'ended' || phase === 'closed';
