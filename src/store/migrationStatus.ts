import type { Db } from './database.js';
import type { DatabaseKind } from './databaseUrl.js';
import { readMigrationList } from './migrations.js';

/** The migrations this build ships, by name (read once, at start). */
export async function shippedMigrations(kind: DatabaseKind): Promise<string[]> {
  const list = await readMigrationList(kind);
  return list.migrationDirectories.map((d) => d.path);
}

/**
 * Which of `shipped` the database has not applied (finished, not rolled back): one small query on
 * `_prisma_migrations`, cheap enough for every readiness check. Migrations applied by a newer replica and unknown
 * to this build do not count against it.
 */
export async function missingMigrations(db: Db, shipped: readonly string[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return shipped.filter((name) => !applied.has(name));
}
