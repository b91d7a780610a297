// Which database a client (or a transaction's client) talks to, for the few statements written differently on
// each: Prisma keeps its provider on the client and on every transaction client made from it.
import type { Db, Tx } from './database.js';

export function isPostgres(client: Db | Tx): boolean {
  return (client as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';
}
