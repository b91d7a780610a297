import { PrismaLibSqlOneConnection } from './libsqlSingleConnection.js';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './databaseUrl.js';
import { oneQueryAtATimePerTransaction } from './pgTransactions.js';

/** How the bot's PostgreSQL pool is used right now (for the metrics). */
export interface PoolUse {
  max: number;
  inUse: number;
  idle: number;
  waiting: number;
}

export type AdapterFactory = SqlMigrationAwareDriverAdapterFactory & { poolUse?: () => PoolUse; pool?: pg.Pool };

export function adapterFactoryFor(target: DatabaseTarget, poolSize = 10): AdapterFactory {
  if (target.kind === 'postgres') {
    // min = max: node-postgres closes a connection idle for 10 s, so after every quiet spell a burst began by
    // opening up to `poolSize` connections (each a new PostgreSQL backend) while Slack waited for its acks.
    // The pool is ours (so its use can be read) and ends with the client.
    const pool = new pg.Pool({ connectionString: target.url, max: poolSize, min: poolSize });
    const poolUse = (): PoolUse => ({
      max: poolSize,
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    });
    return Object.assign(oneQueryAtATimePerTransaction(new PrismaPg(pool, { disposeExternalPool: true })), {
      poolUse,
      pool,
    });
  }
  return new PrismaLibSqlOneConnection({ url: target.url });
}

/** A factory whose connections all end with close(): for short-lived work such as migrations. */
export function closableAdapterFactory(target: DatabaseTarget): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
} {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 2, allowExitOnIdle: true });
    return { factory: oneQueryAtATimePerTransaction(new PrismaPg(pool)), close: () => pool.end() };
  }
  return { factory: new PrismaLibSqlOneConnection({ url: target.url }), close: async () => undefined };
}
