// A pg Client runs one query at a time; handed a second one while the first runs, pg queues it and warns
// ("Calling client.query() when the client is already executing a query", deprecated, gone in pg@9). Seen in CI:
// inside a transaction Prisma's query interpreter loads an include's relations at once, all on the transaction's
// one connection. No transaction of the store may do that.
import pg from 'pg';
import { findPairingWithPeople } from '../../src/store/matching.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

type ClientState = { _activeQuery?: unknown; _queryQueue: unknown[] };

/**
 * How many times `work` handed a pg Client a query while it was still running one, read from the client's own state
 * at each `client.query` call. (Not from the DeprecationWarning itself: pg emits it once per process, and only from
 * the third query waiting, and a jest test's `process` does not receive the real process's 'warning' events.)
 * PostgreSQL only: SQLite has no pg Client, so it always counts none.
 */
async function busyCalls(work: () => Promise<unknown>): Promise<number> {
  let busy = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: ClientState, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length > 0) busy++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return busy;
}

describe.each(testDatabaseKinds())('one query at a time per connection on %s', (kind) => {
  const store = useScratchDatabase(kind, async (db) => {
    const c = db.client;
    await createProgramme(c, aProgramme({ id: 'prog-1' }));
    for (const [id, slackUserId, role] of [
      ['ann', 'UANN', 'mentor'],
      ['bob', 'UBOB', 'mentee'],
    ] as const)
      await c.participant.create({ data: { id, programmeId: 'prog-1', slackUserId, role, seniorityLevel: 3 } });
    await c.pairing.create({ data: { id: 'pair-1', programmeId: 'prog-1', mentorId: 'ann', menteeId: 'bob', status: 'active' } });
  });

  test('a transaction reading a record with several relations issues its queries one after the other', async () => {
    const c = store.db.client;
    const busy = await busyCalls(() =>
      c.$transaction(async (tx) => {
        // Two relations of one record (the interpreter's join), and a store read the rematch makes in its transaction.
        const programme = await tx.programme.findUnique({
          where: { id: 'prog-1' },
          include: { topics: true, participants: true },
        });
        const pairing = await findPairingWithPeople(tx, 'pair-1');
        expect([programme!.topics.length > 0, programme?.participants.length, pairing?.mentor.slackUserId]).toEqual([
          true,
          2,
          'UANN',
        ]);
      }),
    );
    expect(busy).toBe(0);
  });
});
