import type { Database } from '../../src/store/database.js';
import { isUniqueViolation } from '../../src/store/errors.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected the write to fail');
    },
    (err: unknown) => err,
  );

describe.each(testDatabaseKinds())('isUniqueViolation on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client }) => {
    await createProgramme(client, aProgramme());
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('a second row with the same primary key is a unique violation', async () => {
    await db.client.coordinator.create({ data: { slackUserId: 'U0DUP' } });
    const err = await caught(db.client.coordinator.create({ data: { slackUserId: 'U0DUP' } }));
    expect(isUniqueViolation(err)).toBe(true);
    expect(await db.client.coordinator.count({ where: { slackUserId: 'U0DUP' } })).toBe(1);
  });

  test('a compound unique key (programme, Slack user) violated inside a transaction is one too', async () => {
    const person = { programmeId: 'prog-1', slackUserId: 'U0SAME', role: 'mentor', seniorityLevel: 2 };
    await db.client.participant.create({ data: { id: 'p1', ...person } });
    const err = await caught(db.client.$transaction((tx) => tx.participant.create({ data: { id: 'p2', ...person } })));
    expect(isUniqueViolation(err)).toBe(true);
    expect((await db.client.participant.findMany({ where: { slackUserId: 'U0SAME' } })).map((p) => p.id)).toEqual(['p1']);
  });

  test('other database errors and non-errors are not unique violations', async () => {
    const missing = await caught(
      db.client.coordinator.update({ where: { slackUserId: 'U0NOBODY' }, data: { addedBySlackId: 'X' } }),
    );
    expect(missing).toMatchObject({ code: 'P2025' });
    expect(isUniqueViolation(missing)).toBe(false);
    const orphan = await caught(
      db.client.participant.create({
        data: { id: 'p3', programmeId: 'nope', slackUserId: 'U0X', role: 'mentee', seniorityLevel: 5 },
      }),
    );
    expect(isUniqueViolation(orphan)).toBe(false);
    for (const value of [null, undefined, 'P2002', new Error('P2002'), { code: 'P2003' }])
      expect(isUniqueViolation(value)).toBe(false);
    expect(isUniqueViolation({ code: 'P2002' })).toBe(true);
  });
});
