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
  findDueNudges,
  flagAtRisk,
  moveNudge,
  recordNudge,
  type CheckInWithPair,
} from '../../store/checkIns.js';
import { coordinatorsOfProgrammes } from '../coordinators.js';
import { pausesOfPair } from '../../store/pauses.js';
import { knownZones } from '../../store/directory.js';
import { asNotice } from '../delivery.js';
import type { Db } from '../../store/database.js';
import { BATCH, batches } from './batches.js';
import { peopleOf } from './pairPeople.js';

/** The group DM's message, or one to each member's own DM at their own time. */
function nudgeMessages(base: Omit<NudgeInput, 'notBefore'>, d: NudgeDelivery, c: CheckInWithPair): OutgoingMessage[] {
  if (d.together) return [nudgeMessage({ ...base, notBefore: d.at })];
  return [
    nudgeMessage({ ...base, notBefore: d.mentee, recipient: c.pairing.mentee.slackUserId }),
    nudgeMessage({ ...base, notBefore: d.mentor, recipient: c.pairing.mentor.slackUserId }),
  ];
}

/**
 * Every nudge and reminder due by `now` is written to the outbox now, for the first acceptable time at or
 * after this pass (nudgeDelivery): `held` counts those the outbox holds for later (outside the receivers'
 * working hours, or a member's own 10:00 still to come). Nothing is left for a later pass to find again.
 */
export async function sendNudges(db: Db, now: Date): Promise<{ nudges: number; held: number }> {
  let nudges = 0;
  let held = 0;
  await batches(
    () => findDueNudges(db, now, BATCH),
    async (c) => {
      const p = c.pairing;
      const r = receiversOf(p);
      if (c.remindersSent >= MAX_NUDGES) return moveNudge(db, c, null);
      const delivery = nudgeDelivery(c.nextNudgeAt ?? now, now, r);
      const n = c.remindersSent + 1;
      const due = isoDateOf(c.dueAt);
      const scheduledFor = plannedDayOf(p, c.scheduledFor);
      const next = nextReminder(n, menteeInstant(delivery), r, missedOn(due, scheduledFor, p.cadenceDays));
      const base = { ...peopleOf(p), checkInId: c.id, sequence: c.sequence, dueDate: due, scheduledFor, n };
      const messages = nudgeMessages(base, delivery, c);
      const ok = await recordNudge(db, c, n, next, messages);
      if (ok) nudges++;
      if (ok && messages.some((m) => m.notBefore && m.notBefore > now)) held++;
      return ok;
    },
  );
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
    const pairs = await findAtRiskCandidates(db, BATCH, after);
    const coordinatorsOf = await coordinatorsOfProgrammes(
      { db, config: { coordinators: configuredCoordinators } },
      pairs.map((p) => p.programmeId),
    );
    const zones = await knownZones(db, [...new Set(pairs.flatMap((p) => coordinatorsOf(p.programmeId)))]);
    for (const p of pairs) {
      const since = p.checkIns[0]?.metAt ?? p.introducedAt;
      if (!since) continue;
      const quiet = (pauses: PauseTime[]) => silence(since, todayFor(p, since), now, todayFor(p, now), pauses);
      if (!isAtRisk(quiet([]), p.cadenceDays)) continue; // not even counting pauses: no need to read them
      const s = quiet(await pausesOfPair(db, p, since));
      if (!isAtRisk(s, p.cadenceDays)) continue;
      // An alert, not an answer: each coordinator gets it in their working hours.
      const zoneOf = (u: string) => zones.get(u) ?? p.programme.timezone;
      const notices = atRiskNotices(coordinatorsOf(p.programmeId), peopleOf(p), s.days, s.pausedDays).map((m) =>
        asNotice(m, now, zoneOf, p.programme.timezone),
      );
      if (await flagAtRisk(db, p.id, now, notices)) flagged++;
    }
    if (pairs.length < BATCH) break;
    after = pairs[pairs.length - 1]?.id ?? after;
  }
  return flagged;
}
