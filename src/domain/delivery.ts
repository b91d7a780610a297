// Humane timing (issue 17; docs/delivery-times.md): when a message that does not answer its receiver's own action
// may arrive. One rule for every sender: Mon-Fri 09:00-17:00 in the receiver's zone; a message moved out of the
// night or a weekend arrives at 10:00. What answers the receiver's own action is not held at all. Pure: instants
// and zones are arguments.
import { addDays } from '../core/calendar.js';
import { firstInstant, nudgeDelivery, plannedNudge, type NudgeDelivery } from './schedule/nudgeDelivery.js';
import { nextSlot, nudgeInstant, type Receivers } from './schedule/nudgeTime.js';
import { isWorkingTime, NUDGE_MINUTE, ON_TIME_GRACE_MS, WORK_START_MINUTE } from './schedule/rules.js';
import { localTime, zonedInstant } from './schedule/zones.js';

/**
 * The first acceptable moment for one receiver at or after `planned`: `planned` itself in working time, else 10:00
 * on the next working day (the same day when `planned` is before 09:00 on a weekday).
 */
export function firstWorkingMoment(planned: Date, zone: string): Date {
  const t = localTime(planned, zone);
  if (isWorkingTime(t)) return planned;
  for (let d = t.minute < WORK_START_MINUTE ? 0 : 1; d <= 7; d++) {
    const at = zonedInstant(addDays(t.date, d), NUDGE_MINUTE, zone);
    if (at >= planned && isWorkingTime(localTime(at, zone))) return at;
  }
  return planned; // unreachable: a week always has a weekday
}

/**
 * The first acceptable moment for a conversation several people read (a pair's group DM) at or after `planned`:
 * `planned` when it is working time for all; one reader: their own rule; two: the first hour that is working time
 * for both (from 10:00 on the first one's clock), and for a pair that shares no working hour that day, the first
 * one's working hours while it is daytime (07:00-22:00) on a weekday for the second (nudgeTime.ts, `nextSlot`).
 * Put the mentee first: the pair's clock is the mentee's.
 */
export function firstMomentForAll(planned: Date, zones: readonly string[]): Date {
  if (zones.every((z) => isWorkingTime(localTime(planned, z)))) return planned;
  const [first, second] = zones;
  if (first === undefined) return planned;
  if (second === undefined || zones.every((z) => z === first)) return firstWorkingMoment(planned, first);
  return nextSlot(planned, { menteeZone: first, mentorZone: second });
}

/** Whether `at` is working time for every one of these zones (a pair's group DM can be read by both then). */
export function isWorkingTimeForAll(at: Date, zones: readonly string[]): boolean {
  return zones.every((z) => isWorkingTime(localTime(at, z)));
}

/**
 * When a notice the scheduler planned for `at` goes, written by a pass at `now` (reminders, surveys, wrap-ups): `at`
 * when the pass is on time (within the grace) and `now` is an acceptable moment for all; else the first acceptable
 * moment from `now`. A late pass outside working hours (a wrap-up found on a Saturday) is thus held to 10:00 on the
 * next working day, never sent in the evening or at a weekend. Zones as for `firstMomentForAll`.
 */
export function scheduledNoticeTime(at: Date, now: Date, zones: readonly string[]): Date {
  if (now < at) return firstMomentForAll(at, zones);
  const next = firstMomentForAll(now, zones);
  return next.getTime() === now.getTime() && now.getTime() - at.getTime() <= ON_TIME_GRACE_MS ? at : next;
}

/**
 * When a scheduler pass should look for a pair's message on a day of its calendar (the midpoint survey, the
 * wrap-up: `date` is the mentee's day). A pair that shares a working hour that day: the pair's time
 * (`nudgeInstant`); one that shares none: the first of the two members' own 10:00 that day (as its nudges).
 */
export function pairDayInstant(date: string, r: Receivers): Date {
  const plan = plannedNudge(date, r);
  return plan.together ? nudgeInstant(date, r) : firstInstant(plan);
}

/**
 * Who gets a pair's message for `date`, and when, written by a pass at `now` (issue 17.4). Together: the group DM,
 * at `scheduledNoticeTime` of the pair's time. Apart (no working hour in common that day): each member in their
 * own DM at their own first working moment (10:00 that day, or the next working 10:00 when the pass is late).
 */
export function pairDayDelivery(date: string, now: Date, r: Receivers): NudgeDelivery {
  const plan = plannedNudge(date, r);
  if (!plan.together) return nudgeDelivery(firstInstant(plan), now, r);
  return { together: true, at: scheduledNoticeTime(nudgeInstant(date, r), now, [r.menteeZone, r.mentorZone]) };
}

/**
 * A pair's message at `planned` that does not answer either member (an introduction). Together: the group DM at the
 * first moment of working time for both. Apart, when the pair shares no working hour then: each member at their own
 * first working moment, in their own DM.
 */
export function pairNoticeDelivery(planned: Date, r: Receivers): NudgeDelivery {
  const zones = [r.menteeZone, r.mentorZone];
  const at = firstMomentForAll(planned, zones);
  if (isWorkingTimeForAll(at, zones)) return { together: true, at };
  return {
    together: false,
    mentee: firstWorkingMoment(planned, r.menteeZone),
    mentor: firstWorkingMoment(planned, r.mentorZone),
  };
}

/** How a message relates to its receivers: it answers their own action (at once), or it does not (working hours). */
export type Timing = 'reply' | 'notice';

/** When a message goes: a reply at once (`planned`), a notice at the receivers' first acceptable moment. */
export function deliveryTime(timing: Timing, planned: Date, zones: readonly string[]): Date {
  return timing === 'reply' ? planned : firstMomentForAll(planned, zones);
}
