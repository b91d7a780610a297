// Which database a client talks to, for the few statements written differently on each. openDatabase notes it;
// a transaction's client is another object, so a transaction's writes take the kind of the client they began on.
import type { Db } from './database.js';
import type { DatabaseKind } from './databaseUrl.js';

const kinds = new WeakMap<Db, DatabaseKind>();

export function rememberKind(db: Db, kind: DatabaseKind): void {
  kinds.set(db, kind);
}

/** The kind of a client opened by openDatabase; any other client is a mistake, not a guess. */
export function kindOf(db: Db): DatabaseKind {
  const kind = kinds.get(db);
  if (!kind) throw new Error('this database client was not opened by openDatabase');
  return kind;
}
