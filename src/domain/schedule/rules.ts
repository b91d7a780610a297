// Product rules of the check-in schedule: numbers in one place. Pure.
import type { LocalTime } from './zones.js';

export const MIN_CADENCE_DAYS = 14;
export const MAX_CADENCE_DAYS = 28;
/** Choices offered by "Change cadence". */
export const CADENCE_CHOICES = [14, 21, 28] as const;
/** The first check-in is due within the pair's first week: this many days from the start or the introduction. */
export const FIRST_CHECK_IN_WITHIN_DAYS = 7;
/** The nudge's preferred local time, and the working day and waking day it must fall in. */
export const NUDGE_MINUTE = 10 * 60;
export const WORK_START_MINUTE = 9 * 60;
export const WORK_END_MINUTE = 17 * 60;
export const DAY_START_MINUTE = 7 * 60;
export const NIGHT_START_MINUTE = 22 * 60;
/** After the nudge, at most this many reminders, each this many days after the previous message. */
export const MAX_REMINDERS = 2;
export const REMINDER_GAPS_DAYS = [3, 4] as const;
/** Total nudge messages per check-in: the nudge and its reminders. */
export const MAX_NUDGES = 1 + MAX_REMINDERS;
/**
 * A group DM message (wrap-up, midpoint survey) written by a pass at most this long after its planned time keeps
 * that time; later, it takes the first acceptable slot at or after the pass. Either way it is written then, with
 * that not-before time: nothing is left for a later pass to find. (Check-in nudges: nudgeDelivery.ts.)
 */
export const ON_TIME_GRACE_MS = 2 * 60 * 60 * 1000;
/** A pair with no meeting logged for this many cadences is flagged to coordinators (once). */
export const AT_RISK_CADENCES = 2;

export function clampCadence(days: number): number {
  return Math.min(MAX_CADENCE_DAYS, Math.max(MIN_CADENCE_DAYS, Math.round(days)));
}

export const isWeekend = (t: LocalTime): boolean => t.weekday === 0 || t.weekday === 6;
export const isWorkingTime = (t: LocalTime): boolean =>
  !isWeekend(t) && t.minute >= WORK_START_MINUTE && t.minute < WORK_END_MINUTE;
/** A weekday, neither night nor early morning: the least any message must respect. */
export const isDaytimeWeekday = (t: LocalTime): boolean =>
  !isWeekend(t) && t.minute >= DAY_START_MINUTE && t.minute < NIGHT_START_MINUTE;
/** How long a scheduled check-in is in the pair's calendars. */
export const CHECK_IN_MINUTES = 60;
