// Fills the directory (src/store/directory.ts) from Slack: users.info for someone the bot will write to who has no
// profile here (a coordinator), and the user_change event for people already in it. What it holds is personal
// data: nothing of it is logged.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { findDirectoryEntry, saveDirectoryEntry, type DirectoryEntry } from '../store/directory.js';
import { isIanaTimeZone } from '../core/localDate.js';

/** How long a users.info answer is trusted when no user_change came (a zone changes with travel or a move). */
export const DIRECTORY_MAX_AGE_MS = 7 * 24 * 3600_000;

/** What the directory keeps of a Slack user object (users.info's `user`, user_change's `event.user`). */
export const slackUserSchema = z.object({
  id: z.string().min(1),
  tz: z.string().optional(),
  locale: z.string().optional(),
  real_name: z.string().optional(),
  profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).partial().optional(),
});
export type SlackUserObject = z.infer<typeof slackUserSchema>;

export function directoryEntryOf(u: SlackUserObject, now: Date): DirectoryEntry {
  return {
    slackUserId: u.id,
    timezone: u.tz && isIanaTimeZone(u.tz) ? u.tz : null,
    locale: u.locale ?? null,
    displayName: u.profile?.display_name ?? '',
    realName: u.profile?.real_name || u.real_name || '',
    fetchedAt: now,
  };
}

/**
 * Makes sure the directory knows this person (asks Slack when it does not, or its answer is older than
 * DIRECTORY_MAX_AGE_MS). False when Slack could not say (the caller's messages then use the programme's zone).
 */
export async function rememberSlackUser(client: WebClient, db: Db, slackUserId: string, now: Date): Promise<boolean> {
  const known = await findDirectoryEntry(db, slackUserId);
  if (known && now.getTime() - known.fetchedAt.getTime() < DIRECTORY_MAX_AGE_MS) return true;
  try {
    const res = await client.users.info({ user: slackUserId, include_locale: true });
    const parsed = slackUserSchema.safeParse(res.user);
    if (!parsed.success) return false;
    await saveDirectoryEntry(db, directoryEntryOf(parsed.data, now));
    return true;
  } catch {
    return false; // user_not_found, a network failure: the next coordinator command asks again
  }
}

/** A user_change for someone the directory knows: what it holds is replaced by Slack's current profile. */
export async function refreshSlackUser(db: Db, user: SlackUserObject, now: Date): Promise<boolean> {
  if (!(await findDirectoryEntry(db, user.id))) return false;
  await saveDirectoryEntry(db, directoryEntryOf(user, now));
  return true;
}
