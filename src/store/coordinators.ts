import type { Db } from './database.js';

/** Coordinators are the ids in RM_COORDINATORS plus any a coordinator added. */
export async function isCoordinator(db: Db, configured: readonly string[], slackUserId: string): Promise<boolean> {
  if (configured.includes(slackUserId)) return true;
  return (await db.coordinator.findUnique({ where: { slackUserId } })) !== null;
}

export async function listCoordinators(db: Db, configured: readonly string[]): Promise<string[]> {
  const added = await db.coordinator.findMany({ select: { slackUserId: true } });
  return [...new Set([...configured, ...added.map((c) => c.slackUserId)])].sort();
}
