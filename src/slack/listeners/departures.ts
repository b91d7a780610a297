import { listCoordinators } from '../../store/coordinators.js';
import { markDeparted } from '../../store/departures.js';
import { processEventOnce } from '../../store/processedEvents.js';
import type { Listeners } from './kit/registry.js';
import { eventEnvelopeSchema, userChangeSchema } from '../payloads.js';
import { participationEndedNotices } from '../../messages/participation/notices.js';

/** Departures: Slack tells us a user was deleted (user_change); their participations end, once. */
export function register({ app, deps }: Listeners): void {
  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    if (!parsed.data.user.deleted) return;
    const userId = parsed.data.user.id;
    const applied = await deps.afterAck.run(async () => {
      const now = deps.clock.now();
      const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
      return processEventOnce(deps.db, envelope.data.event_id, 'user_change', now, async (tx) => {
        await markDeparted(tx, userId, now, (n) => participationEndedNotices(coordinators, { ...n, slackUserId: userId, reason: 'departed' }));
      });
    });
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
