import type { App } from '@slack/bolt';
import { listCoordinators } from '../../../store/coordinators.js';
import { markDeparted } from '../../../store/departures.js';
import { processEventOnce } from '../../../store/processedEvents.js';
import { afterAck } from '../../afterAck.js';
import type { ListenerDeps } from '../../deps.js';
import { appHomeOpenedSchema, eventEnvelopeSchema, userChangeSchema } from '../../payloads.js';
import { participationEndedNotices } from '../../views/notices.js';
import { publishHome } from '../home.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    // Bolt acknowledged the event before this listener ran.
    await afterAck.run(() => publishHome(deps, client, parsed.data.user));
  });

  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    if (!parsed.data.user.deleted) return;
    const userId = parsed.data.user.id;
    const applied = await afterAck.run(async () => {
      const now = deps.clock.now();
      const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
      return processEventOnce(deps.db, envelope.data.event_id, 'user_change', now, async (tx) => {
        await markDeparted(tx, userId, now, (n) => participationEndedNotices(coordinators, { ...n, slackUserId: userId, reason: 'departed' }));
      });
    });
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
