// Coordinators: who may run programmes. The ids in RM_COORDINATORS, plus colleagues a coordinator added in Slack.
import { done, refused, type Outcome } from '../core/outcome.js';
import type { Config } from '../config.js';
import type { Db } from '../store/database.js';
import { addCoordinator as addStored, removeCoordinator as removeStored } from '../store/coordinators.js';
import { isCoordinator as isStored, listCoordinators as listStored } from '../store/coordinators.js';
import { coordinatorRefusalText } from '../messages/coordinators.js';

export interface CoordinatorDeps {
  db: Db;
  config: Pick<Config, 'coordinators'>;
}

export type AddCoordinatorRefusal = 'already_coordinator';
export type RemoveCoordinatorRefusal = 'configured_coordinator' | 'not_coordinator';

export function isCoordinator(deps: CoordinatorDeps, slackUserId: string): Promise<boolean> {
  return isStored(deps.db, deps.config.coordinators, slackUserId);
}

export function listCoordinators(deps: CoordinatorDeps): Promise<string[]> {
  return listStored(deps.db, deps.config.coordinators);
}

export async function addCoordinator(
  deps: CoordinatorDeps,
  slackUserId: string,
  addedBySlackId: string,
): Promise<Outcome<void, AddCoordinatorRefusal>> {
  return (await addStored(deps.db, slackUserId, addedBySlackId))
    ? done(undefined)
    : refused('already_coordinator', coordinatorRefusalText(slackUserId, 'already_coordinator'));
}

/** Only coordinators added in Slack can be removed there; RM_COORDINATORS is the operator's. */
export async function removeCoordinator(
  deps: CoordinatorDeps,
  slackUserId: string,
): Promise<Outcome<void, RemoveCoordinatorRefusal>> {
  const refuse = (reason: RemoveCoordinatorRefusal) => refused(reason, coordinatorRefusalText(slackUserId, reason));
  if (deps.config.coordinators.includes(slackUserId)) return refuse('configured_coordinator');
  return (await removeStored(deps.db, slackUserId)) ? done(undefined) : refuse('not_coordinator');
}
