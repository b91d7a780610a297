// The check-in steps of a scheduler pass. Each reads the database, decides with src/domain/schedule as of
// `now`, and changes one row at a time with a compare-and-set claim, so replicas can run them at once.
import { sideBySide } from '../../core/sideBySide.js';
import { recordGroupChannels } from '../../store/checkIns.js';
import type { Db } from '../../store/database.js';
import { BATCH } from './batches.js';
import { flagSilentPairs, sendNudges } from './nudges.js';
import { createFirstCheckIns, markMissed, planUnplanned } from './planning.js';
import { wrapUp } from './wrapUp.js';

export interface CheckInDeps {
  db: Db;
  /** Coordinators from the configuration (RM_COORDINATORS); those added in the database are read too. */
  coordinators?: readonly string[];
}

export interface CheckInReport {
  created: number;
  nudges: number;
  /** nudges written now for a later time (outside their receivers' working hours, or a member's own 10:00 to come) */
  held: number;
  missed: number;
  atRisk: number;
  wrappedUp: number;
}

export async function runCheckIns(deps: CheckInDeps, now: Date): Promise<CheckInReport> {
  // First, so this pass's messages already go to the group DM the introduction opened.
  await recordGroupChannels(deps.db, BATCH);
  const wrappedUp = await wrapUp(deps.db, now);
  const created = await createFirstCheckIns(deps.db);
  await planUnplanned(deps.db);
  const missed = await markMissed(deps.db, now);
  // At once: the at-risk step reads meetings, pauses and flags, none of which the nudges write. On PostgreSQL its
  // reads run on other connections while the nudges are decided (docs/benchmarks.md, "Fan-out"); on SQLite the
  // adapter runs one statement or transaction at a time, as the nudges' own reads and writes already interleave.
  const [{ nudges, held }, atRisk] = await sideBySide([
    sendNudges(deps.db, now),
    flagSilentPairs(deps.db, deps.coordinators ?? [], now),
  ]);
  return { created, nudges, held, missed, atRisk, wrappedUp };
}
