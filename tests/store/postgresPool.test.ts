import pg from 'pg';
import { openDatabase } from '../../src/store/database.js';
import { createScratchDatabase, TEST_POSTGRES_URL, testDatabaseKinds } from '../support/databases.js';

const onPostgres = testDatabaseKinds().includes('postgres') ? test : test.skip;

async function connectionsTo(databaseUrl: string): Promise<number> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    return Number(rows[0]!.n);
  } finally {
    await admin.end();
  }
}

onPostgres(
  'PostgreSQL: the pool opens all its connections at start and keeps them through a quiet spell',
  async () => {
    const scratch = await createScratchDatabase('postgres');
    const db = await openDatabase(scratch.url, { poolSize: 4 });
    try {
      expect(await connectionsTo(scratch.url)).toBe(4 + 2); // and the inbox's own 2 (src/store/inboxLane.ts)
      // node-postgres closes a connection idle for 10 s unless the pool keeps a minimum.
      await new Promise((r) => setTimeout(r, 11_000));
      expect(await connectionsTo(scratch.url)).toBe(4 + 2); // and the inbox's own 2 (src/store/inboxLane.ts)
      expect(await db.ping()).toBe(true);
    } finally {
      await db.close();
      await scratch.drop();
    }
  },
  30_000,
);
