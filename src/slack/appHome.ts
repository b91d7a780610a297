// Publishing someone's App Home: when they open the tab, and after every change of theirs that it shows (joining,
// editing their profile, pausing, resuming, leaving, deleting their data).
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

/**
 * After a change of the person's own (the change is saved already): publishes their Home again, after the ack. A
 * failure only leaves the old Home up until they next open the tab, so it is a warning, not an error.
 */
export async function refreshHome(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  try {
    await publishHome(deps, client, slackUserId);
  } catch (err) {
    deps.logger.warn('App Home not refreshed after a change:', (err as { code?: string }).code ?? 'unknown error');
  }
}
