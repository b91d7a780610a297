// Who hears about a programme's next steps, and when their day is. One place each, so that per-programme
// coordinators and a directory of coordinators' own zones can replace today's answers.
import { listCoordinators, type CoordinatorDeps } from './coordinators.js';

/** The coordinators of programme `programmeId`: today every coordinator coordinates every programme. */
export async function coordinatorsOf(deps: CoordinatorDeps, programmeId: string): Promise<string[]> {
  void programmeId;
  return listCoordinators(deps);
}

/** Whether `slackUserId` coordinates programme `programmeId`. */
export async function coordinatesProgramme(deps: CoordinatorDeps, programmeId: string, slackUserId: string): Promise<boolean> {
  return (await coordinatorsOf(deps, programmeId)).includes(slackUserId);
}

/** The coordinator's time zone: for now the programme's own. */
export function coordinatorZone(programme: { timezone: string }, coordinator: string): string {
  void coordinator;
  return programme.timezone;
}
