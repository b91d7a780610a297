// When a message to a pair's group DM goes (the wrap-up, the midpoint survey), and the slot search the check-in
// nudges share (nudgeDelivery.ts). Pure: no clock, no I/O.
import { addDays } from '../../core/calendar.js';
import { isDaytimeWeekday, isWorkingTime, NUDGE_MINUTE, WORK_END_MINUTE } from './rules.js';
import { localTime, zonedInstant, type LocalTime } from './zones.js';

export interface Receivers {
  /** The mentee's zone: the reference for "10:00" when the two differ. */
  menteeZone: string;
  mentorZone: string;
}

/** How far ahead a slot is looked for: two weeks always contain common weekdays. */
const HORIZON_DAYS = 14;

/** Whether an instant suits both receivers, given the local time of each. */
export type Rule = (mentee: LocalTime, mentor: LocalTime) => boolean;

/** From 10:00 (the preferred hour) to the end of the working day. */
export const fromTen = (t: LocalTime) => t.minute >= NUDGE_MINUTE && t.minute < WORK_END_MINUTE;

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
export function* candidates(from: Date, zone: string): Generator<Date> {
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
export function possibleOn(date: string, rule: Rule, r: Receivers): boolean {
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
  return firstSlot(from, RULES, r) ?? zonedInstant(localTime(from, r.menteeZone).date, NUDGE_MINUTE, r.menteeZone);
}

/**
 * The first whole hour of the mentee's clock at or after `from` that the most preferred of `rules` possible on
 * `from`'s day allows (else the next rule), within two weeks; undefined when none does.
 */
export function firstSlot(from: Date, rules: readonly Rule[], r: Receivers): Date | undefined {
  const day = localTime(from, r.menteeZone).date;
  const first = Math.max(
    0,
    rules.findIndex((rule) => possibleOn(day, rule, r)),
  );
  for (const rule of rules.slice(first)) {
    for (const at of candidates(from, r.menteeZone)) {
      if (rule(localTime(at, r.menteeZone), localTime(at, r.mentorZone))) return at;
    }
  }
  return undefined;
}

/**
 * A message to the pair's group DM on `dueDate` (YYYY-MM-DD): that day at 10:00, or the first acceptable hour
 * after. Check-in nudges have their own rule (nudgeDelivery.ts): on a day with no shared working hour they go to
 * each member's own DM instead.
 */
export function nudgeInstant(dueDate: string, r: Receivers): Date {
  return nextSlot(zonedInstant(dueDate, 0, r.menteeZone), r);
}

/** A group DM message planned for `slot` and written at `now` keeps its time if it is recent and still daytime for both. */
export function isStillTimely(slot: Date, now: Date, graceMs: number, r: Receivers): boolean {
  if (now.getTime() - slot.getTime() > graceMs) return false;
  return isDaytimeWeekday(localTime(now, r.menteeZone)) && isDaytimeWeekday(localTime(now, r.mentorZone));
}
