// The series of check-ins of a pair: due dates, the end of the programme, silence. Pure.
import { addDays } from '../../core/calendar.js';
import { AT_RISK_CADENCES } from './rules.js';

/** The next check-in after one met on `metOn`: a cadence later; null from the programme's end date (the wrap-up day) on. */
export function dueAfterMet(metOn: string, cadenceDays: number, endDate: string): string | null {
  const due = addDays(metOn, cadenceDays);
  return due >= endDate ? null : due;
}

/**
 * The next check-in after one skipped or missed (due on `dueOn`): the first date a whole number of
 * cadences later that is not before `today` (a long pause does not leave a trail of missed check-ins).
 */
export function dueAfterUnmet(dueOn: string, cadenceDays: number, today: string, endDate: string): string | null {
  let due = addDays(dueOn, cadenceDays);
  while (due < today) due = addDays(due, cadenceDays);
  return due >= endDate ? null : due;
}

/** An open check-in becomes missed once the next one would be due: a cadence after its due day (or the date they planned). */
export function missedOn(dueOn: string, scheduledFor: string | null, cadenceDays: number): string {
  const base = scheduledFor !== null && scheduledFor > dueOn ? scheduledFor : dueOn;
  return addDays(base, cadenceDays);
}

/** A pair is at risk on the day two cadences have passed with no meeting logged since `lastMetOn` (or the introduction). */
export function atRiskOn(lastMetOrIntroducedOn: string, cadenceDays: number): string {
  return addDays(lastMetOrIntroducedOn, AT_RISK_CADENCES * cadenceDays);
}
