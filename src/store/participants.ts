import type { Db } from './database.js';

/** "Pause until <date>" ends by itself: participants whose date has come are active again. */
export async function resumeParticipantsDue(db: Db, now: Date): Promise<number> {
  const { count } = await db.participant.updateMany({
    where: { status: 'paused', pausedUntil: { lte: now } },
    data: { status: 'active', pausedUntil: null },
  });
  return count;
}
