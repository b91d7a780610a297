// Scheduler steps that keep each pair's series going: the first check-in, the first nudge of a check-in
// nobody planned yet, and the missed check-in that opens the next one. Each write is a compare-and-set.
import { dateOnly, isoDateOf } from '../../core/localDate.js';
import {
  dueAfterSkipping,
  endDateOf,
  firstCheckInDueFor,
  MIN_CADENCE_DAYS,
  missedOn,
  nextCheckIn,
  nudgeAt,
  plannedDayOf,
  receiversOf,
  todayFor,
} from '../../domain/schedule/index.js';
import {
  closeMissedCheckIns,
  createFirstCheckIns as createFirstCheckInsOf,
  findOverdueCheckIns,
  findPairingsWithoutCheckIns,
  findUnplannedCheckIns,
  planCheckIns,
} from '../../store/checkIns.js';
import type { Db } from '../../store/database.js';
import { BATCH, wholeBatches } from './batches.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createFirstCheckIns(db: Db): Promise<number> {
  return wholeBatches(
    () => findPairingsWithoutCheckIns(db, BATCH),
    (pairs) =>
      createFirstCheckInsOf(
        db,
        pairs.flatMap((p) => {
          const due = firstCheckInDueFor(p.programme, p.introducedAt ?? p.createdAt);
          if (due >= endDateOf(p)) return [];
          return [{ pairingId: p.id, sequence: 1, dueAt: dateOnly(due), nextNudgeAt: nudgeAt(due, receiversOf(p)) }];
        }),
      ),
  );
}

export async function planUnplanned(db: Db): Promise<number> {
  return wholeBatches(
    () => findUnplannedCheckIns(db, BATCH),
    (rows) =>
      planCheckIns(
        db,
        rows.map((c) => ({ id: c.id, at: nudgeAt(isoDateOf(c.dueAt), receiversOf(c.pairing)) })),
      ),
  );
}

/** An open check-in nobody logged by the time the next would be due becomes missed; the next one opens. */
export async function markMissed(db: Db, now: Date): Promise<number> {
  const rows = await findOverdueCheckIns(db, new Date(now.getTime() - MIN_CADENCE_DAYS * DAY_MS), 5 * BATCH);
  const missed = rows.flatMap((c) => {
    const p = c.pairing;
    const today = todayFor(p, now);
    if (today < missedOn(isoDateOf(c.dueAt), plannedDayOf(p, c.scheduledFor), p.cadenceDays)) return [];
    const members = [p.mentor.slackUserId, p.mentee.slackUserId];
    return [{ row: c, members, next: nextCheckIn(p, dueAfterSkipping(p, c, now)) }];
  });
  return closeMissedCheckIns(db, missed);
}
