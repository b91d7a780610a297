// App Home: published when someone opens the Home tab, and again after their own changes.
import { publishHome } from '../appHome.js';
import { appHomeOpenedSchema } from '../payloads.js';
import type { Listeners } from './kit/registry.js';

export function register({ app, deps }: Listeners): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    // Bolt acknowledged the event before this listener ran. A Home waits behind clicks and answers; the person's
    // opens meanwhile share one publish (deps.home.soon).
    const user = parsed.data.user;
    await deps.home.soon(user, () => publishHome(deps, client, user));
  });
}
