import type { Client, Config, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * @libsql/client 0.17 opens a new SQLite connection for every transaction and never closes it
 * (tursodatabase/libsql-client-ts#350): a long-running bot ran out of file handles after a few
 * thousand transactions (measured: 4,034 open handles on rm.db after 4,000 nudges, RSS 612 MB -> 1.7 GB).
 * Prisma's adapter already serialises every query and transaction of a client behind one mutex, held
 * until COMMIT or ROLLBACK, so transactions can run on the client's one connection instead.
 */
export function transactionsOnOneConnection(client: Client): Client {
  const transaction = async (mode: TransactionMode = 'deferred'): Promise<Transaction> => {
    await client.execute(BEGIN[mode]);
    let open = true;
    const finish = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      open = false;
      await client.execute(sql);
    };
    const tx: Pick<Transaction, 'execute' | 'batch' | 'executeMultiple' | 'commit' | 'rollback' | 'close' | 'closed'> = {
      execute: (stmt: InStatement) => client.execute(stmt),
      batch: async (stmts: InStatement[]) => {
        const results: ResultSet[] = [];
        for (const s of stmts) results.push(await client.execute(s));
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
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Prisma's libsql adapter factory, with transactions kept on the client's one connection. */
export class PrismaLibSqlOneConnection extends PrismaLibSql {
  override createClient(config: Config): Client {
    return transactionsOnOneConnection(super.createClient(config));
  }
}
