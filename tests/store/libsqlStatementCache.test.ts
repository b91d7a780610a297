// SQLite only: the statement cache sits in front of libsql's connection (PostgreSQL has no such layer).
import { jest } from '@jest/globals';
import Database from 'libsql';
import { findCheckIn } from '../../src/store/checkInReads.js';
import { openDatabase, type Database as Store } from '../../src/store/database.js';
import { CACHED_STATEMENTS, CACHED_TEXT_LIMIT, openSqliteWithStatementCache } from '../../src/store/libsqlStatementCache.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases.js';

let scratch: ScratchDatabase;
let store: Store;
const prepared: string[] = [];
const preparedCount = (pattern: RegExp) => prepared.filter((sql) => pattern.test(sql)).length;

beforeAll(async () => {
  scratch = await createScratchDatabase('sqlite');
  store = await openDatabase(scratch.url);
  const now = new Date('2026-04-06T09:00:00Z');
  const c = store.client;
  await c.programme.create({
    data: {
      id: 'g1',
      name: 'Pilot',
      startDate: now,
      durationMonths: 6,
      endDate: now,
      signupDeadline: now,
      createdBySlackId: 'UC',
    },
  });
  for (const [id, role] of [
    ['mr', 'mentor'],
    ['me', 'mentee'],
  ]) {
    await c.participant.create({ data: { id: id!, programmeId: 'g1', slackUserId: `U${id}`, role: role!, seniorityLevel: 1 } });
  }
  await c.pairing.create({ data: { id: 'p1', programmeId: 'g1', mentorId: 'mr', menteeId: 'me' } });
  await c.checkIn.create({ data: { id: 'c1', pairingId: 'p1', sequence: 1, dueAt: now } });
  const prepare = Database.prototype.prepare;
  jest.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
    prepared.push(sql);
    return prepare.call(this, sql);
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await store?.close();
  await scratch?.drop();
});
beforeEach(() => {
  prepared.length = 0;
});

test('a statement run again is not prepared again, and reads the same rows', async () => {
  const first = await findCheckIn(store.client, 'c1');
  const again = [await findCheckIn(store.client, 'c1'), await findCheckIn(store.client, 'c1')];
  expect(first).toMatchObject({ id: 'c1', pairing: { mentor: { slackUserId: 'Umr' }, mentee: { slackUserId: 'Ume' } } });
  expect(again).toEqual([first, first]);
  expect(await findCheckIn(store.client, 'nobody')).toBeNull();
  expect(preparedCount(/FROM "CheckIn" c/)).toBeLessThanOrEqual(1);
});

test('errors are the same: a unique key taken twice is still P2002, and the statement goes on working', async () => {
  await store.client.coordinator.create({ data: { slackUserId: 'UDUP' } });
  await expect(store.client.coordinator.create({ data: { slackUserId: 'UDUP' } })).rejects.toMatchObject({ code: 'P2002' });
  await store.client.coordinator.create({ data: { slackUserId: 'UNEW' } });
  expect(await store.client.coordinator.count({ where: { slackUserId: { in: ['UDUP', 'UNEW'] } } })).toBe(2);
  // Writes that return no rows, in a transaction, work as before.
  await store.client.$transaction(async (tx) => {
    await tx.coordinator.updateMany({ where: { slackUserId: 'UNEW' }, data: { slackUserId: 'UNEWER' } });
  });
  expect(await store.client.coordinator.findUnique({ where: { slackUserId: 'UNEWER' } })).not.toBeNull();
});

test('a schema change empties the cache: statements are prepared again after it', async () => {
  await findCheckIn(store.client, 'c1');
  await findCheckIn(store.client, 'c1');
  expect(preparedCount(/FROM "CheckIn" c/)).toBe(0);
  await store.client.$executeRawUnsafe('CREATE TABLE "CacheProbe" (id TEXT PRIMARY KEY)');
  await findCheckIn(store.client, 'c1');
  expect(preparedCount(/FROM "CheckIn" c/)).toBe(1);
});

test(`at most ${CACHED_STATEMENTS} statements are kept: the least recently used is prepared again`, async () => {
  await store.client.$queryRawUnsafe('SELECT 0 AS first');
  for (let i = 1; i <= CACHED_STATEMENTS; i++) await store.client.$queryRawUnsafe(`SELECT ${i} AS n`);
  await store.client.$queryRawUnsafe('SELECT 0 AS first');
  expect(preparedCount(/AS first/)).toBe(2);
  await store.client.$queryRawUnsafe(`SELECT ${CACHED_STATEMENTS} AS n`);
  expect(preparedCount(new RegExp(`SELECT ${CACHED_STATEMENTS} AS n`))).toBe(1);
});

test(`a text over ${CACHED_TEXT_LIMIT} characters (a multi-row INSERT, a long IN-list) is prepared each time, not kept`, async () => {
  const long = `SELECT 1 AS n WHERE 1 IN (${'2, '.repeat(CACHED_TEXT_LIMIT / 3)}1)`;
  expect(await store.client.$queryRawUnsafe(long)).toEqual([{ n: 1 }]);
  expect(await store.client.$queryRawUnsafe(long)).toEqual([{ n: 1 }]);
  expect(prepared.filter((sql) => sql === long)).toHaveLength(2);
});

test('a schema change after a comment empties the cache too', async () => {
  await findCheckIn(store.client, 'c1');
  prepared.length = 0;
  await store.client.$executeRawUnsafe('-- a probe\n/* of the cache */ CREATE TABLE "CacheProbe2" (id TEXT PRIMARY KEY)');
  await findCheckIn(store.client, 'c1');
  expect(preparedCount(/FROM "CheckIn" c/)).toBe(1);
});

test('a URL it does not read is left to the libsql client', () => {
  expect(openSqliteWithStatementCache({ url: 'file::memory:' })).toBeUndefined();
  expect(openSqliteWithStatementCache({ url: 'file:/tmp/a%20b.db' })).toBeUndefined();
  expect(openSqliteWithStatementCache({ url: 'file:relative.db' })).toBeUndefined();
  expect(openSqliteWithStatementCache({ url: 'file:///tmp/x.db' })).toBeUndefined();
});
