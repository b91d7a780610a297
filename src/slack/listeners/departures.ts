import { recordDeparture } from '../../flows/departures.js';
import { refreshName } from '../../flows/names.js';
import type { Listeners } from './kit/registry.js';
import { eventEnvelopeSchema, userChangeSchema } from '../payloads.js';

/**
 * user_change: Slack tells us someone's profile changed. Their name is refreshed; when the user was deleted (they
 * left the company) their participations end, once.
 */
export function register({ app, deps }: Listeners): void {
  app.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!parsed.success || !envelope.success) {
      deps.logger.warn('ignored an unreadable user_change event');
      return;
    }
    await deps.afterAck.run(() => refreshName(deps, parsed.data.user));
    if (!parsed.data.user.deleted) return;
    const userId = parsed.data.user.id;
    const applied = await deps.afterAck.run(() => recordDeparture(deps, envelope.data.event_id, userId));
    deps.logger.info(applied ? 'recorded a departure' : 'skipped an event already processed', envelope.data.event_id);
  });
}
