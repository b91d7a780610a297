// The directory: what Slack's users.info said of people the bot writes to (their zone, locale and names), and the
// zone each receiver's messages are timed by. Personal data: never logged, erased with the person.
import type { Db, Tx } from './database.js';

export interface DirectoryEntry {
  slackUserId: string;
  timezone: string | null;
  locale: string | null;
  displayName: string;
  realName: string;
  fetchedAt: Date;
}

export async function findDirectoryEntry(db: Db | Tx, slackUserId: string): Promise<DirectoryEntry | null> {
  return db.slackUser.findUnique({ where: { slackUserId } });
}

export async function saveDirectoryEntry(db: Db | Tx, e: DirectoryEntry): Promise<void> {
  const { slackUserId, ...data } = e;
  await db.slackUser.upsert({ where: { slackUserId }, create: e, update: data });
}

/** Forgets what the bot knows of a person outside their profiles: their directory entry, and that they have a Home. */
export async function forgetDirectoryEntry(db: Db | Tx, slackUserId: string): Promise<void> {
  await db.slackUser.deleteMany({ where: { slackUserId } });
  await db.homeViewer.deleteMany({ where: { slackUserId } });
}

/**
 * The zone each of these people's messages are timed by, for those it is known of: their profile's in the programme
 * they joined last (the zone they chose), else the directory's (users.info).
 */
export async function knownZones(db: Db | Tx, slackUserIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(slackUserIds)];
  const zones = new Map<string, string>();
  if (ids.length === 0) return zones;
  const profiles = await db.participant.findMany({
    where: { slackUserId: { in: ids } },
    select: { slackUserId: true, timezone: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  for (const p of profiles) zones.set(p.slackUserId, p.timezone);
  const missing = ids.filter((id) => !zones.has(id));
  if (missing.length > 0) {
    const known = await db.slackUser.findMany({ where: { slackUserId: { in: missing } } });
    for (const k of known) if (k.timezone) zones.set(k.slackUserId, k.timezone);
  }
  return zones;
}

/** `knownZones`, with `fallback` (the programme's zone) for anyone else. */
export async function receiverZones(
  db: Db | Tx,
  slackUserIds: readonly string[],
  fallback: string,
): Promise<Map<string, string>> {
  const zones = await knownZones(db, slackUserIds);
  for (const id of slackUserIds) if (!zones.has(id)) zones.set(id, fallback);
  return zones;
}
