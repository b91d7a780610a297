import { isCoordinator as isFlowCoordinator } from '../../../flows/coordinators.js';
import type { ListenerDeps } from './deps.js';

/** Whether someone may act as a coordinator: named in RM_COORDINATORS or added with `/rm-admin coordinator add`. */
export function isCoordinator(deps: Pick<ListenerDeps, 'db' | 'config'>, slackUserId: string): Promise<boolean> {
  return isFlowCoordinator(deps, slackUserId);
}
