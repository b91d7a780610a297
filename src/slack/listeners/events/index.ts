import type { App } from '@slack/bolt';
import { isCoordinator, countOpenProgrammes } from '../../../store/coordinators.js';
import { processEventOnce } from '../../../store/processedEvents.js';
import { markDeparted } from '../../../store/departures.js';
import type { ListenerDeps } from '../../deps.js';
import { appHomeOpenedSchema, eventEnvelopeSchema, userChangeSchema } from '../../payloads.js';
import { homeView } from '../../views/home.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    const view = homeView({
      isCoordinator: await isCoordinator(deps.db, deps.config.coordinators, userId),
      openProgrammes: await countOpenProgrammes(deps.db),
    });
    await client.views.publish({ user_id: userId, view });
  });

  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    if (!parsed.data.user.deleted) return;
    const now = deps.clock.now();
    const applied = await processEventOnce(deps.db, envelope.data.event_id, 'user_change', now, async (tx) => {
      await markDeparted(tx, parsed.data.user.id, now);
    });
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
