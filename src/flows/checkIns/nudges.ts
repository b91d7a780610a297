// Scheduler steps that write to people: the nudge and its reminders, and the coordinators' word about a
// silent pair. Each claim is a compare-and-set, so replicas send each message once.
import { isoDateOf } from '../../core/localDate.js';
import {
  atRiskOn,
  daysBetween,
  isStillTimely,
  MAX_NUDGES,
  missedOn,
  nextReminder,
  nextSlot,
  NUDGE_GRACE_MS,
  receiversOf,
  todayFor,
} from '../../domain/schedule/index.js';
import { atRiskNotices, nudgeMessage } from '../../messages/checkIns.js';
import { findAtRiskCandidates, findDueNudges, flagAtRisk, moveNudge, recordNudge } from '../../store/checkIns.js';
import { listCoordinators } from '../../store/coordinators.js';
import type { Db } from '../../store/database.js';
import { BATCH, batches } from './batches.js';
import { peopleOf } from './pairPeople.js';

export async function sendNudges(db: Db, now: Date): Promise<{ nudges: number; moved: number }> {
  let nudges = 0;
  let moved = 0;
  await batches(
    () => findDueNudges(db, now, BATCH),
    async (c) => {
      const p = c.pairing;
      const r = receiversOf(p);
      const at = c.nextNudgeAt ?? now;
      if (c.remindersSent >= MAX_NUDGES) return moveNudge(db, c, null);
      if (!isStillTimely(at, now, NUDGE_GRACE_MS, r)) {
        // The scheduler was down, or the pair or a member was paused: never late at night or at a weekend.
        const ok = await moveNudge(db, c, nextSlot(now, r));
        if (ok) moved++;
        return ok;
      }
      const n = c.remindersSent + 1;
      const due = isoDateOf(c.dueAt);
      const scheduledFor = c.scheduledFor ? isoDateOf(c.scheduledFor) : null;
      const next = nextReminder(n, at, r, missedOn(due, scheduledFor, p.cadenceDays));
      const message = nudgeMessage({
        ...peopleOf(p),
        checkInId: c.id,
        sequence: c.sequence,
        dueDate: due,
        scheduledFor,
        n,
        notBefore: at,
      });
      const ok = await recordNudge(db, c, n, next, message);
      if (ok) nudges++;
      return ok;
    },
  );
  return { nudges, moved };
}

/** A pair with no meeting logged for two cadences is flagged to the coordinators, once. */
export async function flagSilentPairs(db: Db, configuredCoordinators: readonly string[], now: Date): Promise<number> {
  const coordinators = await listCoordinators(db, configuredCoordinators);
  let flagged = 0;
  let after = '';
  for (;;) {
    const pairs = await findAtRiskCandidates(db, BATCH, after);
    for (const p of pairs) {
      const since = p.checkIns[0]?.metAt ?? p.introducedAt;
      if (!since) continue;
      const sinceDay = todayFor(p, since);
      if (todayFor(p, now) < atRiskOn(sinceDay, p.cadenceDays)) continue;
      const silentDays = daysBetween(sinceDay, todayFor(p, now));
      if (await flagAtRisk(db, p.id, now, atRiskNotices(coordinators, peopleOf(p), silentDays))) flagged++;
    }
    if (pairs.length < BATCH) break;
    after = pairs[pairs.length - 1]?.id ?? after;
  }
  return flagged;
}
