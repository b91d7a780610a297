// Publishing someone's App Home: when they open the tab, after every change of theirs that it shows (joining,
// editing their profile, pausing, resuming, leaving, deleting their data), and for everyone a programme edit concerns.
import type { WebClient } from '@slack/web-api';
import { homeModel } from '../flows/home.js';
import { homeView } from '../messages/home.js';
import type { ListenerDeps } from './listeners/kit/deps.js';

/** Publishes the person's Home as it is now; Slack's errors (a 429 among them) are thrown. */
export async function publishHomeNow(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  const model = await homeModel(deps, slackUserId);
  await client.views.publish({ user_id: slackUserId, view: homeView(model) });
}

/**
 * Publishes the person's Home, or, when views.publish has no turn now (its documented pace, or Slack's Retry-After),
 * queues it to be published once it has (`deps.home`); Slack keeps showing the Home it has meanwhile.
 */
export async function publishHome(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  if (!deps.pace.tryTake('views.publish')) return deps.home.later(client, slackUserId);
  try {
    await publishHomeNow(deps, client, slackUserId);
  } catch (err) {
    if (!deps.pace.noteIfLimited('views.publish', err)) throw err;
    deps.home.later(client, slackUserId);
  }
}

/**
 * After a change many people's Home shows (a programme edit): publishes each one's Home again, one after the other,
 * after the ack. While Slack rate-limits views.publish (Tier 4, about 100 a minute) the rest wait in `deps.home`
 * and are published once Retry-After has passed. Publishing a Home twice shows the same view: a retried edit may.
 */
export async function refreshHomes(deps: ListenerDeps, client: WebClient, slackUserIds: readonly string[]): Promise<void> {
  for (const slackUserId of slackUserIds) await refreshHome(deps, client, slackUserId);
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
