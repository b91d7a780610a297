// Who hears about a programme's next steps, and when their day is. One place each.
import { knownZones } from '../store/directory.js';
import { coordinates, coordinatorsOfProgramme, type CoordinatorDeps } from './coordinators.js';

/** The coordinators of programme `programmeId`: its own and the admins of all (docs/coordinators.md). */
export function coordinatorsOf(deps: CoordinatorDeps, programmeId: string): Promise<string[]> {
  return coordinatorsOfProgramme(deps, programmeId);
}

/** Whether `slackUserId` coordinates programme `programmeId`. */
export function coordinatesProgramme(deps: CoordinatorDeps, programmeId: string, slackUserId: string): Promise<boolean> {
  return coordinates(deps, slackUserId, programmeId);
}

/**
 * The coordinator's own time zone, from the directory (src/store/directory.ts, filled by users.info and user_change);
 * the programme's zone until the bot has asked Slack (docs/delivery-times.md).
 */
export async function coordinatorZone(
  deps: CoordinatorDeps,
  programme: { timezone: string },
  coordinator: string,
): Promise<string> {
  return (await knownZones(deps.db, [coordinator])).get(coordinator) ?? programme.timezone;
}
