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
    `DATABASE_URL must start with file: or postgresql:// (got ${/^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'no scheme'}...)`,
  );
}

export function sqliteFilePath(target: DatabaseTarget): string | undefined {
  if (target.kind !== 'sqlite' || target.url === 'file::memory:') return undefined;
  return target.url.slice('file:'.length);
}

/** Query parameters whose values are harmless to print; the value of every other one is masked. */
const HARMLESS_PARAMETERS = new Set([
  'sslmode',
  'sslaccept',
  'schema',
  'connection_limit',
  'pool_timeout',
  'connect_timeout',
  'socket_timeout',
  'statement_timeout',
  'application_name',
  'pgbouncer',
  'target_session_attrs',
  'host',
  'port',
]);

function parameterName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1 || eq === pair.length - 1 || HARMLESS_PARAMETERS.has(parameterName(pair.slice(0, eq)))) return pair;
      return `${pair.slice(0, eq)}=***`;
    })
    .join('&');
}

/**
 * Any URL made safe to print (DATABASE_URL, SLACK_API_URL, a URL in an error message): the password of
 * `user:password@` becomes `***` (the user name stays), the value of every query parameter but a few harmless
 * ones (sslmode, schema, connection_limit, host, port, ...) becomes `***` (`?password=`, `?sslpassword=`,
 * `?token=`, `?access_token=`, `?key=`, whatever the case), and a fragment becomes `#***`. The rest of the text is
 * kept as it is, so a malformed URL is masked too. The one masking function: the logger applies it to every URL
 * in every line.
 */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url);
  let head = scheme?.[0] ?? '';
  let tail = url.slice(head.length);
  if (scheme?.[1]) {
    // The authority runs to the first "/" (a password may hold "?", "#" or "@"): the user info ends at its last "@".
    const slash = tail.indexOf('/');
    const authority = slash === -1 ? tail : tail.slice(0, slash);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      const userInfo = authority.slice(0, at);
      const colon = userInfo.indexOf(':');
      head += `${colon === -1 ? userInfo : `${userInfo.slice(0, colon)}:***`}@`;
      tail = tail.slice(at + 1);
    }
  }
  const query = tail.indexOf('?');
  const hash = tail.indexOf('#');
  if (hash !== -1 && (query === -1 || hash < query))
    return `${head}${tail.slice(0, hash)}${hash < tail.length - 1 ? '#***' : '#'}`;
  if (query === -1) return head + tail;
  const end = hash === -1 ? tail.length : hash;
  const fragment = hash === -1 ? '' : hash < tail.length - 1 ? '#***' : '#';
  return `${head}${tail.slice(0, query)}?${maskQuery(tail.slice(query + 1, end))}${fragment}`;
}
