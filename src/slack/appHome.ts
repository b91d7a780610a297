// Publishing someone's App Home: when they open the tab, and after their own changes (pause, leave, ...).
import { ErrorCode, type WebClient } from '@slack/web-api';
import { homeModel } from '../flows/home.js';
import { homeView } from '../messages/home.js';
import type { ListenerDeps } from './listeners/kit/deps.js';

export async function publishHome(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  const model = await homeModel(deps, slackUserId);
  try {
    await client.views.publish({ user_id: slackUserId, view: homeView(model) });
  } catch (err) {
    // Slack keeps showing the Home it has; the next open publishes again.
    if ((err as { code?: string }).code !== ErrorCode.RateLimitedError) throw err;
    deps.logger.warn('App Home not refreshed: Slack rate-limited views.publish');
  }
}
