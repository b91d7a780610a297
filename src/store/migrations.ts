import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { closableAdapterFactory } from './adapters.js';
import type { DatabaseKind, DatabaseTarget } from './databaseUrl.js';
import { projectRoot } from './projectPaths.js';
import { loadSchemaEngine } from './schemaEngine.js';

export const noFilters = { externalTables: [], externalEnums: [] };

export function prismaDirFor(kind: DatabaseKind): string {
  return kind === 'postgres' ? join(projectRoot, 'prisma/postgres') : join(projectRoot, 'prisma');
}

/** Reads a migrations folder exactly as `prisma migrate deploy` would, in name order. */
export async function readMigrationList(kind: DatabaseKind): Promise<MigrationList> {
  const baseDir = join(prismaDirFor(kind), 'migrations');
  const lockPath = join(baseDir, 'migration_lock.toml');
  const lockContent = existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null;
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export async function openSchemaEngine(kind: DatabaseKind, factory: AdapterFactory): Promise<SchemaEngine> {
  const Engine = await loadSchemaEngine();
  const schemaPath = join(prismaDirFor(kind), 'schema.prisma');
  const schemaText = await readFile(schemaPath, 'utf8');
  const ignoreLogs = () => undefined;
  return Engine.new({ datamodels: [[schemaPath, schemaText]] }, ignoreLogs, bindMigrationAwareSqlAdapterFactory(factory));
}

// Any fixed 64-bit key shared by every replica of this app.
const MIGRATION_LOCK_KEY = 7_412_903_881;

/** Serialises concurrent starts of several replicas on one Postgres. */
async function withPostgresMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

type AdapterFactory = Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0];

/**
 * Keeps every connection the engine opens, so they can be closed when it is done: an idle pooled
 * connection would otherwise keep holding the engine's own advisory lock and make the next
 * migration run wait out its 10-second lock timeout.
 */
function closableFactory(factory: AdapterFactory): { factory: AdapterFactory; closeAll(): Promise<void> } {
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const track = async <T extends { dispose(): Promise<void> }>(adapter: Promise<T>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => track(factory.connect()),
      connectToShadowDb: () => track(factory.connectToShadowDb()),
    },
    closeAll: async () => {
      await Promise.all(opened.splice(0).map((a) => a.dispose().catch(() => undefined)));
    },
  };
}

/** `prisma migrate deploy`, without the downloadable engine: applies every pending migration. */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
  const run = async () => {
    const adapters = closableAdapterFactory(target);
    const connections = closableFactory(adapters.factory);
    const engine = await openSchemaEngine(target.kind, connections.factory);
    try {
      const migrationsList = await readMigrationList(target.kind);
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return appliedMigrationNames;
    } finally {
      engine.free();
      await connections.closeAll();
      await adapters.close();
    }
  };
  return target.kind === 'postgres' ? withPostgresMigrationLock(target.url, run) : run();
}
