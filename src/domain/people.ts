// The vocabulary of a participant's profile.
import { withoutControlCharacters } from './inputs.js';

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  mentor: 'Mentor: I am earlier in my career and will teach a senior leader',
  mentee: 'Mentee: I am a senior leader and want to learn',
};

/** Higher = more senior. The matcher requires mentor.level + programme gap <= mentee.level. */
export const SENIORITY_LEVELS = [
  { level: 1, label: 'Intern, apprentice or graduate' },
  { level: 2, label: 'Junior / early career' },
  { level: 3, label: 'Experienced individual contributor' },
  { level: 4, label: 'Team lead or manager' },
  { level: 5, label: 'Senior manager' },
  { level: 6, label: 'Director or head of' },
  { level: 7, label: 'Vice president or executive' },
] as const;

export const GENERATIONS = [
  { key: 'gen-z', label: 'Gen Z (born 1997 to 2012)' },
  { key: 'millennial', label: 'Millennial (1981 to 1996)' },
  { key: 'gen-x', label: 'Gen X (1965 to 1980)' },
  { key: 'boomer', label: 'Baby boomer (1946 to 1964)' },
  { key: 'prefer-not', label: 'Prefer not to say' },
] as const;

export const MEETING_PREFERENCES = [
  { key: 'video', label: 'Video call' },
  { key: 'in_person', label: 'In person' },
  { key: 'either', label: 'Either' },
] as const;
export type MeetingPreference = (typeof MEETING_PREFERENCES)[number]['key'];

export const PARTICIPANT_STATUSES = ['active', 'paused', 'withdrawn', 'departed'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export function seniorityLabel(level: number): string {
  return SENIORITY_LEVELS.find((s) => s.level === level)?.label ?? `Level ${level}`;
}

export function generationLabel(key: string): string {
  return GENERATIONS.find((g) => g.key === key)?.label ?? key;
}

export function meetingPreferenceLabel(key: string): string {
  return MEETING_PREFERENCES.find((m) => m.key === key)?.label ?? key;
}

/** Names longer than this are cut: they go into lines, buttons' labels and table cells. */
export const NAME_MAX_LENGTH = 80;

/** The parts of a Slack user object (users.info, user_change) that name a person. */
export interface SlackName {
  /** the handle: Slack's legacy username, shown only when the profile names nobody */
  name?: string | undefined;
  real_name?: string | undefined;
  profile?: { display_name?: string | undefined; real_name?: string | undefined } | undefined;
}

/** One line: no control characters, any run of white space (a newline, a tab) one space, cut by code points. */
const clean = (text: string | undefined): string =>
  [
    ...withoutControlCharacters(text ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
  ]
    .slice(0, NAME_MAX_LENGTH)
    .join('')
    .trim();

/**
 * The name people see for someone: the display name they chose in Slack (often empty), else their full name,
 * else their handle; never their Slack id. Empty when Slack names them nowhere (callers keep what they had).
 */
export function nameToShow(user: SlackName): string {
  const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
  for (const candidate of candidates) {
    const name = clean(candidate);
    if (name !== '') return name;
  }
  return '';
}
