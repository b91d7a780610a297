// Departures: Slack tells us a user was deleted (they left the company). Each of their participations ends as
// "departed", their pairs pause for a rematch, and the coordinators and the partners left without a pair are told:
// once per Slack event.
import type { Clock } from '../core/clock.js';
import { liveProgrammeIdsOf, markDeparted } from '../store/departures.js';
import { processEventOnce } from '../store/processedEvents.js';
import { partnerLeftNotices, participationEndedNotices } from '../messages/participation/notices.js';
import { coordinatorsOfProgrammes, type CoordinatorDeps } from './coordinators.js';

export interface DepartureDeps extends CoordinatorDeps {
  clock: Clock;
}

/** False when this event was already processed (Slack delivers again when an ack is late). */
export async function recordDeparture(deps: DepartureDeps, eventId: string, slackUserId: string): Promise<boolean> {
  const now = deps.clock.now();
  const coordinatorsOf = await coordinatorsOfProgrammes(deps, await liveProgrammeIdsOf(deps.db, slackUserId));
  return processEventOnce(deps.db, eventId, 'user_change', now, async (tx) => {
    await markDeparted(tx, slackUserId, now, (n) => [
      ...participationEndedNotices(coordinatorsOf(n.programmeId), { ...n, slackUserId, reason: 'departed' }),
      ...partnerLeftNotices(n),
    ]);
  });
}
