import type { Client, Config } from '@libsql/client';
import Database from 'libsql';
import { sqliteClientWithArrayRows } from './libsqlArrayRows.js';

type Statement = ReturnType<Database.Database['prepare']>;

/** Distinct statements kept prepared per connection, least recently used out first (texts differ by IN-list length). */
export const CACHED_STATEMENTS = 256;

/**
 * Longer texts are prepared each time, as before: a long IN-list or a multi-row INSERT is a text of its own for each
 * length, and its prepared form holds 30 kB to 1 MB; preparing it is a small part of running it. (A click's check-in
 * read, a five-table join, is about 0.9 kB.)
 */
export const CACHED_TEXT_LIMIT = 4096;

/** A statement that changes the schema (after any leading comments): this connection's cache is emptied around it. */
const SCHEMA_CHANGE = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(CREATE|ALTER|DROP)\b/i;

/**
 * @libsql/client's SQLite client prepares every statement again and asks it twice for its column descriptions
 * (`executeStmt`): for the check-in a click reads (a five-table join) 200 µs a time against 22 µs to run it
 * prepared, most of a click's SQLite time in a burst (bench/load, LOAD_STATEMENTS_TOP). Its connection is given
 * prepared statements instead, kept per SQL text with their column descriptions, and its statements run through
 * executeWithArrayRows (rows as arrays; arguments and errors as before). Undefined for a URL this does not read (the
 * client then opens it as usual): only the absolute `file:/...` paths that databaseUrl.ts makes, with nothing to decode.
 *
 * A reused statement keeps the values bound by its last run where a run binds fewer: Prisma always binds them all; a
 * raw query given fewer arguments than placeholders would read the last run's instead of NULL.
 */
export function openSqliteWithStatementCache(config: Config): Client | undefined {
  const path = /^file:(\/(?!\/)[^%?#]*)$/.exec(config.url)?.[1];
  if (!path || config.authToken || config.syncUrl || config.encryptionKey) return undefined;
  const db = new Database(path);
  db.prepare('SELECT 1 AS checkThatTheDatabaseCanBeOpened').all();
  return sqliteClientWithArrayRows(path, withStatementCache(db), config.intMode ?? 'number');
}

function withStatementCache(db: Database.Database): Database.Database {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    if (sql.length > CACHED_TEXT_LIMIT) return db.prepare(sql);
    if (SCHEMA_CHANGE.test(sql)) {
      statements.clear();
      return db.prepare(sql);
    }
    const cached = statements.get(sql);
    if (cached) {
      statements.delete(sql);
      statements.set(sql, cached);
      return cached;
    }
    const statement = describedOnce(db.prepare(sql));
    statements.set(sql, statement);
    if (statements.size > CACHED_STATEMENTS) statements.delete(statements.keys().next().value as string);
    return statement;
  };
  const exec = (sql: string): Database.Database => {
    statements.clear(); // a script (a migration) may change the schema
    return db.exec(sql);
  };
  // libsql closes the connection once its last statement is freed: let the cached ones go.
  const close = (): Database.Database => {
    statements.clear();
    return db.close();
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      if (prop === 'exec') return exec;
      if (prop === 'close') return close;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The statement's column descriptions and its answer to `raw(true)` (which throws when it returns no rows), read once. */
function describedOnce(statement: Statement): Statement {
  const columns = statement.columns();
  let rawRefusal: unknown;
  try {
    statement.raw(true);
  } catch (err) {
    rawRefusal = err;
  }
  statement.columns = () => columns;
  // Raw mode stays on: every run asks for it first (executeWithArrayRows, @libsql/client), and nothing else runs these statements.
  statement.raw = () => {
    if (rawRefusal !== undefined) throw rawRefusal;
    return statement;
  };
  return statement;
}
