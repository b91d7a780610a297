import type { Database } from '../../src/store/database.js';
import { isCoordinator, listCoordinators, addCoordinator, removeCoordinator } from '../../src/store/coordinators.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

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
    expect(await listCoordinators(db.client, CONFIGURED)).toEqual(['U0ADDED', 'U0BETA', 'U0OPERATOR']);
    expect(await listCoordinators(db.client, [])).toEqual(['U0ADDED', 'U0BETA']);
  });
});

describe.each(testDatabaseKinds())('coordinator admin store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('an added coordinator is stored with who added it; adding it again is a no-op', async () => {
    expect(await addCoordinator(db.client, 'U0NEW', 'U0OPERATOR')).toBe(true);
    expect(await addCoordinator(db.client, 'U0NEW', 'U0SOMEONE')).toBe(false);
    const rows = await db.client.coordinator.findMany();
    expect(rows).toEqual([{ slackUserId: 'U0NEW', addedBySlackId: 'U0OPERATOR', createdAt: expect.any(Date) }]);
    expect(await isCoordinator(db.client, [], 'U0NEW')).toBe(true);
  });

  test('two adds of the same id at once store one row', async () => {
    const results = await Promise.all([addCoordinator(db.client, 'U0RACE', 'U0A'), addCoordinator(db.client, 'U0RACE', 'U0B')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.client.coordinator.count({ where: { slackUserId: 'U0RACE' } })).toBe(1);
  });

  test('removing a stored coordinator deletes it once; a configured one is not stored, so nothing is removed', async () => {
    expect(await removeCoordinator(db.client, 'U0NEW')).toBe(true);
    expect(await removeCoordinator(db.client, 'U0NEW')).toBe(false);
    expect(await removeCoordinator(db.client, 'U0OPERATOR')).toBe(false);
    expect(await isCoordinator(db.client, [], 'U0NEW')).toBe(false);
    expect(await listCoordinators(db.client, ['U0OPERATOR'])).toEqual(['U0OPERATOR', 'U0RACE']);
  });
});
