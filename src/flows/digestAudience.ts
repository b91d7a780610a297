// Who hears about a programme's next steps, and when their day is. One place each.
import { coordinates, coordinatorsOfProgramme, type CoordinatorDeps } from './coordinators.js';

/** The coordinators of programme `programmeId`: its own and the admins of all (docs/coordinators.md). */
export function coordinatorsOf(deps: CoordinatorDeps, programmeId: string): Promise<string[]> {
  return coordinatorsOfProgramme(deps, programmeId);
}

/** Whether `slackUserId` coordinates programme `programmeId`. */
export function coordinatesProgramme(deps: CoordinatorDeps, programmeId: string, slackUserId: string): Promise<boolean> {
  return coordinates(deps, slackUserId, programmeId);
}

/** The coordinator's time zone: for now the programme's own. */
export function coordinatorZone(programme: { timezone: string }, coordinator: string): string {
  void coordinator;
  return programme.timezone;
}
