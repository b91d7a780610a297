// App Home: published when someone opens the Home tab, and again after their own changes.
import { ErrorCode, type WebClient } from '@slack/web-api';
import { homeView } from '../../messages/home.js';
import { homeModel } from '../../flows/home.js';
import { appHomeOpenedSchema } from '../payloads.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';

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

export function register({ app, deps }: Listeners): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    // Bolt acknowledged the event before this listener ran.
    await deps.afterAck.run(() => publishHome(deps, client, parsed.data.user));
  });
}
