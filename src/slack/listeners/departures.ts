import { recordDeparture } from '../../flows/departures.js';
import type { Listeners } from './kit/registry.js';
import { eventEnvelopeSchema, userChangeSchema } from '../payloads.js';
import { refreshSlackUser } from '../directory.js';

/**
 * user_change: a deleted user is a departure (their participations end, once); anyone else's profile refreshes
 * the directory's copy of it, if it holds one (their zone decides when their messages arrive).
 */
export function register({ app, deps }: Listeners): void {
  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    if (!parsed.data.user.deleted) {
      const user = parsed.data.user;
      await deps.afterAck.run(() => refreshSlackUser(deps.db, user, deps.clock.now()));
      return;
    }
    const userId = parsed.data.user.id;
    const applied = await deps.afterAck.run(() => recordDeparture(deps, envelope.data.event_id, userId));
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
