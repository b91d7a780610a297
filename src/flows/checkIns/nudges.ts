// Scheduler steps that write to people: the nudge and its reminders, and the coordinators' word about a
// silent pair. Each claim is a compare-and-set, so replicas send each message once.
import { isoDateOf } from '../../core/localDate.js';
import {
  isAtRisk,
  MAX_NUDGES,
  menteeInstant,
  missedOn,
  nextReminder,
  nudgeDelivery,
  plannedDayOf,
  receiversOf,
  silence,
  todayFor,
  type NudgeDelivery,
  type PauseTime,
} from '../../domain/schedule/index.js';
import { atRiskNotices, nudgeMessage, type NudgeInput } from '../../messages/checkIns.js';
import type { OutgoingMessage } from '../../messages/outgoing.js';
import {
  findAtRiskCandidates,
  findDueNudgeIds,
  findDueNudges,
  findPairings,
  flagPairsAtRisk,
  recordNudges,
  type CheckInWithPair,
  type NudgeStep,
} from '../../store/checkIns.js';
import { coordinatorsOfProgrammes } from '../coordinators.js';
import { pausesOfPairs } from '../../store/pauses.js';
import { knownZones } from '../../store/directory.js';
import { asNotice } from '../delivery.js';
import type { Db } from '../../store/database.js';
import { BATCH } from './batches.js';
import { peopleOf } from './pairPeople.js';

/** The group DM's message, or one to each member's own DM at their own time. */
function nudgeMessages(base: Omit<NudgeInput, 'notBefore'>, d: NudgeDelivery, c: CheckInWithPair): OutgoingMessage[] {
  if (d.together) return [nudgeMessage({ ...base, notBefore: d.at })];
  return [
    nudgeMessage({ ...base, notBefore: d.mentee, recipient: c.pairing.mentee.slackUserId }),
    nudgeMessage({ ...base, notBefore: d.mentor, recipient: c.pairing.mentor.slackUserId }),
  ];
}

type Timing = { delivery: NudgeDelivery; next: Date | null };

/**
 * What a pass does with one due check-in as read: pure, so a whole batch is decided before anything is written.
 * `timings` remembers the times of rows alike (same slot, zones, count, due and planned day, cadence): in a fan-out
 * thousands of pairs share them, and working them out is most of the pass's CPU.
 */
export function nudgeStep(c: CheckInWithPair, now: Date, timings = new Map<string, Timing>()): NudgeStep {
  const p = c.pairing;
  const r = receiversOf(p);
  if (c.remindersSent >= MAX_NUDGES) return { row: c, sent: c.remindersSent, next: null, messages: [] };
  const n = c.remindersSent + 1;
  const due = isoDateOf(c.dueAt);
  const scheduledFor = plannedDayOf(p, c.scheduledFor);
  const slot = c.nextNudgeAt ?? now;
  const key = `${slot.getTime()}|${r.menteeZone}|${r.mentorZone}|${n}|${due}|${scheduledFor}|${p.cadenceDays}`;
  let timing = timings.get(key);
  if (!timing) {
    const delivery = nudgeDelivery(slot, now, r);
    timing = { delivery, next: nextReminder(n, menteeInstant(delivery), r, missedOn(due, scheduledFor, p.cadenceDays)) };
    timings.set(key, timing);
  }
  const { delivery, next } = timing;
  const base = { ...peopleOf(p), checkInId: c.id, sequence: c.sequence, dueDate: due, scheduledFor, n };
  return { row: c, sent: n, next, messages: nudgeMessages(base, delivery, c) };
}

/** The most due nudges one pass writes (as many as its 100 batches did when each batch was read by a query). */
const MAX_PER_PASS = 100 * BATCH;

/**
 * Every nudge and reminder due by `now` is written to the outbox now, for the first acceptable time at or
 * after this pass (nudgeDelivery): `held` counts those the outbox holds for later (outside the receivers'
 * working hours, or a member's own 10:00 still to come). Nothing is left for a later pass to find again.
 * Set-based: the due check-ins' ids are read once, oldest first; each batch of them is read in one query (still
 * due: another replica may have claimed some), decided in memory and written in one transaction (recordNudges).
 */
export async function sendNudges(db: Db, now: Date): Promise<{ nudges: number; held: number }> {
  let nudges = 0;
  let held = 0;
  const timings = new Map<string, Timing>();
  const ids = await findDueNudgeIds(db, now, MAX_PER_PASS);
  const read = (from: number) => {
    const rows = findDueNudges(db, now, BATCH, ids.slice(from, from + BATCH));
    rows.catch(() => undefined); // awaited below; a failed write must not leave it unhandled
    return rows;
  };
  const write = async (steps: NudgeStep[]) => {
    const claimed = await recordNudges(db, steps);
    for (const s of steps) {
      if (!claimed.has(s.row.id) || s.messages.length === 0) continue;
      nudges++;
      if (s.messages.some((m) => m.notBefore && m.notBefore > now)) held++;
    }
  };
  let next = ids.length > 0 ? read(0) : undefined;
  let writing: Promise<void> | undefined;
  for (let i = 0; next; i += BATCH) {
    const rows = await next;
    // The next batch is read, and this one decided, while the last one is written (PostgreSQL: on other
    // connections). Other rows: a write cannot change them, and each claim is a compare-and-set on the row as read.
    next = i + BATCH < ids.length ? read(i + BATCH) : undefined;
    const steps = rows.map((c) => nudgeStep(c, now, timings));
    await writing;
    writing = write(steps);
    writing.catch(() => undefined); // awaited in the next round or below
  }
  await writing;
  return { nudges, held };
}

/**
 * A pair with no meeting logged for two cadences is flagged to the coordinators, once per silent spell (a meeting
 * clears the flag: closeCheckIn). Days on an approved pause (the pair's, or either member's) do not count.
 */
export async function flagSilentPairs(db: Db, configuredCoordinators: readonly string[], now: Date): Promise<number> {
  let flagged = 0;
  let after = '';
  for (;;) {
    const candidates = await findAtRiskCandidates(db, BATCH, after);
    const quiet = (p: { mentee: { timezone: string } }, since: Date, pauses: PauseTime[]) =>
      silence(since, todayFor(p, since), now, todayFor(p, now), pauses);
    // Not at risk even counting no pauses: no need to read them, nor the pair's members and programme.
    const sinceOf = new Map(
      candidates.flatMap((c) => {
        const since = c.lastMetAt ?? c.introducedAt;
        return since && isAtRisk(quiet(c, since, []), c.cadenceDays) ? [[c.id, since] as const] : [];
      }),
    );
    const maybe = (await findPairings(db, [...sinceOf.keys()])).map((pair) => ({ pair, since: sinceOf.get(pair.id)! }));
    const pausesOf = await pausesOfPairs(db, maybe);
    const coordinatorsOf = await coordinatorsOfProgrammes(
      { db, config: { coordinators: configuredCoordinators } },
      maybe.map((m) => m.pair.programmeId),
    );
    const zones = await knownZones(db, [...new Set(maybe.flatMap((m) => coordinatorsOf(m.pair.programmeId)))]);
    const flags = maybe.flatMap(({ pair: p, since }) => {
      const s = quiet(p, since, pausesOf.get(p.id) ?? []);
      if (!isAtRisk(s, p.cadenceDays)) return [];
      // An alert, not an answer: each coordinator gets it in their working hours.
      const zoneOf = (u: string) => zones.get(u) ?? p.programme.timezone;
      const notices = atRiskNotices(coordinatorsOf(p.programmeId), peopleOf(p), s.days, s.pausedDays).map((m) =>
        asNotice(m, now, zoneOf, p.programme.timezone),
      );
      return [{ pairingId: p.id, messages: notices }];
    });
    flagged += await flagPairsAtRisk(db, now, flags);
    if (candidates.length < BATCH) break;
    after = candidates[candidates.length - 1]?.id ?? after;
  }
  return flagged;
}
