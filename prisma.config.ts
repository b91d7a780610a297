// Configuration of the Prisma CLI (`prisma migrate deploy`, `prisma migrate status`, `prisma generate`).
// The bot itself never reads it: it applies the same migrations with Prisma's schema engine compiled to
// WebAssembly (`rm-bot migrate`, and at every start). This file exists so that `prisma migrate deploy` works
// wherever Prisma's engine can be downloaded (docs/operations.md, "Migrations on deploy").
//
// One file, two databases: DATABASE_URL chooses the schema and its migrations, as it does for the bot.
// postgresql://... or postgres://... -> prisma/postgres/schema.prisma and prisma/postgres/migrations;
// anything else (file:..., or unset) -> prisma/schema.prisma and prisma/migrations (SQLite).
import { defineConfig } from 'prisma/config';

export const SQLITE_DEFAULT_URL = 'file:./data/rm.db';

export interface PrismaPaths {
  schema: string;
  migrations: string;
  url: string;
}

/** The schema and migrations that belong to a DATABASE_URL (paths relative to this file's folder). */
export function prismaPathsFor(databaseUrl: string | undefined): PrismaPaths {
  const url = (databaseUrl ?? '').trim() || SQLITE_DEFAULT_URL;
  const base = /^postgres(ql)?:\/\//.test(url) ? 'prisma/postgres' : 'prisma';
  return { schema: `${base}/schema.prisma`, migrations: `${base}/migrations`, url };
}

const paths = prismaPathsFor(process.env.DATABASE_URL);

export default defineConfig({
  schema: paths.schema,
  migrations: { path: paths.migrations },
  datasource: { url: paths.url },
});
