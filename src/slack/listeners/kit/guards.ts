import { isCoordinator as isStoredCoordinator } from '../../../store/coordinators.js';
import type { ListenerDeps } from './deps.js';

/** Whether someone may act as a coordinator: named in RM_COORDINATORS or added with `/rm-admin coordinator add`. */
export function isCoordinator(deps: Pick<ListenerDeps, 'db' | 'config'>, slackUserId: string): Promise<boolean> {
  return isStoredCoordinator(deps.db, deps.config.coordinators, slackUserId);
}
