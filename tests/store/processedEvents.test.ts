import type { Database } from '../../src/store/database.js';
import { claimEvent, processEventOnce, pruneProcessedEvents } from '../../src/store/processedEvents.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

describe.each(testDatabaseKinds())('processed events store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = scratch.db;
    other = await scratch.openAnother({ migrate: false, poolSize: 2 });
  });
  beforeEach(async () => {
    await db.client.processedEvent.deleteMany();
    await db.client.coordinator.deleteMany();
  });

  test('claimEvent records the event once, with its type and time in UTC', async () => {
    expect(await db.client.$transaction((tx) => claimEvent(tx, 'Ev1', 'user_change', T0))).toBe(true);
    expect(await db.client.$transaction((tx) => claimEvent(tx, 'Ev1', 'other_type', at(1)))).toBe(false);
    const row = await db.client.processedEvent.findUniqueOrThrow({ where: { eventId: 'Ev1' } });
    expect(row).toEqual({ eventId: 'Ev1', type: 'user_change', receivedAt: T0 });
    expect(row.receivedAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  test('processEventOnce applies the effects once; a failed attempt leaves no row, so a retry applies them', async () => {
    const apply = (id: string) => async (tx: Parameters<Parameters<typeof db.client.$transaction>[0]>[0]) => {
      await tx.coordinator.create({ data: { slackUserId: id } });
    };
    await expect(
      processEventOnce(db.client, 'Ev2', 'team_join', T0, async () => {
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await db.client.processedEvent.count()).toBe(0);
    expect(await processEventOnce(db.client, 'Ev2', 'team_join', T0, apply('U0FIRST'))).toBe(true);
    expect(await processEventOnce(db.client, 'Ev2', 'team_join', at(1), apply('U0AGAIN'))).toBe(false);
    expect((await db.client.coordinator.findMany()).map((c) => c.slackUserId)).toEqual(['U0FIRST']);
    expect(await db.client.processedEvent.findUniqueOrThrow({ where: { eventId: 'Ev2' } })).toMatchObject({
      type: 'team_join',
      receivedAt: T0,
    });
  });

  test('two deliveries of one event at once apply it once', async () => {
    // SQLite: one process, one connection (its driver would block the event loop on a second pool).
    const pools = kind === 'postgres' ? [db, other] : [db, db];
    const results = await Promise.all(
      pools.map((d, i) =>
        processEventOnce(d.client, 'Ev3', 'member_joined', T0, (tx) =>
          tx.coordinator.create({ data: { slackUserId: `U0RACE${i}` } }).then(() => undefined),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.client.coordinator.count()).toBe(1);
    expect(await db.client.processedEvent.count()).toBe(1);
  });

  test('pruneProcessedEvents deletes only events received strictly before the cut-off', async () => {
    for (const [id, h] of [
      ['old', -48],
      ['edge', 0],
      ['new', 5],
    ] as const)
      await db.client.$transaction((tx) => claimEvent(tx, id, 't', at(h)));
    expect(await pruneProcessedEvents(db.client, T0)).toBe(1);
    expect((await db.client.processedEvent.findMany({ orderBy: { eventId: 'asc' } })).map((e) => e.eventId)).toEqual([
      'edge',
      'new',
    ]);
    expect(await pruneProcessedEvents(db.client, T0)).toBe(0);
  });
});
