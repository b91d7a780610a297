// A fresh database for one benchmark run: a SQLite file in a temporary folder, or a new database on the
// PostgreSQL server of TEST_POSTGRES_URL. `drop()` removes it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(kind: string | undefined, bench: string): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${bench}-bench-`));
    return { url: `file:${join(dir, 'rm.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (kind !== 'postgres') throw new Error(`--db must be sqlite or postgres, not ${kind}`);
  const name = `rm_${bench}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(POSTGRES_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
