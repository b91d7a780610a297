// When a nudge goes out for a pair. Pure: no clock, no I/O.
import { addDays } from '../../core/calendar.js';
import { isDaytimeWeekday, isWorkingTime, MAX_NUDGES, NUDGE_MINUTE, REMINDER_GAPS_DAYS, WORK_END_MINUTE } from './rules.js';
import { localTime, zonedInstant, type LocalTime } from './zones.js';

export interface Receivers {
  /** The mentee's zone: the reference for "10:00" when the two differ. */
  menteeZone: string;
  mentorZone: string;
}

/** How far ahead a slot is looked for: two weeks always contain common weekdays. */
const HORIZON_DAYS = 14;

type Rule = (mentee: LocalTime, mentor: LocalTime) => boolean;

const fromTen = (t: LocalTime) => t.minute >= NUDGE_MINUTE && t.minute < WORK_END_MINUTE;

/**
 * In order of preference: working time for both (from 10:00 for the mentee, which is 10:00 exactly when
 * the zones agree); else the mentee's working day while the mentor is awake; else waking hours for both.
 * Every rule excludes weekends and nights for both.
 */
const RULES: Rule[] = [
  (a, b) => fromTen(a) && isWorkingTime(a) && isWorkingTime(b),
  (a, b) => fromTen(a) && isWorkingTime(a) && isDaytimeWeekday(b),
  (a, b) => isDaytimeWeekday(a) && isDaytimeWeekday(b),
];

/** The mentee's whole hours from `from` on, for the horizon. */
function* candidates(from: Date, zone: string): Generator<Date> {
  const start = localTime(from, zone);
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    const date = addDays(start.date, d);
    for (let h = 0; h < 24; h++) {
      const at = zonedInstant(date, h * 60, zone);
      if (at.getTime() >= from.getTime()) yield at;
    }
  }
}

const midweek = (t: LocalTime): LocalTime => ({ ...t, weekday: 3 });

/** Whether the rule can hold on that day at all with the day's offsets (weekends aside). */
function possibleOn(date: string, rule: Rule, r: Receivers): boolean {
  for (let h = 0; h < 24; h++) {
    const at = zonedInstant(date, h * 60, r.menteeZone);
    if (rule(midweek(localTime(at, r.menteeZone)), midweek(localTime(at, r.mentorZone)))) return true;
  }
  return false;
}

/**
 * The first acceptable instant at or after `from`. The rule is the most preferred one the two zones'
 * offsets allow on that day, so a weekend or a daylight-saving change a week later does not pick another.
 */
export function nextSlot(from: Date, r: Receivers): Date {
  const day = localTime(from, r.menteeZone).date;
  const first = Math.max(
    0,
    RULES.findIndex((rule) => possibleOn(day, rule, r)),
  );
  for (const rule of RULES.slice(first)) {
    for (const at of candidates(from, r.menteeZone)) {
      if (rule(localTime(at, r.menteeZone), localTime(at, r.mentorZone))) return at;
    }
  }
  return zonedInstant(localTime(from, r.menteeZone).date, NUDGE_MINUTE, r.menteeZone);
}

/** The nudge for a check-in due on `dueDate` (YYYY-MM-DD): the due day at 10:00, or the first acceptable hour after. */
export function nudgeInstant(dueDate: string, r: Receivers): Date {
  return nextSlot(zonedInstant(dueDate, 0, r.menteeZone), r);
}

/**
 * After nudge number `sent` (1 = the nudge itself) went out at `lastAt`: when the next reminder goes, or
 * null when the cap is reached or the reminder would fall on or after `stopDate` (the next check-in's due day).
 */
export function nextReminder(sent: number, lastAt: Date, r: Receivers, stopDate: string): Date | null {
  if (sent >= MAX_NUDGES) return null;
  const gap = REMINDER_GAPS_DAYS[Math.min(sent - 1, REMINDER_GAPS_DAYS.length - 1)] ?? REMINDER_GAPS_DAYS[0];
  const at = nudgeInstant(addDays(localTime(lastAt, r.menteeZone).date, gap), r);
  return localTime(at, r.menteeZone).date >= stopDate ? null : at;
}

/** A slot is still good to send at `now` if it is recent and still acceptable for both. */
export function isStillTimely(slot: Date, now: Date, graceMs: number, r: Receivers): boolean {
  if (now.getTime() - slot.getTime() > graceMs) return false;
  return isDaytimeWeekday(localTime(now, r.menteeZone)) && isDaytimeWeekday(localTime(now, r.mentorZone));
}
