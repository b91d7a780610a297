import { LibsqlError, type Client, type InArgs, type InStatement, type IntMode, type ResultSet, type Row } from '@libsql/client';
import { Sqlite3Client } from '@libsql/client/sqlite3';
import Database from 'libsql';

/** @libsql/client's SQLite client on `db`, whose statements run through executeWithArrayRows. */
export function sqliteClientWithArrayRows(path: string, db: Database.Database, intMode: IntMode): Client {
  return new ArrayRowsSqliteClient(path, db, intMode) as unknown as Client;
}

export class ArrayRowsSqliteClient extends Sqlite3Client {
  constructor(
    path: string,
    private readonly db: Database.Database,
    private readonly intMode: IntMode,
  ) {
    super(path, {}, db, intMode);
  }

  override async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return (!this.closed && executeWithArrayRows(this.db, stmt, this.intMode)) || super.execute(stmtOrSql, args);
  }
}

/**
 * Runs a statement the way @libsql/client's SQLite client does (`executeStmt`: the same arguments, integers, blobs
 * and errors), but hands its rows on as the arrays libsql returns. The client makes each row an object with a
 * property defined one at a time for every column, by index and by name (`rowFromSql`): 10 % of the nudge pass's
 * time, which reads 10,000 rows of 25 columns (bench/fanout, FANOUT_TICK_PROF). Prisma's adapter, the only reader,
 * reads rows by index. Undefined for a statement with named arguments: the client runs those as before.
 */
export function executeWithArrayRows(db: Database.Database, stmt: InStatement, intMode: IntMode): ResultSet | undefined {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  const args: InArgs = typeof stmt === 'string' ? [] : (stmt.args ?? []);
  if (!Array.isArray(args)) return undefined;
  try {
    const statement = db.prepare(sql);
    statement.safeIntegers(true);
    let returnsData = true;
    try {
      statement.raw(true);
    } catch {
      returnsData = false; // raw() throws when the statement returns no rows
    }
    const bound = args.map((value) => valueToSql(value, intMode));
    if (!returnsData) {
      const info = statement.run(bound);
      return new ArrayRowsResult([], [], [], info.changes, BigInt(info.lastInsertRowid));
    }
    const columns = statement.columns();
    const rows = statement.all(bound) as unknown[][];
    for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = valueFromSql(row[i], intMode);
    return new ArrayRowsResult(
      columns.map((c) => c.name),
      columns.map((c) => c.type ?? ''),
      rows as unknown as Row[],
      0,
      undefined,
    );
  } catch (err) {
    throw asLibsqlError(err);
  }
}

class ArrayRowsResult implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    const json = (v: unknown) =>
      typeof v === 'bigint' ? `${v}` : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v;
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, json)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid !== undefined ? `${this.lastInsertRowid}` : null,
    };
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n;

function valueFromSql(value: unknown, intMode: IntMode): unknown {
  if (typeof value === 'bigint') {
    if (intMode === 'bigint') return value;
    if (intMode === 'string') return `${value}`;
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    }
    return Number(value);
  }
  return value instanceof Buffer ? value.buffer : value;
}

function valueToSql(value: unknown, intMode: IntMode): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'bigint') {
    if (value < MIN_INTEGER || value > MAX_INTEGER) {
      throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
    }
    return value;
  }
  if (typeof value === 'boolean')
    return intMode === 'bigint' ? (value ? 1n : 0n) : intMode === 'string' ? (value ? '1' : '0') : value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

/** SQLite's primary result codes 1 to 28, as the client names them (an extended code's low byte is its primary). */
const PRIMARY_CODES = [
  'SQLITE_ERROR',
  'SQLITE_INTERNAL',
  'SQLITE_PERM',
  'SQLITE_ABORT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
  'SQLITE_INTERRUPT',
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_NOTFOUND',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_EMPTY',
  'SQLITE_SCHEMA',
  'SQLITE_TOOBIG',
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_MISUSE',
  'SQLITE_NOLFS',
  'SQLITE_AUTH',
  'SQLITE_FORMAT',
  'SQLITE_RANGE',
  'SQLITE_NOTADB',
  'SQLITE_NOTICE',
  'SQLITE_WARNING',
];

function asLibsqlError(err: unknown): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  const { rawCode } = err as { rawCode?: number };
  const primary = (rawCode ?? 0) & 0xff;
  const code =
    rawCode === undefined
      ? 'SQLITE_UNKNOWN'
      : ((primary >= 1 ? PRIMARY_CODES[primary - 1] : undefined) ?? `SQLITE_UNKNOWN_${primary}`);
  return new LibsqlError(err.message, code, err.code, rawCode, err);
}
