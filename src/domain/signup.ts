// Rules for a signup. Pure: the caller supplies "now" (as the person's local date) and the context.
import { isOffered, isSlackUserId } from './inputs.js';
import { GENERATIONS, MEETING_PREFERENCES, SENIORITY_LEVELS, type Role } from './people.js';

export const SIGNUP_TEXT_LIMITS = { goals: 1000, department: 80, title: 120 } as const;
export const MAX_AVOID = 20;
/** What the signup form offers: the values a submission may carry. */
export const SIGNUP_CHOICES = {
  seniorityLevel: SENIORITY_LEVELS.map((s) => s.level),
  generation: GENERATIONS.map((g) => g.key),
  meetingPreference: MEETING_PREFERENCES.map((m) => m.key),
  capacity: [1, 2],
} as const;

export interface SignupDraft {
  role: Role | undefined;
  seniorityLevel: number | undefined;
  title: string;
  generation: string | undefined;
  department: string;
  managerSlackId: string | undefined;
  teaches: string[];
  learns: string[];
  goals: string;
  meetingPreference: string | undefined;
  capacity: number | undefined;
  avoidSlackIds: string[];
  timezone: string | undefined;
}

export type SignupField = keyof SignupDraft;

export interface SignupContext {
  selfSlackId: string;
  catalogueKeys: readonly string[];
  /** the signup deadline has passed (already computed in the programme's time zone) */
  deadlinePassed: boolean;
  isKnownTimezone: (tz: string) => boolean;
  /**
   * The person's pairings that still hold (docs/operations.md, "Participant lifecycle"): their role cannot change
   * while they have one, and a mentor cannot take fewer mentees than they have.
   */
  paired?: { role: Role; pairs: number };
}

/** Each problem keyed by the field it belongs to; empty when the whole form is valid. */
export function signupProblems(d: SignupDraft, ctx: SignupContext): Partial<Record<SignupField, string>> {
  const p: Partial<Record<SignupField, string>> = {};
  if (ctx.deadlinePassed) p.role = 'Signup for this programme has closed. Your coordinator can tell you about the next one.';
  else if (!d.role) p.role = 'Choose whether you join as a mentor or a mentee.';
  if (d.seniorityLevel === undefined) p.seniorityLevel = 'Choose your career stage.';
  else if (!isOffered(SIGNUP_CHOICES.seniorityLevel, d.seniorityLevel))
    p.seniorityLevel = 'Choose your career stage from the list.';
  if (d.generation !== undefined && !isOffered(SIGNUP_CHOICES.generation, d.generation))
    p.generation = 'Choose a generation from the list.';
  if (d.title.length > SIGNUP_TEXT_LIMITS.title) p.title = `Keep your title under ${SIGNUP_TEXT_LIMITS.title} characters.`;
  if (d.department.trim().length === 0) p.department = 'Tell us your department.';
  else if (d.department.length > SIGNUP_TEXT_LIMITS.department)
    p.department = `Keep this under ${SIGNUP_TEXT_LIMITS.department} characters.`;
  if (d.managerSlackId !== undefined && !isSlackUserId(d.managerSlackId))
    p.managerSlackId = 'Choose your manager with the people picker.';
  else if (d.managerSlackId && d.managerSlackId === ctx.selfSlackId) p.managerSlackId = 'You cannot be your own manager.';
  const unknown = (keys: string[]) => keys.some((k) => !ctx.catalogueKeys.includes(k));
  if (unknown(d.teaches)) p.teaches = 'Choose topics from the list.';
  else if (d.teaches.length === 0) p.teaches = 'Choose at least one topic you can teach.';
  if (unknown(d.learns)) p.learns = 'Choose topics from the list.';
  else if (d.learns.length === 0) p.learns = 'Choose at least one topic you want to learn.';
  if (d.goals.length > SIGNUP_TEXT_LIMITS.goals)
    p.goals = `Keep your goals under ${SIGNUP_TEXT_LIMITS.goals} characters (now ${d.goals.length}).`;
  if (!d.meetingPreference) p.meetingPreference = 'Choose how you prefer to meet.';
  else if (!isOffered(SIGNUP_CHOICES.meetingPreference, d.meetingPreference))
    p.meetingPreference = 'Choose how you prefer to meet from the list.';
  const paired = ctx.paired && ctx.paired.pairs > 0 ? ctx.paired : undefined;
  if (!p.role && paired && d.role && d.role !== paired.role)
    p.role = `You are paired as a ${paired.role}, so your role stays ${paired.role} while the pairing runs. Everything else here can change.`;
  if (d.role === 'mentor' && !isOffered(SIGNUP_CHOICES.capacity, d.capacity)) p.capacity = 'A mentor takes 1 or 2 mentees.';
  else if (d.role === 'mentor' && paired?.role === 'mentor' && d.capacity! < paired.pairs)
    p.capacity = `You are paired with ${paired.pairs} mentees now: keep this at ${paired.pairs} while those pairings run.`;
  if (d.role === 'mentee' && d.capacity !== undefined && d.capacity !== 1)
    p.capacity = 'A mentee has one mentor: leave this at 1.';
  if (!d.avoidSlackIds.every(isSlackUserId)) p.avoidSlackIds = 'Choose people with the people picker.';
  else if (d.avoidSlackIds.includes(ctx.selfSlackId)) p.avoidSlackIds = 'You cannot list yourself here.';
  else if (d.managerSlackId && d.avoidSlackIds.includes(d.managerSlackId))
    p.avoidSlackIds = 'Your manager is never paired with you anyway: no need to list them.';
  else if (d.avoidSlackIds.length > MAX_AVOID) p.avoidSlackIds = `List at most ${MAX_AVOID} people.`;
  if (!d.timezone || !ctx.isKnownTimezone(d.timezone)) p.timezone = 'Choose your time zone.';
  return p;
}
