// The first check-in of a pair: one tested rule for the matching's approval, a rematch and the scheduler's
// safety net. Pure: dates are arguments (YYYY-MM-DD on the programme's calendar).
import { addDays } from '../../core/calendar.js';
import { isoDateOf, localDate } from '../../core/localDate.js';
import { FIRST_CHECK_IN_WITHIN_DAYS } from './rules.js';

const weekday = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`).getUTCDay();
export const isWorkingDay = (isoDate: string): boolean => weekday(isoDate) !== 0 && weekday(isoDate) !== 6;

export interface FirstCheckInDates {
  /** The day the pair was introduced (approval or rematch), on the programme's calendar. */
  introducedOn: string;
  programmeStart: string;
}

/**
 * Due on the last working day (Monday to Friday) of the pair's first week: the seven days that begin with the
 * programme's start or, for a later introduction, with the introduction. So never before the start, never on a
 * weekend, never more than six days into that week. (A pair introduced in the programme's last week gets a date on or
 * after the end: the scheduler creates no such check-in, and the wrap-up cancels one the approval created.)
 */
export function firstCheckInDue(d: FirstCheckInDates): string {
  const weekStart = d.introducedOn > d.programmeStart ? d.introducedOn : d.programmeStart;
  let due = addDays(weekStart, FIRST_CHECK_IN_WITHIN_DAYS - 1);
  while (!isWorkingDay(due)) due = addDays(due, -1);
  return due;
}

/** The same for a stored programme and the instant of the introduction (read on the programme's calendar). */
export function firstCheckInDueFor(programme: { startDate: Date; timezone: string }, introducedAt: Date): string {
  return firstCheckInDue({
    introducedOn: localDate(introducedAt, programme.timezone),
    programmeStart: isoDateOf(programme.startDate),
  });
}
