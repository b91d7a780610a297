import { accessFrom, coordinatorsOf, type CoordinatorAccess, type CoordinatorScope } from '../domain/access.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';

// Coordinators of every programme ("admins of all") are the ids in RM_COORDINATORS plus Coordinator rows;
// coordinators of one programme are ProgrammeCoordinator rows (docs/coordinators.md).

/** What this person may coordinate. */
export async function coordinatorAccess(db: Db, configured: readonly string[], slackUserId: string): Promise<CoordinatorAccess> {
  if (configured.includes(slackUserId)) return { kind: 'all' };
  const [admin, scoped] = await Promise.all([
    db.coordinator.findUnique({ where: { slackUserId } }),
    db.programmeCoordinator.findMany({ where: { slackUserId }, select: { programmeId: true } }),
  ]);
  return accessFrom({ adminOfAll: admin !== null, programmeIds: scoped.map((s) => s.programmeId) });
}

/** Whether someone coordinates anything (every programme, or at least one). */
export async function isCoordinator(db: Db, configured: readonly string[], slackUserId: string): Promise<boolean> {
  const access = await coordinatorAccess(db, configured, slackUserId);
  return access.kind === 'all' || access.programmeIds.length > 0;
}

/** Everyone with a stored coordinator role (of every programme or of one): one read of each table. */
export async function storedCoordinatorIds(db: Db): Promise<Set<string>> {
  const [admins, scoped] = await Promise.all([
    db.coordinator.findMany({ select: { slackUserId: true } }),
    db.programmeCoordinator.findMany({ select: { slackUserId: true }, distinct: ['slackUserId'] }),
  ]);
  return new Set([...admins, ...scoped].map((c) => c.slackUserId));
}

/** The admins of all: RM_COORDINATORS and the stored ones, once each, sorted. */
export async function listAdminsOfAll(db: Db | Tx, configured: readonly string[]): Promise<string[]> {
  const added = await db.coordinator.findMany({ select: { slackUserId: true } });
  return [...new Set([...configured, ...added.map((c) => c.slackUserId)])].sort();
}

/** The coordinators of each of these programmes: its own and the admins of all (the recipients of its notices). */
export async function programmeCoordinators(
  db: Db | Tx,
  configured: readonly string[],
  programmeIds: readonly string[],
): Promise<(programmeId: string) => string[]> {
  // One query after the other: `db` may be a transaction.
  const admins = await listAdminsOfAll(db, configured);
  const ids = [...new Set(programmeIds)];
  const scoped =
    ids.length === 0
      ? []
      : await db.programmeCoordinator.findMany({
          where: { programmeId: { in: ids } },
          select: { programmeId: true, slackUserId: true },
        });
  return (programmeId) => coordinatorsOf(programmeId, admins, scoped);
}

/** Every programme's own coordinators, by programme id (sorted). */
export async function coordinatorsByProgramme(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.programmeCoordinator.findMany({ orderBy: [{ programmeId: 'asc' }, { slackUserId: 'asc' }] });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.programmeId, [...(out.get(r.programmeId) ?? []), r.slackUserId]);
  return out;
}

/** Stores a coordinator of `scope`; false when they were stored already (of two adds at once, exactly one is true). */
export async function addCoordinator(
  db: Db | Tx,
  scope: CoordinatorScope,
  slackUserId: string,
  addedBySlackId: string,
): Promise<boolean> {
  try {
    if (scope.kind === 'all') await db.coordinator.create({ data: { slackUserId, addedBySlackId } });
    else await db.programmeCoordinator.create({ data: { programmeId: scope.programmeId, slackUserId, addedBySlackId } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Only coordinators added in Slack can be removed there; RM_COORDINATORS is the operator's. */
export async function removeCoordinator(db: Db, scope: CoordinatorScope, slackUserId: string): Promise<boolean> {
  const { count } =
    scope.kind === 'all'
      ? await db.coordinator.deleteMany({ where: { slackUserId } })
      : await db.programmeCoordinator.deleteMany({ where: { programmeId: scope.programmeId, slackUserId } });
  return count > 0;
}
