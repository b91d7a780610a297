// Departures: Slack tells us a user was deleted (they left the company). Each of their participations ends as
// "departed", their pairs pause for a rematch, and the coordinators and the partners left without a pair are told:
// once per Slack event.
import type { Clock } from '../core/clock.js';
import { liveProgrammeIdsOf, markDeparted } from '../store/departures.js';
import { processEventOnce } from '../store/processedEvents.js';
import { forgetDirectoryEntry, knownZones } from '../store/directory.js';
import { asNotice } from './delivery.js';
import { partnerLeftNotices, participationEndedNotices } from '../messages/participation/notices.js';
import { coordinatorsOfProgrammes, type CoordinatorDeps } from './coordinators.js';

export interface DepartureDeps extends CoordinatorDeps {
  clock: Clock;
}

/** False when this event was already processed (Slack delivers again when an ack is late). */
export async function recordDeparture(deps: DepartureDeps, eventId: string, slackUserId: string): Promise<boolean> {
  const now = deps.clock.now();
  const programmeIds = await liveProgrammeIdsOf(deps.db, slackUserId);
  const coordinatorsOf = await coordinatorsOfProgrammes(deps, programmeIds);
  const zones = await knownZones(deps.db, [...new Set(programmeIds.flatMap(coordinatorsOf))]);
  return processEventOnce(deps.db, eventId, 'user_change', now, async (tx) => {
    await forgetDirectoryEntry(tx, slackUserId);
    // Nobody who hears of it did anything: coordinators and partners in their working hours.
    await markDeparted(tx, slackUserId, now, (n) => {
      const zoneOf = (u: string) => n.partners.find((p) => p.slackUserId === u)?.timezone ?? zones.get(u) ?? n.programmeTimezone;
      const notices = [
        ...participationEndedNotices(coordinatorsOf(n.programmeId), { ...n, slackUserId, reason: 'departed' }),
        ...partnerLeftNotices(n),
      ];
      return notices.map((m) => asNotice(m, now, zoneOf, n.programmeTimezone));
    });
  });
}
