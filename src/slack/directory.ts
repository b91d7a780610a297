// Fills the directory (src/store/directory.ts) from Slack: users.info for someone the bot will write to who has no
// profile here (a coordinator), and the user_change event for people already in it. What it holds is personal
// data: nothing of it is logged.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { refreshPerson, rememberPerson, type DirectoryEntry } from '../flows/directory.js';
import { isIanaTimeZone } from '../core/localDate.js';

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
 * Makes sure the directory knows this person: asks Slack once (the user_change event keeps the entry current).
 * False when Slack could not say (the caller's messages then use the programme's zone).
 */
export function rememberSlackUser(client: WebClient, db: Db, slackUserId: string, now: Date): Promise<boolean> {
  return rememberPerson(db, slackUserId, async () => {
    try {
      const res = await client.users.info({ user: slackUserId, include_locale: true });
      const parsed = slackUserSchema.safeParse(res.user);
      return parsed.success ? directoryEntryOf(parsed.data, now) : undefined;
    } catch {
      return undefined; // user_not_found, a network failure: the next coordinator command asks again
    }
  });
}

/** A user_change for someone the directory knows: what it holds is replaced by Slack's current profile. */
export function refreshSlackUser(db: Db, user: SlackUserObject, now: Date): Promise<boolean> {
  return refreshPerson(db, directoryEntryOf(user, now));
}
