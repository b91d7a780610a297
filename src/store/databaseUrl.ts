import { isAbsolute, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** For SQLite a libsql URL (`file:/absolute/path.db`), for Postgres the connection string. */
  url: string;
}

/** `file:...` (relative paths resolve against the working directory) = SQLite, `postgres(ql)://` = Postgres. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('postgresql://') || url.startsWith('postgres://')) return { kind: 'postgres', url };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path === ':memory:') return { kind: 'sqlite', url };
    return { kind: 'sqlite', url: `file:${isAbsolute(path) ? path : resolve(cwd, path)}` };
  }
  throw new Error(
    `DATABASE_URL must start with file: or postgresql:// (got a value starting ${JSON.stringify(url.slice(0, 12))})`,
  );
}

export function sqliteFilePath(target: DatabaseTarget): string | undefined {
  if (target.kind !== 'sqlite' || target.url === 'file::memory:') return undefined;
  return target.url.slice('file:'.length);
}

/** A connection string safe to print: the password is masked. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
