// A named lease in the JobLease table: one holder at a time across replicas, until it lets go or its expiry
// passes (it crashed or hung). Every change is a conditional write checked by its affected count, so of two
// replicas racing for it exactly one wins: PostgreSQL re-evaluates the WHERE clause on the row a concurrent
// winner wrote, SQLite runs one writer at a time, and the first insert of a name is guarded by its primary key.
import type { Db } from './database.js';
import { isUniqueViolation } from './errors.js';

export interface JobLease {
  name: string;
  holder: string;
  expiresAt: Date;
}

/**
 * Takes the lease for `holder` until `now + ttlMs` if it is free, expired, or already theirs (then it is
 * renewed). true: `holder` has it now.
 */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // it exists and someone else holds it
    throw err;
  }
}

/** Extends the lease while `holder` still has it; false when it was lost (it expired and another replica took it). */
export async function renewLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({
    where: { name, holder },
    data: { expiresAt: new Date(now.getTime() + ttlMs) },
  });
  return count === 1;
}

/** Lets go at once (if `holder` still has it), so another replica need not wait for the expiry. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<boolean> {
  const { count } = await db.jobLease.deleteMany({ where: { name, holder } });
  return count === 1;
}

/** Who holds the lease and until when (an expired row may remain): for status pages, logs and tests. */
export function readLease(db: Db, name: string): Promise<JobLease | null> {
  return db.jobLease.findUnique({ where: { name } });
}
