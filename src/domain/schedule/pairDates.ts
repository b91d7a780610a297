// The schedule rules of one pair, on the pair's own dates: its mentee's "today", its programme's end date,
// the next check-in after a meeting or a skip. Pure: `now` is an argument.
import { addDays } from '../../core/calendar.js';
import { dateOnly, isoDateOf, localDate } from '../../core/localDate.js';
import { nudgeAt } from './nudgeDelivery.js';
import { type Receivers } from './nudgeTime.js';
import { MAX_NUDGES } from './rules.js';
import { dueAfterMet, dueAfterUnmet } from './series.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rules need of a pair (a stored pairing has it). */
export interface PairTimes {
  cadenceDays: number;
  mentor: { timezone: string };
  mentee: { timezone: string };
  programme: { endDate: Date };
}

export const receiversOf = (p: Pick<PairTimes, 'mentor' | 'mentee'>): Receivers => ({
  menteeZone: p.mentee.timezone,
  mentorZone: p.mentor.timezone,
});

/** One person's own zone for both ends: their private prompts and reminders. */
export const ownZone = (m: { timezone: string }): Receivers => ({ menteeZone: m.timezone, mentorZone: m.timezone });

/** The pair's calendar day: the mentee's. */
export const todayFor = (p: Pick<PairTimes, 'mentee'>, now: Date): string => localDate(now, p.mentee.timezone);

export const endDateOf = (p: Pick<PairTimes, 'programme'>): string => isoDateOf(p.programme.endDate);

/** The next check-in as stored: its due date (date-only) and its first nudge; null when there is none. */
export function nextCheckIn(p: PairTimes, due: string | null): { dueAt: Date; nextNudgeAt: Date } | null {
  return due === null ? null : { dueAt: dateOnly(due), nextNudgeAt: nudgeAt(due, receiversOf(p)) };
}

/** The next check-in's due date after a meeting logged at `metAt`. */
export function dueAfterMeeting(p: PairTimes, metAt: Date): string | null {
  return dueAfterMet(todayFor(p, metAt), p.cadenceDays, endDateOf(p));
}

/** The next check-in's due date after the one due on `row.dueAt` was skipped or missed. */
export function dueAfterSkipping(p: PairTimes, row: { dueAt: Date }, now: Date): string | null {
  return dueAfterUnmet(isoDateOf(row.dueAt), p.cadenceDays, todayFor(p, now), endDateOf(p));
}

/** The day of a planned meeting (stored as its instant) on the pair's calendar: the mentee's. */
export const plannedDayOf = (p: Pick<PairTimes, 'mentee'>, scheduledFor: Date | null): string | null =>
  scheduledFor ? localDate(scheduledFor, p.mentee.timezone) : null;

/** The days a pair may plan a check-in for: from today to the programme's last day. */
export function planningWindow(p: PairTimes, now: Date): { today: string; lastDay: string } {
  return { today: todayFor(p, now), lastDay: addDays(endDateOf(p), -1) };
}

/** No reminder before the planned day; the day after it, one asks whether they met (if any reminder is left). */
export function nudgeAfterPlannedDay(p: PairTimes, plannedFor: string, remindersSent: number): Date | null {
  return remindersSent < MAX_NUDGES ? nudgeAt(addDays(plannedFor, 1), receiversOf(p)) : null;
}

/** Whole days between two calendar dates (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateOnly(to).getTime() - dateOnly(from).getTime()) / DAY_MS);
}
