// Coordinators: who may run which programme (docs/coordinators.md). Admins of all are the ids in RM_COORDINATORS
// plus colleagues made coordinators of every programme; a coordinator of one programme sees it, acts on it and is
// told about it, and nothing else. The rule itself is src/domain/access.ts.
import { done, refused, type Outcome } from '../core/outcome.js';
import type { Db } from '../store/database.js';
import {
  isAnyCoordinator,
  mayCoordinate,
  mayManage,
  programmeRefusal,
  visibleProgrammes,
  type CoordinatorAccess,
  type CoordinatorScope,
} from '../domain/access.js';
import {
  addCoordinator as addStored,
  coordinatorAccess as storedAccess,
  coordinatorsByProgramme,
  listAdminsOfAll,
  programmeCoordinators,
  removeCoordinator as removeStored,
  storedCoordinatorIds,
} from '../store/coordinators.js';
import { findRun, matchableProgrammes } from '../store/matching.js';
import { coordinatorRefusalText, notYourProgrammeText, type CoordinatorList } from '../messages/coordinators.js';
import { coordinatorOnlyReply } from '../messages/common/commandReplies.js';

export interface CoordinatorDeps {
  db: Db;
  config: { readonly coordinators: readonly string[] };
}

export type { CoordinatorAccess };

/** A programme as coordinators name it. */
export interface ProgrammeRef {
  id: string;
  name: string;
}

/** The scope of an add or a remove: every programme, or one (with its name, for the answer). */
export type NamedScope = { kind: 'all' } | { kind: 'programme'; programme: ProgrammeRef };

const domainScope = (s: NamedScope): CoordinatorScope =>
  s.kind === 'all' ? s : { kind: 'programme', programmeId: s.programme.id };

export type AddCoordinatorRefusal = 'already_coordinator' | 'not_allowed';
export type RemoveCoordinatorRefusal = 'configured_coordinator' | 'not_coordinator' | 'not_allowed';
export type ProgrammeAccessRefusal = 'not_coordinator' | 'not_your_programme';

export function coordinatorAccess(deps: CoordinatorDeps, slackUserId: string): Promise<CoordinatorAccess> {
  return storedAccess(deps.db, deps.config.coordinators, slackUserId);
}

/** A coordinator of anything: every programme, or at least one. */
export async function isCoordinator(deps: CoordinatorDeps, slackUserId: string): Promise<boolean> {
  return isAnyCoordinator(await coordinatorAccess(deps, slackUserId));
}

/** Everyone who coordinates anything (the same answer as `isCoordinator` for each), for many checks from one read. */
export async function coordinatorIds(deps: CoordinatorDeps): Promise<ReadonlySet<string>> {
  const stored = await storedCoordinatorIds(deps.db);
  for (const id of deps.config.coordinators) stored.add(id);
  return stored;
}

/** Whether this person may see and act on this programme. */
export async function coordinates(deps: CoordinatorDeps, slackUserId: string, programmeId: string): Promise<boolean> {
  return mayCoordinate(await coordinatorAccess(deps, slackUserId), programmeId);
}

/** Whether this person may act on this matching run (on its programme); an admin of all on any. */
export async function coordinatesRun(deps: CoordinatorDeps, slackUserId: string, runId: string): Promise<boolean> {
  const access = await coordinatorAccess(deps, slackUserId);
  if (access.kind === 'all') return true;
  const run = await findRun(deps.db, runId);
  return run !== null && mayCoordinate(access, run.programmeId);
}

/**
 * Whether this person may see and act on this programme; refused (worded for them) when not. `command` names
 * what they tried, for someone who coordinates nothing.
 */
export async function mayCoordinateProgramme(
  deps: CoordinatorDeps,
  slackUserId: string,
  programme: ProgrammeRef,
  command = '/rm-admin',
): Promise<Outcome<void, ProgrammeAccessRefusal>> {
  const access = await coordinatorAccess(deps, slackUserId);
  const refusal = programmeRefusal(access, programme.id);
  if (!refusal) return done(undefined);
  if (refusal === 'not_coordinator') return refused(refusal, coordinatorOnlyReply(command).text);
  const own = visibleProgrammes(access, await matchableProgrammes(deps.db)).map((p) => p.name);
  return refused(refusal, notYourProgrammeText(programme.name, own));
}

/**
 * THE recipients of everything coordinators are told about programme P (concerns, at-risk alerts, departures,
 * rematch requests, report notices, digests): P's own coordinators and the admins of all.
 */
export async function coordinatorsOfProgramme(deps: CoordinatorDeps, programmeId: string): Promise<string[]> {
  return (await coordinatorsOfProgrammes(deps, [programmeId]))(programmeId);
}

/** The same for several programmes at once (one scheduler pass, a departure from several programmes). */
export async function coordinatorsOfProgrammes(
  deps: CoordinatorDeps,
  programmeIds: readonly string[],
): Promise<(programmeId: string) => string[]> {
  return programmeCoordinators(deps.db, deps.config.coordinators, programmeIds);
}

/** The admins of all: told about what belongs to no one programme (a message Slack would not take). */
export function adminsOfAll(deps: CoordinatorDeps): Promise<string[]> {
  return listAdminsOfAll(deps.db, deps.config.coordinators);
}

/** Who coordinates what, as far as `viewer` may see: the admins of all, and each of the viewer's open programmes. */
export async function coordinatorList(deps: CoordinatorDeps, viewer: string): Promise<CoordinatorList> {
  const access = await coordinatorAccess(deps, viewer);
  const [admins, programmes, byProgramme] = await Promise.all([
    adminsOfAll(deps),
    matchableProgrammes(deps.db),
    coordinatorsByProgramme(deps.db),
  ]);
  return {
    adminsOfAll: admins,
    programmes: visibleProgrammes(access, programmes).map((p) => ({ name: p.name, coordinators: byProgramme.get(p.id) ?? [] })),
  };
}

export async function addCoordinator(
  deps: CoordinatorDeps,
  scope: NamedScope,
  slackUserId: string,
  addedBySlackId: string,
): Promise<Outcome<void, AddCoordinatorRefusal>> {
  const refuse = (reason: AddCoordinatorRefusal) => refused(reason, coordinatorRefusalText(slackUserId, reason, scope));
  if (!mayManage(await coordinatorAccess(deps, addedBySlackId), domainScope(scope))) return refuse('not_allowed');
  return (await addStored(deps.db, domainScope(scope), slackUserId, addedBySlackId))
    ? done(undefined)
    : refuse('already_coordinator');
}

/** Only coordinators added in Slack can be removed there; RM_COORDINATORS is the operator's. */
export async function removeCoordinator(
  deps: CoordinatorDeps,
  scope: NamedScope,
  slackUserId: string,
  removedBySlackId: string,
): Promise<Outcome<void, RemoveCoordinatorRefusal>> {
  const refuse = (reason: RemoveCoordinatorRefusal) => refused(reason, coordinatorRefusalText(slackUserId, reason, scope));
  if (!mayManage(await coordinatorAccess(deps, removedBySlackId), domainScope(scope))) return refuse('not_allowed');
  if (scope.kind === 'all' && deps.config.coordinators.includes(slackUserId)) return refuse('configured_coordinator');
  return (await removeStored(deps.db, domainScope(scope), slackUserId)) ? done(undefined) : refuse('not_coordinator');
}
