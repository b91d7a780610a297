import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgres/client.js';
import { adapterFactoryFor, type PoolUse } from './adapters.js';
import { parseDatabaseUrl, sqliteFilePath, type DatabaseKind, type DatabaseTarget } from './databaseUrl.js';
import { applyMigrations } from './migrations.js';
import { openInboxLane } from './inboxLane.js';
import { rememberPool } from './pgPool.js';
import { rememberKind } from './provider.js';

/** Both generated clients expose the same model API; the SQLite one's type stands for both. */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Runs `work` in one transaction: a use case's steps commit together, or none of them does. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}

export interface Database {
  kind: DatabaseKind;
  target: DatabaseTarget;
  client: Db;
  /** true when a trivial query succeeds within the timeout */
  ping(timeoutMs?: number): Promise<boolean>;
  /** PostgreSQL: how the connection pool is used right now (metrics); SQLite: undefined */
  poolUse(): PoolUse | undefined;
  close(): Promise<void>;
}

/** How long a transaction may wait for a connection (SQLite: for the one connection), and then run. */
export const TRANSACTION_MAX_WAIT_MS = 30_000;
export const TRANSACTION_TIMEOUT_MS = 30_000;

export interface OpenOptions {
  migrate?: boolean;
  poolSize?: number;
}

export async function openDatabase(databaseUrl: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(databaseUrl);
  const file = sqliteFilePath(target);
  if (file) mkdirSync(dirname(file), { recursive: true });
  if (options.migrate ?? true) await applyMigrations(target);

  const poolSize = options.poolSize ?? 10;
  const adapter = adapterFactoryFor(target, poolSize);
  // Prisma gives up on a transaction that waits 2 s for its turn; in a burst (hundreds of clicks at once) the
  // queue is longer than that, and a click already acked to Slack would be lost. Wait instead.
  const transactionOptions = { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS };
  const client = (
    target.kind === 'postgres'
      ? new PostgresClient({ adapter, transactionOptions })
      : new SqliteClient({ adapter, transactionOptions })
  ) as Db;
  rememberKind(client, target.kind);
  if (adapter.pool) rememberPool(client, adapter.pool);
  // The query compiler (WebAssembly) loads on the first model query: load it now, so the first Slack
  // request does not pay for it within its 3 seconds.
  await client.coordinator.findFirst();
  // Likewise the pool's connections: all of them open now, and stay open (`adapterFactoryFor`).
  if (target.kind === 'postgres') await Promise.all(Array.from({ length: poolSize }, () => client.$queryRawUnsafe('SELECT 1')));
  const closeInboxLane = target.kind === 'postgres' ? await openInboxLane(client, target.url) : undefined;
  if (target.kind === 'sqlite' && file) {
    // WAL lets readers (health checks, reports) run beside the writer; wait rather than fail on a lock.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints instead of at every commit: a commit took 2.4 ms instead of
    // 0.4 ms (measured, bench/load), all of it blocking the event loop. The database stays consistent; a power
    // cut (not a crash of the bot) may lose the last commits. See docs/operations.md.
    await client.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  }
  return {
    kind: target.kind,
    target,
    client,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = client.$queryRawUnsafe('SELECT 1').then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    poolUse: () => adapter.poolUse?.(),
    async close() {
      await closeInboxLane?.();
      await client.$disconnect();
    },
  };
}
