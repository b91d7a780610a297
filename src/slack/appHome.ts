// Publishing someone's App Home: when they open the tab, after every change of theirs that it shows (joining,
// editing their profile, pausing, resuming, leaving, deleting their data), and for everyone a programme edit concerns.
import { ErrorCode, type WebClient } from '@slack/web-api';
import { homeModel } from '../flows/home.js';
import { homeView } from '../messages/home.js';
import type { ListenerDeps } from './listeners/kit/deps.js';

const isRateLimited = (err: unknown) => (err as { code?: string }).code === ErrorCode.RateLimitedError;

export async function publishHome(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  try {
    await publishOnce(deps, client, slackUserId);
  } catch (err) {
    // Slack keeps showing the Home it has; the next open publishes again.
    if (!isRateLimited(err)) throw err;
    deps.logger.warn('App Home not refreshed: Slack rate-limited views.publish');
  }
}

async function publishOnce(deps: ListenerDeps, client: WebClient, slackUserId: string): Promise<void> {
  const model = await homeModel(deps, slackUserId);
  await client.views.publish({ user_id: slackUserId, view: homeView(model) });
}

/** How long `refreshHomes` waits, in all, for Slack's rate limit before it leaves the rest to their next open. */
const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/**
 * After a change many people's Home shows (a programme edit): publishes each one's Home again, one after the other,
 * after the ack (views.publish is Tier 4, about 100 a minute). When Slack answers "rate limited" it waits as long as
 * Slack asks and goes on; past `MAX_RATE_LIMIT_WAIT_MS` of waiting, the rest see the change when they next open
 * the tab (which publishes their Home). Publishing a Home twice shows the same view: a retried edit may do it again.
 */
export async function refreshHomes(deps: ListenerDeps, client: WebClient, slackUserIds: readonly string[]): Promise<void> {
  let waited = 0;
  for (let i = 0; i < slackUserIds.length; i++) {
    try {
      await publishOnce(deps, client, slackUserIds[i]!);
    } catch (err) {
      if (!isRateLimited(err)) {
        deps.logger.warn('App Home not refreshed after a change:', (err as { code?: string }).code ?? 'unknown error');
        continue;
      }
      const ms = Math.max(1, (err as { retryAfter?: number }).retryAfter ?? 1) * 1000;
      if (waited + ms > MAX_RATE_LIMIT_WAIT_MS) {
        deps.logger.warn(
          `App Home: ${slackUserIds.length - i} not refreshed after a change (rate-limited); they see it on their next open`,
        );
        return;
      }
      waited += ms;
      await new Promise((resolve) => setTimeout(resolve, ms).unref());
      i--; // the same person again
    }
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
