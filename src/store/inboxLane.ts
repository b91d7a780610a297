// PostgreSQL: the inbox's own lane to the database. An ack waits for its request's INSERT; through the bot's
// pool that INSERT queued behind the listeners' work (10 connections, all busy in a burst), and p99 ack was
// 1.7 s (docs/benchmarks.md). Two connections of its own, used for nothing else, keep it out of that queue.
import pg from 'pg';
import type { Db } from './database.js';

/** Connections in the lane: one batch writes while the next one waits for it (batches are one statement each). */
export const INBOX_LANE_CONNECTIONS = 2;

const lanes = new WeakMap<Db, pg.Pool>();

/** Opens the lane for `db` (all its connections at once, kept open like the bot's pool); close with the database. */
export async function openInboxLane(db: Db, url: string): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString: url, max: INBOX_LANE_CONNECTIONS, min: INBOX_LANE_CONNECTIONS });
  // A connection that breaks while idle is dropped from the pool; the next INSERT fails or reconnects (503 then).
  pool.on('error', () => undefined);
  const clients = await Promise.all(Array.from({ length: INBOX_LANE_CONNECTIONS }, () => pool.connect()));
  for (const c of clients) c.release();
  lanes.set(db, pool);
  return async () => {
    lanes.delete(db);
    await pool.end();
  };
}

/** The lane of this database, if it has one (PostgreSQL opened by openDatabase). */
export function inboxLaneOf(db: Db): pg.Pool | undefined {
  return lanes.get(db);
}
