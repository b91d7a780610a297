import type { Db } from './database.js';
import { isUniqueViolation } from './errors.js';

/** Coordinators are the ids in RM_COORDINATORS plus any a coordinator added. */
export async function isCoordinator(db: Db, configured: readonly string[], slackUserId: string): Promise<boolean> {
  if (configured.includes(slackUserId)) return true;
  return (await db.coordinator.findUnique({ where: { slackUserId } })) !== null;
}

export async function listCoordinators(db: Db, configured: readonly string[]): Promise<string[]> {
  const added = await db.coordinator.findMany({ select: { slackUserId: true } });
  return [...new Set([...configured, ...added.map((c) => c.slackUserId)])].sort();
}

/** Stores a coordinator; false when they were stored already (of two adds at once, exactly one is true). */
export async function addCoordinator(db: Db, slackUserId: string, addedBySlackId: string): Promise<boolean> {
  try {
    await db.coordinator.create({ data: { slackUserId, addedBySlackId } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Only coordinators added in Slack can be removed there; RM_COORDINATORS is the operator's. */
export async function removeCoordinator(db: Db, slackUserId: string): Promise<boolean> {
  const { count } = await db.coordinator.deleteMany({ where: { slackUserId } });
  return count > 0;
}
