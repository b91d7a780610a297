import { Prisma } from '../../generated/sqlite/client.js';
import type { ReportMonth } from '../../domain/report/index.js';

/** Counts arrive as bigint from Postgres and as number from SQLite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** SQLite hands back an aggregated date (MAX, COALESCE) as text, Postgres as a Date. */
export const dateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

/**
 * The month index of an instant column: a CASE over the month boundaries computed in the domain (in the
 * programme's time zone). Plain comparisons of instants, so the same SQL runs on SQLite and Postgres with no
 * date function of either. Instants before the first month count in it, after the last in the last.
 */
export function monthBucket(column: Prisma.Sql, months: ReportMonth[]): Prisma.Sql {
  if (months.length <= 1) return Prisma.sql`0`;
  // The indexes are our own integers: written as literals, so Postgres needs no type for them.
  const whens = months.slice(0, -1).map((m, i) => Prisma.sql`WHEN ${column} < ${m.end} THEN ${Prisma.raw(String(i))}`);
  return Prisma.sql`CASE ${Prisma.join(whens, ' ')} ELSE ${Prisma.raw(String(months.length - 1))} END`;
}

export { Prisma };
