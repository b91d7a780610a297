import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './databaseUrl.js';

export function adapterFactoryFor(target: DatabaseTarget, poolSize = 10): SqlMigrationAwareDriverAdapterFactory {
  if (target.kind === 'postgres') return new PrismaPg({ connectionString: target.url, max: poolSize });
  return new PrismaLibSql({ url: target.url });
}
