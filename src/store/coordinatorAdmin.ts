import type { Db } from './database.js';

export async function addCoordinator(db: Db, slackUserId: string, addedBySlackId: string): Promise<boolean> {
  const existing = await db.coordinator.findUnique({ where: { slackUserId } });
  if (existing) return false;
  await db.coordinator.upsert({ where: { slackUserId }, create: { slackUserId, addedBySlackId }, update: {} });
  return true;
}

/** Only coordinators added in Slack can be removed there; RM_COORDINATORS is the operator's. */
export async function removeCoordinator(db: Db, slackUserId: string): Promise<boolean> {
  const { count } = await db.coordinator.deleteMany({ where: { slackUserId } });
  return count > 0;
}
