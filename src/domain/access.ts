// Who may see and act on which programme, and who hears about it (docs/coordinators.md). One rule for every
// coordinator command, App Home, the report, CSV exports, the dashboard and every coordinator notice:
// a coordinator of a programme may act on it; an admin of all (RM_COORDINATORS, or added for every programme)
// may act on every one. Pure: the facts come from src/store.

/** What one person may coordinate. */
export type CoordinatorAccess =
  | { kind: 'all' }
  /** no programmes at all: not a coordinator */
  | { kind: 'programmes'; programmeIds: readonly string[] };

export const NO_ACCESS: CoordinatorAccess = { kind: 'programmes', programmeIds: [] };

/** The scope of a coordinator: every programme, or one. */
export type CoordinatorScope = { kind: 'all' } | { kind: 'programme'; programmeId: string };

export interface AccessFacts {
  /** named in RM_COORDINATORS, or stored as a coordinator of every programme */
  adminOfAll: boolean;
  /** the programmes they were made a coordinator of */
  programmeIds: readonly string[];
}

export function accessFrom(facts: AccessFacts): CoordinatorAccess {
  return facts.adminOfAll ? { kind: 'all' } : { kind: 'programmes', programmeIds: [...new Set(facts.programmeIds)].sort() };
}

/** A coordinator of at least one programme (or of all). */
export const isAnyCoordinator = (a: CoordinatorAccess): boolean => a.kind === 'all' || a.programmeIds.length > 0;

export const isAdminOfAll = (a: CoordinatorAccess): boolean => a.kind === 'all';

export const mayCoordinate = (a: CoordinatorAccess, programmeId: string): boolean =>
  a.kind === 'all' || a.programmeIds.includes(programmeId);

/** The programmes of a list this person may see, in the list's order. */
export const visibleProgrammes = <T extends { id: string }>(a: CoordinatorAccess, programmes: readonly T[]): T[] =>
  programmes.filter((p) => mayCoordinate(a, p.id));

/** Why someone may not act on a programme; undefined when they may. */
export function programmeRefusal(
  a: CoordinatorAccess,
  programmeId: string,
): 'not_coordinator' | 'not_your_programme' | undefined {
  if (mayCoordinate(a, programmeId)) return undefined;
  return isAnyCoordinator(a) ? 'not_your_programme' : 'not_coordinator';
}

/** Who may make someone a coordinator of `scope`, or remove them from it: an admin of all; for one programme, its coordinators. */
export const mayManage = (a: CoordinatorAccess, scope: CoordinatorScope): boolean =>
  scope.kind === 'all' ? a.kind === 'all' : mayCoordinate(a, scope.programmeId);

/**
 * The coordinators of programme P: its own coordinators and the admins of all, once each, sorted. Every
 * concern, alert, report notice and digest about P goes to exactly these people.
 */
export function coordinatorsOf(
  programmeId: string,
  adminsOfAll: readonly string[],
  scoped: ReadonlyArray<{ programmeId: string; slackUserId: string }>,
): string[] {
  const own = scoped.filter((c) => c.programmeId === programmeId).map((c) => c.slackUserId);
  return [...new Set([...adminsOfAll, ...own])].sort();
}
