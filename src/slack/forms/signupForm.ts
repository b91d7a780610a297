import { ROLES, type Role } from '../../domain/people.js';
import type { SignupDraft } from '../../domain/signup.js';
import { FormValues, type ParsedState } from './stateValues.js';

const asRole = (v: string | undefined): Role | undefined =>
  (ROLES as readonly string[]).includes(v ?? '') ? (v as Role) : undefined;

/** Reads the signup modal into a draft; the rules in domain/signup.ts judge it. */
export function readSignupForm(values: ParsedState): SignupDraft {
  const f = new FormValues(values);
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    role: asRole(f.option('role')),
    seniorityLevel: f.integer('seniorityLevel'),
    title: f.text('title'),
    generation: f.option('generation'),
    department: f.text('department'),
    managerSlackId: f.user('managerSlackId'),
    teaches: unique(f.options('teaches')),
    learns: unique(f.options('learns')),
    goals: f.text('goals'),
    meetingPreference: f.option('meetingPreference'),
    capacity: f.integer('capacity'),
    avoidSlackIds: unique(f.users('avoidSlackIds')),
    timezone: f.text('timezone') || undefined,
  };
}
