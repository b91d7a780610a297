// Pausing a participation: the person chooses the day they are back; the scheduler resumes them on that day.
import { addDays } from '../core/calendar.js';
import { zonedInstant } from './schedule/zones.js';

/** Whose participation can be paused (or paused again, to change the date). */
export const PAUSABLE_STATUSES: readonly string[] = ['active', 'paused'];

/** The pause modal suggests two weeks from today. */
export const DEFAULT_PAUSE_DAYS = 14;

export const suggestedPauseEnd = (today: string): string => addDays(today, DEFAULT_PAUSE_DAYS);

export type PauseDateProblem = 'no_date' | 'not_after_today' | 'after_programme_end';

/** Why a pause end date (YYYY-MM-DD, the person's local calendar) cannot be used; undefined when it can. */
export function pauseDateProblem(until: string | undefined, today: string, programmeEnd: string): PauseDateProblem | undefined {
  if (!until) return 'no_date';
  if (until <= today) return 'not_after_today';
  if (until > programmeEnd) return 'after_programme_end';
  return undefined;
}

/** A pause ends when the chosen day begins where the person is: the start of `until` in their time zone. */
export const pauseEndsAt = (until: string, timezone: string): Date => zonedInstant(until, 0, timezone);
