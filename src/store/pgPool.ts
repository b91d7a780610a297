// PostgreSQL: the node-postgres pool under a client's driver adapter. The store sends a few bulk statements to it
// directly, as one statement each (its own transaction): Prisma serialises every raw query's parameters to JSON
// and back, and the adapter converts them again, all on the app's one core (docs/benchmarks-history.md, "PostgreSQL: the nudge batch as one statement").
import type pg from 'pg';
import type { Db } from './database.js';

const pools = new WeakMap<Db, pg.Pool>();

export function rememberPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool of a client opened by openDatabase on PostgreSQL; undefined on SQLite. */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}
