import type { Database } from '../../src/store/database.js';
import {
  addCoordinator,
  coordinatorAccess,
  isCoordinator,
  listAdminsOfAll,
  programmeCoordinators,
  removeCoordinator,
} from '../../src/store/coordinators.js';

const ALL = { kind: 'all' } as const;
const SPRING = { kind: 'programme', programmeId: 'prog-spring' } as const;
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';
import { createProgramme } from '../../src/store/programmes.js';

const CONFIGURED = ['U0OPERATOR', 'U0ADDED'];

describe.each(testDatabaseKinds())('coordinators store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client }) => {
    await client.coordinator.createMany({
      data: [
        { slackUserId: 'U0ADDED', addedBySlackId: 'U0OPERATOR' },
        { slackUserId: 'U0BETA', addedBySlackId: 'U0OPERATOR' },
      ],
    });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('isCoordinator: a configured id or a stored one is a coordinator, anyone else is not', async () => {
    expect(await isCoordinator(db.client, CONFIGURED, 'U0OPERATOR')).toBe(true);
    expect(await isCoordinator(db.client, [], 'U0BETA')).toBe(true);
    expect(await isCoordinator(db.client, CONFIGURED, 'U0STRANGER')).toBe(false);
    expect(await isCoordinator(db.client, [], 'u0beta')).toBe(false);
  });

  test('listCoordinators merges configured and stored ids, once each, sorted', async () => {
    expect(await listAdminsOfAll(db.client, CONFIGURED)).toEqual(['U0ADDED', 'U0BETA', 'U0OPERATOR']);
    expect(await listAdminsOfAll(db.client, [])).toEqual(['U0ADDED', 'U0BETA']);
  });
});

describe.each(testDatabaseKinds())('coordinator admin store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('an added coordinator is stored with who added it; adding it again is a no-op', async () => {
    expect(await addCoordinator(db.client, ALL, 'U0NEW', 'U0OPERATOR')).toBe(true);
    expect(await addCoordinator(db.client, ALL, 'U0NEW', 'U0SOMEONE')).toBe(false);
    const rows = await db.client.coordinator.findMany();
    expect(rows).toEqual([{ slackUserId: 'U0NEW', addedBySlackId: 'U0OPERATOR', createdAt: expect.any(Date) }]);
    expect(await isCoordinator(db.client, [], 'U0NEW')).toBe(true);
  });

  test('two adds of the same id at once store one row', async () => {
    const results = await Promise.all([
      addCoordinator(db.client, ALL, 'U0RACE', 'U0A'),
      addCoordinator(db.client, ALL, 'U0RACE', 'U0B'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.client.coordinator.count({ where: { slackUserId: 'U0RACE' } })).toBe(1);
  });

  test('removing a stored coordinator deletes it once; a configured one is not stored, so nothing is removed', async () => {
    expect(await removeCoordinator(db.client, ALL, 'U0NEW')).toBe(true);
    expect(await removeCoordinator(db.client, ALL, 'U0NEW')).toBe(false);
    expect(await removeCoordinator(db.client, ALL, 'U0OPERATOR')).toBe(false);
    expect(await isCoordinator(db.client, [], 'U0NEW')).toBe(false);
    expect(await listAdminsOfAll(db.client, ['U0OPERATOR'])).toEqual(['U0OPERATOR', 'U0RACE']);
  });
});

describe.each(testDatabaseKinds())('coordinators of one programme on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client }) => {
    await createProgramme(client, aProgramme({ id: 'prog-spring', name: 'Spring', createdBySlackId: 'U0OPENER' }));
    await createProgramme(client, aProgramme({ id: 'prog-autumn', name: 'Autumn', createdBySlackId: 'U0OTHER' }));
    await client.coordinator.create({ data: { slackUserId: 'U0ADMIN', addedBySlackId: 'U0OPERATOR' } });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('whoever opens a programme coordinates it, and only it; admins of all coordinate everything', async () => {
    expect(await coordinatorAccess(db.client, [], 'U0OPENER')).toEqual({ kind: 'programmes', programmeIds: ['prog-spring'] });
    expect(await coordinatorAccess(db.client, [], 'U0ADMIN')).toEqual({ kind: 'all' });
    expect(await coordinatorAccess(db.client, ['U0OPERATOR'], 'U0OPERATOR')).toEqual({ kind: 'all' });
    expect(await coordinatorAccess(db.client, [], 'U0STRANGER')).toEqual({ kind: 'programmes', programmeIds: [] });
    expect(await isCoordinator(db.client, [], 'U0OPENER')).toBe(true);
  });

  test("a programme's recipients are its own coordinators and the admins of all, once each", async () => {
    expect(await addCoordinator(db.client, SPRING, 'U0HELPER', 'U0OPENER')).toBe(true);
    expect(await addCoordinator(db.client, SPRING, 'U0HELPER', 'U0OPENER')).toBe(false);
    expect(await addCoordinator(db.client, SPRING, 'U0ADMIN', 'U0OPENER')).toBe(true);
    const of = await programmeCoordinators(db.client, ['U0OPERATOR'], ['prog-spring', 'prog-autumn']);
    expect(of('prog-spring')).toEqual(['U0ADMIN', 'U0HELPER', 'U0OPENER', 'U0OPERATOR']);
    expect(of('prog-autumn')).toEqual(['U0ADMIN', 'U0OPERATOR', 'U0OTHER']);
    expect(await removeCoordinator(db.client, SPRING, 'U0HELPER')).toBe(true);
    expect(await removeCoordinator(db.client, SPRING, 'U0HELPER')).toBe(false);
    expect(await isCoordinator(db.client, [], 'U0HELPER')).toBe(false);
  });

  test("a programme's coordinators go with it", async () => {
    await db.client.programme.delete({ where: { id: 'prog-autumn' } });
    expect(await coordinatorAccess(db.client, [], 'U0OTHER')).toEqual({ kind: 'programmes', programmeIds: [] });
  });
});
