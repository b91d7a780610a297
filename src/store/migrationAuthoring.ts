// Authoring migrations (a developer's `npm run db:migration -- <name>`) without the schema-engine
// binary: the wasm engine diffs the migration history against the schema, using a throw-away
// database (in-memory SQLite; a temporary database on the PostgreSQL server).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { adapterFactoryFor } from './adapters.js';
import type { DatabaseKind } from './databaseUrl.js';
import { noFilters, openSchemaEngine, prismaDirFor, readMigrationList } from './migrations.js';

export interface AuthoredMigration {
  kind: DatabaseKind;
  generatedMigrationName: string;
  /** null when the schema already matches the migration history */
  migrationScript: string | null;
}

// The engine replays history into the SQLite shadow database with parameterless executeRaw, which
// libsql runs only up to its first statement: route those to executeScript.
function replayWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeRaw') {
        return async (query: SqlQuery) => {
          if (query.args.length === 0) {
            await target.executeScript(query.sql);
            return 0;
          }
          return target.executeRaw(query);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function sqliteAuthoringFactory(): SqlMigrationAwareDriverAdapterFactory {
  const main = adapterFactoryFor({ kind: 'sqlite', url: 'file::memory:' });
  const shadow = adapterFactoryFor({ kind: 'sqlite', url: 'file::memory:' });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => replayWholeScripts(await shadow.connect()),
  };
}

// The engine's catalogue queries read pg's internal one-byte "char" type (OID 18), which adapter-pg
// 7.10 refuses ("Column type 'char' could not be deserialized"). Report it as text (OID 25): its
// text form is the single character the engine expects. Only authoring needs this.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
class CharAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((r: pg.QueryResult) => {
      for (const f of r.fields ?? []) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
      return r;
    }) as never;
  }
}

function scratchPool(url: string, pools: pg.Pool[]): pg.Pool {
  const pool = new CharAsTextPool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined); // idle clients are cut when the scratch database is dropped
  pools.push(pool);
  return pool;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `work` with throw-away databases on the server (a fresh shadow for every request), dropped afterwards. */
async function withPostgresScratch<T>(
  serverUrl: string,
  work: (f: SqlMigrationAwareDriverAdapterFactory) => Promise<T>,
): Promise<T> {
  const prefix = `rm_author_${randomBytes(4).toString('hex')}`;
  const created: string[] = [];
  const pools: pg.Pool[] = [];
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const scratchDatabase = async (): Promise<PrismaPg> => {
    const name = `${prefix}_${created.length}`;
    await admin.query(`CREATE DATABASE ${name}`);
    created.push(name);
    return new PrismaPg(scratchPool(withDatabase(serverUrl, name), pools));
  };
  try {
    const main = await scratchDatabase();
    return await work({
      provider: main.provider,
      adapterName: main.adapterName,
      connect: () => main.connect(),
      // The engine expects an empty shadow each time; adapter-pg 7.10 would drop its own shadow
      // database while still connected to it.
      connectToShadowDb: async () => (await scratchDatabase()).connect(),
    });
  } finally {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    for (const n of created) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function authorOne(
  kind: DatabaseKind,
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationName: string,
): Promise<AuthoredMigration> {
  const engine = await openSchemaEngine(kind, factory);
  try {
    const migrationsList = await readMigrationList(kind);
    await engine.applyMigrations({ migrationsList, filters: noFilters });
    await engine.devDiagnostic({ migrationsList, filters: noFilters });
    const schemaPath = join(prismaDirFor(kind), 'schema.prisma');
    const content = await readFile(schemaPath, 'utf8');
    const out = await engine.createMigration({
      draft: false,
      migrationName,
      migrationsList,
      schema: { files: [{ path: schemaPath, content }] },
      filters: noFilters,
    });
    return { kind, generatedMigrationName: out.generatedMigrationName, migrationScript: out.migrationScript };
  } finally {
    engine.free();
  }
}

/** The SQL the schema still needs beyond the committed history, for each database. */
export async function authorMigrations(migrationName: string, postgresServerUrl: string): Promise<AuthoredMigration[]> {
  const sqlite = await authorOne('sqlite', sqliteAuthoringFactory(), migrationName);
  const postgres = await withPostgresScratch(postgresServerUrl, (f) => authorOne('postgres', f, migrationName));
  return [sqlite, postgres];
}
