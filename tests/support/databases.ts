import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseKind } from '../../src/store/databaseUrl.js';

/** The server the Postgres tests use; every test database is created on it and dropped after. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Both databases unless RM_TEST_DATABASES narrows it (e.g. "sqlite" on a laptop without Postgres). */
export function testDatabaseKinds(): DatabaseKind[] {
  const wanted = (process.env.RM_TEST_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  return (['sqlite', 'postgres'] as const).filter((k) => wanted.includes(k));
}

export interface ScratchDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** An empty database of its own: a fresh SQLite file, or a new database on the Postgres server. */
export async function createScratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rm-test-'));
    return { kind, url: `file:${join(dir, 'rm.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    kind,
    url: withDatabaseName(TEST_POSTGRES_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
