// SQLite only: the app's SQLite statements run through executeWithArrayRows instead of @libsql/client's own
// executeStmt. Each case runs the same statement both ways, on the same file, and compares what Prisma's adapter
// reads (columns, types, values by index, counts) and the errors it maps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type InStatement, type IntMode } from '@libsql/client';
import Database from 'libsql';
import { ArrayRowsSqliteClient, executeWithArrayRows } from '../../src/store/libsqlArrayRows.js';
import { openSqliteWithStatementCache } from '../../src/store/libsqlStatementCache.js';

let dir: string;
let file: string;
let db: Database.Database;
const plain = new Map<IntMode, Client>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-array-rows-'));
  file = join(dir, 'rows.db');
  db = new Database(file);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, big INTEGER, blob BLOB, at TEXT, note TEXT);
    INSERT INTO t VALUES (1, 'one', 1.5, 9007199254740991, x'0102ff', '2026-04-06T09:00:00.000+00:00', NULL);
    INSERT INTO t VALUES (2, 'two', -0.25, -3, x'', '2026-04-07T09:00:00.000+00:00', 'é ✓');`);
  for (const mode of ['number', 'bigint', 'string'] as const)
    plain.set(mode, createClient({ url: `file:${file}`, intMode: mode }));
});
afterAll(() => {
  for (const c of plain.values()) c.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What Prisma's adapter reads of a result: rows by index and length, never by column name. */
function asAdapterReadsIt(r: { columns: string[]; columnTypes: string[]; rows: ArrayLike<unknown>[]; rowsAffected: number }) {
  return {
    columns: r.columns,
    columnTypes: r.columnTypes,
    rows: r.rows.map((row) => Array.from({ length: row.length }, (_, i) => row[i])),
    rowsAffected: r.rowsAffected,
  };
}

const reads: InStatement[] = [
  'SELECT * FROM t ORDER BY id',
  { sql: 'SELECT id, name, score * 2 AS doubled, big + 0 AS big FROM t WHERE id > ? ORDER BY id', args: [0] },
  {
    sql: 'SELECT ? AS yes, ? AS no, ? AS day, ? AS bytes, ? AS empty',
    args: [true, false, new Date(0), new ArrayBuffer(2), null],
  },
  { sql: 'SELECT count(*) AS n FROM t WHERE name = ?', args: ['nobody'] },
];

test.each(['number', 'bigint', 'string'] as const)(
  'reads give the values the client gives, by index (intMode %s)',
  async (mode) => {
    for (const stmt of reads) {
      const ours = executeWithArrayRows(db, stmt, mode)!;
      const theirs = await plain.get(mode)!.execute(stmt);
      expect(asAdapterReadsIt(ours)).toEqual(asAdapterReadsIt(theirs));
      // The point of it: the rows are libsql's arrays, not objects with a property defined for each column.
      for (const row of ours.rows) expect(Array.isArray(row)).toBe(true);
    }
  },
);

test('writes give the same counts and last row id; a statement with RETURNING gives its rows', async () => {
  const ours = executeWithArrayRows(db, { sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [10, 'ten'] }, 'number')!;
  const theirs = await plain.get('number')!.execute({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [11, 'eleven'] });
  expect([ours.rowsAffected, ours.lastInsertRowid]).toEqual([1, 10n]);
  expect([theirs.rowsAffected, theirs.lastInsertRowid]).toEqual([1, 11n]);
  const returning = executeWithArrayRows(
    db,
    { sql: 'UPDATE t SET note = ? WHERE id >= ? RETURNING id', args: ['x', 10] },
    'number',
  )!;
  expect(returning.rows.map((r) => r[0])).toEqual([10, 11]);
  executeWithArrayRows(db, 'DELETE FROM t WHERE id >= 10', 'number');
});

test('errors are the LibsqlError the client throws (Prisma maps them by their codes)', async () => {
  const attempts: InStatement[] = [
    { sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [20, 'one'] }, // unique
    'SELECT nope FROM t',
    { sql: 'SELECT ? AS n', args: [Number.NaN] },
  ];
  for (const stmt of attempts) {
    const ours = (() => {
      try {
        executeWithArrayRows(db, stmt, 'number');
      } catch (err) {
        return err as Error & { code?: string; extendedCode?: string; rawCode?: number };
      }
      throw new Error('no error');
    })();
    const theirs = await plain
      .get('number')!
      .execute(stmt)
      .then(
        () => {
          throw new Error('no error');
        },
        (err: Error & { code?: string; extendedCode?: string; rawCode?: number }) => err,
      );
    expect([ours.name, ours.message, ours.code, ours.extendedCode, ours.rawCode]).toEqual([
      theirs.name,
      theirs.message,
      theirs.code,
      theirs.extendedCode,
      theirs.rawCode,
    ]);
  }
});

test('an integer beyond 2^53 fails in number mode, as with the client, and reads exactly in bigint mode', async () => {
  const stmt = 'SELECT 9007199254740993 AS n';
  expect(() => executeWithArrayRows(db, stmt, 'number')).toThrow(RangeError);
  await expect(plain.get('number')!.execute(stmt)).rejects.toThrow(RangeError);
  expect(executeWithArrayRows(db, stmt, 'bigint')!.rows[0]![0]).toBe(9007199254740993n);
});

test('named arguments are left to the client, and the app opens its SQLite files with these rows', async () => {
  expect(executeWithArrayRows(db, { sql: 'SELECT :a AS a', args: { a: 1 } }, 'number')).toBeUndefined();
  const client = openSqliteWithStatementCache({ url: `file:${file}` })!;
  try {
    expect(client).toBeInstanceOf(ArrayRowsSqliteClient);
    const named = await client.execute({ sql: 'SELECT :a AS a', args: { a: 7 } });
    expect(named.rows[0]!.a).toBe(7);
    const positional = await client.execute({ sql: 'SELECT ? AS a', args: [7] });
    expect(Array.isArray(positional.rows[0])).toBe(true);
  } finally {
    client.close();
  }
});
