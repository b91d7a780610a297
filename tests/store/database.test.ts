import {
  inTransaction,
  openDatabase,
  TRANSACTION_MAX_WAIT_MS,
  TRANSACTION_TIMEOUT_MS,
  type Database,
} from '../../src/store/database.js';
import { kindOf } from '../../src/store/provider.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');

describe.each(testDatabaseKinds())('database store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  beforeAll(() => (db = scratch.db));
  let second: Database | undefined;

  test('opens a migrated database of the kind its URL names, which answers a ping', async () => {
    expect(db.kind).toBe(kind);
    expect(db.target.kind).toBe(kind);
    expect(kindOf(db.client)).toBe(kind); // the statements written differently on each database follow it
    expect(await db.ping()).toBe(true);
    expect(await db.client.programme.count()).toBe(0);
    expect([TRANSACTION_MAX_WAIT_MS, TRANSACTION_TIMEOUT_MS]).toEqual([30_000, 30_000]);
  });

  test('a client that openDatabase did not open has no kind: the store refuses it rather than guess', () => {
    expect(() => kindOf(Object.create(db.client) as typeof db.client)).toThrow('not opened by openDatabase');
  });

  test('a row written through one open is read back through a second open of the same database', async () => {
    await db.client.coordinator.create({ data: { slackUserId: 'U0WRITER', addedBySlackId: 'U0ADMIN', createdAt: T0 } });
    await db.client.jobLease.create({ data: { name: 'lease', holder: 'replica-1', expiresAt: T0 } });
    second = await scratch.openAnother({ migrate: false, poolSize: 2 });
    expect(await second.client.coordinator.findUnique({ where: { slackUserId: 'U0WRITER' } })).toEqual({
      slackUserId: 'U0WRITER',
      addedBySlackId: 'U0ADMIN',
      createdAt: T0,
    });
    const lease = await second.client.jobLease.findUniqueOrThrow({ where: { name: 'lease' } });
    expect(lease.expiresAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    // and the other way round
    await second.client.coordinator.create({ data: { slackUserId: 'U0SECOND' } });
    expect((await db.client.coordinator.findMany({ orderBy: { slackUserId: 'asc' } })).map((c) => c.slackUserId)).toEqual([
      'U0SECOND',
      'U0WRITER',
    ]);
  });

  test('opening an already migrated database again migrates nothing and keeps its rows', async () => {
    const again = await openDatabase(scratch.url);
    try {
      expect(await again.client.coordinator.count()).toBe(2);
    } finally {
      await again.close();
    }
  });

  test('inTransaction commits its steps together and returns the value of the work', async () => {
    const result = await inTransaction(db.client, async (tx) => {
      await tx.processedEvent.create({ data: { eventId: 'Ev1', type: 'test', receivedAt: T0 } });
      await tx.processedEvent.create({ data: { eventId: 'Ev2', type: 'test', receivedAt: T0 } });
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.client.processedEvent.findMany({ orderBy: { eventId: 'asc' } })).map((e) => e.eventId)).toEqual([
      'Ev1',
      'Ev2',
    ]);
  });

  test('inTransaction rolls back every step when the work throws', async () => {
    await expect(
      inTransaction(db.client, async (tx) => {
        await tx.processedEvent.create({ data: { eventId: 'Ev3', type: 'test', receivedAt: T0 } });
        await tx.coordinator.delete({ where: { slackUserId: 'U0WRITER' } });
        throw new Error('step failed');
      }),
    ).rejects.toThrow('step failed');
    expect(await db.client.processedEvent.findUnique({ where: { eventId: 'Ev3' } })).toBeNull();
    expect(await db.client.coordinator.findUnique({ where: { slackUserId: 'U0WRITER' } })).not.toBeNull();
  });
});
