import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client, Config, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { openSqliteWithStatementCache } from './libsqlStatementCache.js';

/**
 * libsql runs each statement synchronously and resolves at once, so queued queries (and the code awaiting
 * them) run back to back as microtasks and can hold the event loop for seconds: no request is read or
 * acked meanwhile. Before a statement, when the loop has not had a turn for SLICE_MS, give it one.
 */
const SLICE_MS = 10;
let lastTurn = performance.now();
async function letTheEventLoopRun(): Promise<void> {
  if (performance.now() - lastTurn < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

/**
 * @libsql/client 0.17 opens a new SQLite connection for every transaction and never closes it
 * (tursodatabase/libsql-client-ts#350): a long-running bot ran out of file handles after a few
 * thousand transactions (measured: 4,034 open handles on rm.db after 4,000 nudges, RSS 612 MB -> 1.7 GB).
 * Prisma's adapter already serialises every query and transaction of a client behind one mutex, held
 * until COMMIT or ROLLBACK, so transactions can run on the client's one connection instead.
 */
export function transactionsOnOneConnection(client: Client): Client {
  const execute = async (stmt: InStatement) => {
    await letTheEventLoopRun();
    return client.execute(stmt);
  };
  const transaction = async (mode: TransactionMode = 'deferred'): Promise<Transaction> => {
    await execute(BEGIN[mode]);
    let open = true;
    const finish = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      open = false;
      await execute(sql);
    };
    const tx: Pick<Transaction, 'execute' | 'batch' | 'executeMultiple' | 'commit' | 'rollback' | 'close' | 'closed'> = {
      execute,
      batch: async (stmts: InStatement[]) => {
        const results: ResultSet[] = [];
        for (const s of stmts) results.push(await execute(s));
        return results;
      },
      executeMultiple: (sql: string) => client.executeMultiple(sql),
      commit: () => finish('COMMIT'),
      rollback: () => finish('ROLLBACK'),
      close: () => void finish('ROLLBACK').catch(() => undefined),
      get closed() {
        return !open;
      },
    };
    return tx as Transaction;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (prop === 'execute') return execute;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const aheadOfOthers = new AsyncLocalStorage<true>();

/**
 * Runs `work` with its statements ahead of every other statement waiting for the one SQLite connection (it still
 * waits for a running statement or transaction to end). For the durable inbox's record, which Slack's ack waits
 * for: in a burst, hundreds of listener statements queue for the connection, and the record waited behind
 * them all (bench/load: p99 near 10 s on a loaded machine). PostgreSQL has a pool: nothing to do there.
 */
export function aheadOfTheQueue<T>(work: () => Promise<T>): Promise<T> {
  return aheadOfOthers.run(true, work);
}

interface PriorityLock {
  acquire(priority?: number): Promise<() => void>;
  runExclusive: unknown;
}

/** The adapter's one lock (async-mutex, under a private symbol): acquired ahead of others inside aheadOfTheQueue. */
function prioritise(adapter: SqlDriverAdapter): SqlDriverAdapter {
  for (const key of Object.getOwnPropertySymbols(adapter)) {
    const lock = (adapter as unknown as Record<symbol, Partial<PriorityLock> | undefined>)[key];
    if (typeof lock?.acquire !== 'function' || typeof lock.runExclusive !== 'function') continue;
    const acquire = lock.acquire.bind(lock);
    lock.acquire = (priority?: number) => acquire(priority ?? (aheadOfOthers.getStore() ? 1 : 0));
  }
  return adapter;
}

/** Prisma's libsql adapter factory, with transactions kept on the client's one connection and its statements prepared once. */
export class PrismaLibSqlOneConnection extends PrismaLibSql {
  override createClient(config: Config): Client {
    return transactionsOnOneConnection(openSqliteWithStatementCache(config) ?? super.createClient(config));
  }

  override async connect(): Promise<SqlDriverAdapter> {
    return prioritise(await super.connect());
  }
}
