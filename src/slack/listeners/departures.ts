import { recordDeparture } from '../../flows/departures.js';
import { refreshName } from '../../flows/names.js';
import type { Listeners } from './kit/registry.js';
import { eventEnvelopeSchema, userChangeSchema } from '../payloads.js';
import { refreshSlackUser } from '../directory.js';

/**
 * user_change: Slack tells us someone's profile changed. Their name is refreshed, and the directory's copy of it
 * if it holds one (their zone decides when their messages arrive); when the user was deleted (they left the
 * company) their participations end, once.
 */
export function register({ app, deps }: Listeners): void {
  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    const user = parsed.data.user;
    await deps.afterAck.run(() => refreshName(deps, user));
    if (!user.deleted) {
      await deps.afterAck.run(() => refreshSlackUser(deps.db, user, deps.clock.now()));
      return;
    }
    const userId = parsed.data.user.id;
    const applied = await deps.afterAck.run(() => recordDeparture(deps, envelope.data.event_id, userId));
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
