/** Prisma reports a unique-constraint violation as P2002 on both SQLite and PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
