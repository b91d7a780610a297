import type { Db } from './database.js';

export interface OutboxQueueStats {
  /** pending and sending rows */
  depth: number;
  /** pending rows due now, and sending rows whose sender's lease ran out */
  due: number;
  /** since when the longest-waiting due row has been due (undefined: none is due) */
  oldestDueSince: Date | undefined;
}

// "At once" rows are stored with this nextAttemptAt (src/store/outbox.ts): they are due since they were written.
const AT_ONCE = new Date(0);

/**
 * The outbox as the metrics see it, in a few queries on the (status, nextAttemptAt) index. A row is due since
 * its nextAttemptAt (a nudge's send time, a retry's time), since it was written (sent "at once"), or since its
 * sender's lease ran out (a sender that crashed or hung).
 */
export async function outboxQueueStats(db: Db, now: Date): Promise<OutboxQueueStats> {
  const [depth, duePending, expiredLeases, atOnce, scheduled, leased] = await Promise.all([
    db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } }),
    db.outboxMessage.count({ where: { status: 'pending', nextAttemptAt: { lte: now } } }),
    db.outboxMessage.count({ where: { status: 'sending', lockedUntil: { lt: now } } }),
    db.outboxMessage.findFirst({
      where: { status: 'pending', nextAttemptAt: { lte: AT_ONCE } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
    db.outboxMessage.findFirst({
      where: { status: 'pending', nextAttemptAt: { gt: AT_ONCE, lte: now } },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true },
    }),
    db.outboxMessage.findFirst({
      where: { status: 'sending', lockedUntil: { lt: now } },
      orderBy: { lockedUntil: 'asc' },
      select: { lockedUntil: true },
    }),
  ]);
  const since = [atOnce?.createdAt, scheduled?.nextAttemptAt, leased?.lockedUntil ?? undefined].filter(
    (d): d is Date => d instanceof Date,
  );
  return {
    depth,
    due: duePending + expiredLeases,
    oldestDueSince: since.length > 0 ? new Date(Math.min(...since.map((d) => d.getTime()))) : undefined,
  };
}
