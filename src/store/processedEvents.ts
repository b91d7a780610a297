import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';

/**
 * Records a Slack event id inside the transaction that applies the event's effects: a retried
 * delivery (same event_id) finds the row and does nothing, and a failed attempt leaves no row.
 * Returns false when the event was already processed.
 */
export async function claimEvent(tx: Tx, eventId: string, type: string, at: Date): Promise<boolean> {
  const existing = await tx.processedEvent.findUnique({ where: { eventId } });
  if (existing) return false;
  await tx.processedEvent.create({ data: { eventId, type, receivedAt: at } });
  return true;
}

/** Runs `apply` once per event id, even when Slack delivers the event again or concurrently. */
export async function processEventOnce(
  db: Db,
  eventId: string,
  type: string,
  at: Date,
  apply: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  try {
    return await db.$transaction(async (tx) => {
      if (!(await claimEvent(tx, eventId, type, at))) return false;
      await apply(tx);
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return false; // a concurrent delivery of the same event won
    throw err;
  }
}

export async function pruneProcessedEvents(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
  return count;
}
