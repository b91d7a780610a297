// PostgreSQL: a transaction is one pg Client, and a Client runs one query at a time. Prisma's query interpreter
// loads an `include`'s relations at once (the children of a join, in parallel), which inside a transaction handed
// the transaction's one Client a query while another was running: pg queued it and warned ("Calling
// client.query() when the client is already executing a query", deprecated, pg@9 removes the queue). Here every
// transaction runs its statements one after the other, in the order they were asked for: what pg did with its
// queue, now in our hands.
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

/** Runs the work given to it one piece at a time, in order; a failure fails that piece only. */
class OneAtATime {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.last.then(work, work);
    this.last = next.catch(() => undefined);
    return next;
  }
}

function oneStatementAtATime(tx: Transaction): Transaction {
  const line = new OneAtATime();
  const inLine =
    <A extends unknown[], R>(f: ((...a: A) => Promise<R>) | undefined) =>
    (...a: A): Promise<R> =>
      line.run(() => f!.apply(tx, a));
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: inLine((q: SqlQuery) => tx.queryRaw(q)),
    executeRaw: inLine((q: SqlQuery) => tx.executeRaw(q)),
    commit: inLine(() => tx.commit()),
    rollback: inLine(() => tx.rollback()),
    ...(tx.createSavepoint ? { createSavepoint: inLine(tx.createSavepoint) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: inLine(tx.rollbackToSavepoint) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: inLine(tx.releaseSavepoint) } : {}),
  };
}

function withSerialTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: IsolationLevel) => oneStatementAtATime(await start(isolationLevel));
  return adapter;
}

/** The factory, its adapters' transactions running one statement at a time on their connection. */
export function oneQueryAtATimePerTransaction<F extends SqlMigrationAwareDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => withSerialTransactions(await connect());
  factory.connectToShadowDb = async () => withSerialTransactions(await connectToShadowDb());
  return factory;
}
