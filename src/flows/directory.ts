// The directory of people the bot writes to who may have no profile here (coordinators): what Slack says of them
// (zone, locale, names), kept in src/store/directory.ts. Slack's side (users.info, user_change) is src/slack/directory.ts.
import type { Db } from '../store/database.js';
import { findDirectoryEntry, saveDirectoryEntry, type DirectoryEntry } from '../store/directory.js';

export type { DirectoryEntry };

/** Asks `fetch` (users.info) about someone the directory does not know yet, once; false when Slack could not say. */
export async function rememberPerson(
  db: Db,
  slackUserId: string,
  fetch: () => Promise<DirectoryEntry | undefined>,
): Promise<boolean> {
  if (await findDirectoryEntry(db, slackUserId)) return true;
  const entry = await fetch();
  if (!entry) return false;
  await saveDirectoryEntry(db, entry);
  return true;
}

/** A user_change for someone the directory knows replaces its copy; anyone else is not added. */
export async function refreshPerson(db: Db, entry: DirectoryEntry): Promise<boolean> {
  if (!(await findDirectoryEntry(db, entry.slackUserId))) return false;
  await saveDirectoryEntry(db, entry);
  return true;
}

/** What the directory holds of this person (their last users.info), if anything. */
export function directoryEntryFor(db: Db, slackUserId: string): Promise<DirectoryEntry | null> {
  return findDirectoryEntry(db, slackUserId);
}
