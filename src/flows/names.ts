// Names: people are shown by the name Slack shows for them (src/domain/people.ts nameToShow). It is saved with
// their profile at signup, and refreshed here whenever Slack says their profile changed (user_change).
import { nameToShow, type SlackName } from '../domain/people.js';
import { renameParticipations } from '../store/participation.js';
import type { Db } from '../store/database.js';

/**
 * Saves the name in a user_change's user object on every participation of that person. Idempotent (the same name
 * twice writes nothing), so Slack's retries and replays need no bookkeeping. The number of participations renamed.
 */
export async function refreshName(deps: { db: Db }, user: SlackName & { id: string }): Promise<number> {
  const name = nameToShow(user);
  if (name === '') return 0; // Slack named them nowhere: keep what we have
  return renameParticipations(deps.db, user.id, name);
}
