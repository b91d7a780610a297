import { ErrorCode, type WebClient } from '@slack/web-api';
import { isCoordinator } from '../../store/coordinators.js';
import { loadHome } from '../../store/home.js';
import type { ListenerDeps } from '../deps.js';
import { homeView } from '../views/home.js';

export async function publishHome(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  const model = await loadHome(deps.db, slackUserId, await isCoordinator(deps.db, deps.config.coordinators, slackUserId));
  try {
    await client.views.publish({ user_id: slackUserId, view: homeView(model) });
  } catch (err) {
    // Slack keeps showing the Home it has; the next open publishes again.
    if ((err as { code?: string }).code !== ErrorCode.RateLimitedError) throw err;
    deps.logger.warn('App Home not refreshed: Slack rate-limited views.publish');
  }
}
