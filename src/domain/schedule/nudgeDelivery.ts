// Who gets a check-in nudge (or reminder), and when. Humane timing (issue 17): a nudge does not answer anything
// its receivers did, so it arrives in each receiver's working hours (Mon-Fri 09:00-17:00 local, 10:00 preferred).
// A pair that shares a working hour that day gets it in its group DM at such an hour; a pair that shares none
// gets it in each member's own DM at their own 10:00. Pure: instants are arguments.
import { addDays } from '../../core/calendar.js';
import { firstSlot, fromTen, possibleOn, type Receivers, type Rule } from './nudgeTime.js';
import { isWorkingTime, MAX_NUDGES, REMINDER_GAPS_DAYS } from './rules.js';
import { localTime, zonedInstant } from './zones.js';

/** Together: one message to the group DM. Apart: one to each member's DM, each at its own time. */
export type NudgeDelivery = { together: true; at: Date } | { together: false; mentee: Date; mentor: Date };

/** Working time for both, from 10:00 on the mentee's clock if the day allows it. */
const SHARED: readonly Rule[] = [
  (a, b) => fromTen(a) && isWorkingTime(a) && isWorkingTime(b),
  (a, b) => isWorkingTime(a) && isWorkingTime(b),
];
/** One person: 10:00 to 17:00 on a weekday (both zones are theirs). */
const OWN: readonly Rule[] = [(a) => fromTen(a) && isWorkingTime(a)];

const alone = (zone: string): Receivers => ({ menteeZone: zone, mentorZone: zone });

/** Whether the two have a whole working hour in common on `date` (the mentee's day, weekends aside). */
export function sharesWorkingHours(date: string, r: Receivers): boolean {
  return possibleOn(date, SHARED[1]!, r);
}

/** The person's first whole hour from 10:00 in a working day, at or after `from`. */
function ownSlot(from: Date, zone: string): Date {
  return firstSlot(from, OWN, alone(zone)) ?? from; // a working day is never two weeks away
}

/** Every instant from `a` to `b` is working time in `zone`: one working day, both inside it (it has no gaps). */
function sameWorkingStretch(a: Date, b: Date, zone: string): boolean {
  const x = localTime(a, zone);
  const y = localTime(b, zone);
  return a <= b && x.date === y.date && isWorkingTime(x) && isWorkingTime(y);
}

/**
 * The nudge planned for `date` (the due day, a reminder's day, the day after a planned meeting: the mentee's
 * calendar). Together at the first shared working hour from 10:00 that day or after; apart, each member at
 * their own 10:00 on that date (the next weekday's when it is a weekend for them).
 */
export function plannedNudge(date: string, r: Receivers): NudgeDelivery {
  if (sharesWorkingHours(date, r)) {
    const at = firstSlot(zonedInstant(date, 0, r.menteeZone), SHARED, r);
    if (at) return { together: true, at };
  }
  return {
    together: false,
    mentee: ownSlot(zonedInstant(date, 0, r.menteeZone), r.menteeZone),
    mentor: ownSlot(zonedInstant(date, 0, r.mentorZone), r.mentorZone),
  };
}

/** When a pass should look at it: its first instant (what `CheckIn.nextNudgeAt` stores). */
export function firstInstant(d: NudgeDelivery): Date {
  if (d.together) return d.at;
  return d.mentee <= d.mentor ? d.mentee : d.mentor;
}

/** The pair's clock is the mentee's: reminders count their days from the mentee's message. */
export const menteeInstant = (d: NudgeDelivery): Date => (d.together ? d.at : d.mentee);

/** The first nudge of a check-in due on `date`, as stored in `nextNudgeAt`. */
export const nudgeAt = (date: string, r: Receivers): Date => firstInstant(plannedNudge(date, r));

/** The plan a stored `nextNudgeAt` came from: its date is one receiver's date of it. Undefined for one of no plan. */
function planOf(slot: Date, r: Receivers): NudgeDelivery | undefined {
  for (const zone of [r.menteeZone, r.mentorZone]) {
    const plan = plannedNudge(localTime(slot, zone).date, r);
    if (firstInstant(plan).getTime() === slot.getTime()) return plan;
  }
  return undefined;
}

/** One receiver: as planned if that is still to come or the pass runs in its working stretch; else now if working time, else their next 10:00. */
function ownDelivery(planned: Date, at: Date, zone: string): Date {
  if (planned >= at || sameWorkingStretch(planned, at, zone)) return planned;
  return isWorkingTime(localTime(at, zone)) ? at : ownSlot(at, zone);
}

/**
 * A pass at `now` finds the nudge planned for `slot` (its `nextNudgeAt`) due: when each receiver gets it. That is
 * the first acceptable time at or after the pass, whatever the time between passes or the length of an outage:
 * the planned time while the pass runs in the same working stretch (or before it), else now if it is working
 * time, else the next working hour (10:00). The pass writes the message at once with that time as the outbox's
 * not-before, so no later pass has to find it again.
 */
export function nudgeDelivery(slot: Date, now: Date, r: Receivers): NudgeDelivery {
  const at = now < slot ? slot : now;
  const plan = planOf(slot, r);
  if (plan && !plan.together)
    return {
      together: false,
      mentee: ownDelivery(plan.mentee, at, r.menteeZone),
      mentor: ownDelivery(plan.mentor, at, r.mentorZone),
    };
  if (sharesWorkingHours(localTime(at, r.menteeZone).date, r)) {
    const zones = [r.menteeZone, r.mentorZone];
    if (zones.every((z) => sameWorkingStretch(slot, at, z))) return { together: true, at: slot };
    if (zones.every((z) => isWorkingTime(localTime(at, z)))) return { together: true, at };
    const next = firstSlot(at, SHARED, r);
    if (next) return { together: true, at: next };
  }
  return { together: false, mentee: ownDelivery(slot, at, r.menteeZone), mentor: ownDelivery(slot, at, r.mentorZone) };
}

/**
 * After nudge number `sent` (1 = the nudge itself) reached the mentee at `lastAt`: when the next reminder is
 * planned, or null when the cap is reached or the reminder would fall on or after `stopDate` (the day the
 * check-in would be missed).
 */
export function nextReminder(sent: number, lastAt: Date, r: Receivers, stopDate: string): Date | null {
  if (sent >= MAX_NUDGES) return null;
  const gap = REMINDER_GAPS_DAYS[Math.min(sent - 1, REMINDER_GAPS_DAYS.length - 1)] ?? REMINDER_GAPS_DAYS[0];
  const plan = plannedNudge(addDays(localTime(lastAt, r.menteeZone).date, gap), r);
  return localTime(menteeInstant(plan), r.menteeZone).date >= stopDate ? null : firstInstant(plan);
}
