import { PrismaLibSqlOneConnection } from './libsqlSingleConnection.js';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './databaseUrl.js';

export function adapterFactoryFor(target: DatabaseTarget, poolSize = 10): SqlMigrationAwareDriverAdapterFactory {
  // min = max: node-postgres closes a connection idle for 10 s, so after every quiet spell a burst began by
  // opening up to `poolSize` connections (each a new PostgreSQL backend) while Slack waited for its acks.
  if (target.kind === 'postgres') return new PrismaPg({ connectionString: target.url, max: poolSize, min: poolSize });
  return new PrismaLibSqlOneConnection({ url: target.url });
}

/** A factory whose connections all end with close(): for short-lived work such as migrations. */
export function closableAdapterFactory(target: DatabaseTarget): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
} {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 2, allowExitOnIdle: true });
    return { factory: new PrismaPg(pool), close: () => pool.end() };
  }
  return { factory: new PrismaLibSqlOneConnection({ url: target.url }), close: async () => undefined };
}
