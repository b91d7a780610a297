// App Home: published when someone opens the Home tab, and again after their own changes.
import { rememberHome } from '../../flows/home.js';
import { publishHome } from '../appHome.js';
import { appHomeOpenedSchema } from '../payloads.js';
import type { Listeners } from './kit/registry.js';

export function register({ app, deps }: Listeners): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    // Bolt acknowledged the event before this listener ran. A Home waits behind clicks and answers; the person's
    // opens meanwhile share one publish (deps.home.soon). Who opened the tab is kept: an edit that opens or closes
    // signup publishes their Home again.
    const user = parsed.data.user;
    await deps.home.soon(user, async () => {
      await rememberHome(deps, user);
      await publishHome(deps, client, user);
    });
  });
}
