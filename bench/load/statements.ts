/**
 * Counts the database statements this process sends (the app's, in app.ts): the inbox's cost per request in
 * statements. It wraps the drivers' own entry points (libsql's SQLite client, node-postgres' Client.query),
 * below Prisma, so every statement is seen once, transactions' BEGIN and COMMIT included.
 */
import { Sqlite3Client } from '@libsql/client/sqlite3';
import pg from 'pg';
import { ArrayRowsSqliteClient } from '../../src/store/libsqlArrayRows.js';
import type { StatementCounts } from './protocol.js';

export function countStatements() {
  const counts: StatementCounts = { all: 0, inbox: 0, inboxWrites: 0, transactions: 0 };
  // LOAD_WINDOW_STATEMENTS=<file> (both databases): each statement text sent during the measured load, with its count.
  const inWindow = process.env.LOAD_WINDOW_STATEMENTS ? new Map<string, number>() : undefined;
  let measuring = false;
  const note = (sql: unknown) => {
    const text =
      typeof sql === 'string'
        ? sql
        : ((sql as { sql?: string; text?: string } | null)?.sql ?? (sql as { text?: string } | null)?.text ?? '');
    counts.all += 1;
    if (inWindow && measuring) {
      const head = text.slice(0, 300);
      inWindow.set(head, (inWindow.get(head) ?? 0) + 1);
    }
    if (/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(text)) counts.transactions += 1;
    if (text.includes('InboxRequest')) {
      counts.inbox += 1;
      if (/^\s*(INSERT|UPDATE|DELETE)/i.test(text)) counts.inboxWrites += 1;
    }
  };
  // LOAD_STATEMENTS_TOP=<file> (SQLite): per statement text, how often it ran, the rows it returned and its time.
  const byText = process.env.LOAD_STATEMENTS_TOP ? new Map<string, { n: number; rows: number; ms: number }>() : undefined;
  // The app's SQLite client is a subclass with its own execute (src/store/libsqlArrayRows.ts): count at both.
  for (const Client of [Sqlite3Client, ArrayRowsSqliteClient]) countAt(Client.prototype);
  function countAt(prototype: Sqlite3Client) {
    const sqliteExecute = prototype.execute;
    prototype.execute = function (this: Sqlite3Client, ...args: Parameters<Sqlite3Client['execute']>) {
      note(args[0]);
      // libsql runs the statement inside this call, before its promise is returned: time from here.
      const started = performance.now();
      const result = sqliteExecute.apply(this, args);
      if (!byText) return result;
      const sql = typeof args[0] === 'string' ? args[0] : ((args[0] as { sql?: string }).sql ?? '');
      return result.then((r) => {
        const entry = byText.get(sql) ?? { n: 0, rows: 0, ms: 0 };
        entry.n += 1;
        entry.rows += r.rows.length;
        entry.ms += performance.now() - started;
        byText.set(sql, entry);
        return r;
      });
    } as Sqlite3Client['execute'];
  }
  const pgQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    note(args[0]);
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    writeTop: async () => {
      if (!byText) return;
      const { writeFileSync } = await import('node:fs');
      const top = [...byText].sort((a, b) => b[1].rows - a[1].rows).map(([sql, e]) => ({ ...e, sql: sql.slice(0, 400) }));
      writeFileSync(process.env.LOAD_STATEMENTS_TOP!, JSON.stringify(top, null, 1));
    },
    /** the measured load starts (true) or ends (false): what LOAD_WINDOW_STATEMENTS lists */
    window: async (on: boolean) => {
      measuring = on;
      if (on || !inWindow) return;
      const { writeFileSync } = await import('node:fs');
      const top = [...inWindow].sort((a, b) => b[1] - a[1]).map(([sql, n]) => ({ n, sql }));
      writeFileSync(process.env.LOAD_WINDOW_STATEMENTS!, JSON.stringify(top, null, 1));
    },
    snapshot: (): StatementCounts => ({ ...counts }),
    since: (before: StatementCounts): StatementCounts => ({
      all: counts.all - before.all,
      inbox: counts.inbox - before.inbox,
      inboxWrites: counts.inboxWrites - before.inboxWrites,
      transactions: counts.transactions - before.transactions,
    }),
  };
}
