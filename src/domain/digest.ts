// When coordinators hear about their own next steps (docs/coordinators.md): the reminders' moments and the weekly
// digest's week. Pure: instants are arguments, zones are IANA names.
import { addDays } from '../core/calendar.js';
import { localTime, zonedInstant } from './schedule/index.js';

/** The digest goes on Monday at 09:00 in the coordinator's zone. */
export const DIGEST_MINUTE = 9 * 60;
/** A draft matching left this many working days gets a reminder. */
export const DRAFT_WAIT_WORKING_DAYS = 2;
/** The programme's end is announced to coordinators this many days ahead. */
export const ENDING_SOON_DAYS = 14;

const isWeekendDate = (isoDate: string): boolean => {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** The same local time `days` working days after `from` (weekends do not count). */
export function afterWorkingDays(from: Date, days: number, zone: string): Date {
  const start = localTime(from, zone);
  let date = start.date;
  for (let left = days; left > 0;) {
    date = addDays(date, 1);
    if (!isWeekendDate(date)) left--;
  }
  return zonedInstant(date, start.minute, zone);
}

/** The latest digest moment at or before `now`: its Monday (YYYY-MM-DD, the zone's calendar) and the instant. */
export function digestWeek(now: Date, zone: string): { weekOf: string; at: Date } {
  const today = localTime(now, zone);
  let weekOf = addDays(today.date, -((today.weekday + 6) % 7));
  let at = zonedInstant(weekOf, DIGEST_MINUTE, zone);
  if (at.getTime() > now.getTime()) {
    weekOf = addDays(weekOf, -7);
    at = zonedInstant(weekOf, DIGEST_MINUTE, zone);
  }
  return { weekOf, at };
}

/** Whether the programme's end (YYYY-MM-DD) is near on `today`: from ENDING_SOON_DAYS before it, up to the day before. */
export function endsSoon(endDate: string, today: string): boolean {
  return today >= addDays(endDate, -ENDING_SOON_DAYS) && today < endDate;
}
