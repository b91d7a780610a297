import type { Db } from '../../src/store/database.js';
import { createProgramme } from '../../src/store/programmes.js';
import { releaseCompleteBatches, programmesWithPendingFeedback } from '../../src/store/feedbackReleases.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const T = (day: number) => new Date(Date.UTC(2026, 3, day, 9));

describe.each(testDatabaseKinds())('feedback releases on %s', (kind) => {
  let c: Db;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
    await createProgramme(c, aProgramme());
    for (const id of ['ann', 'bob', 'cat', 'dan'])
      await c.participant.create({
        data: { id, programmeId: 'prog-1', slackUserId: `U${id}`, role: 'mentor', seniorityLevel: 2 },
      });
  });
  const answer = (id: string, who: string, rating: number, kindOf = 'checkin') =>
    c.feedback.create({ data: { id, answerKey: id, participantId: who, kind: kindOf, rating, learned: `${id} words` } });
  const released = () => c.releasedAnswer.findMany({ orderBy: { rating: 'asc' }, select: { feedbackId: true, rating: true } });

  test('three answers from two people wait; a third person completes the batch, released at once', async () => {
    await answer('a1', 'ann', 5);
    await answer('a2', 'ann', 4);
    await answer('b1', 'bob', 1);
    await answer('m1', 'cat', 3, 'midpoint');
    expect(await releaseCompleteBatches(c, 'prog-1', T(1))).toBe(0);
    expect(await programmesWithPendingFeedback(c)).toEqual(['prog-1']);
    await answer('c1', 'cat', 2);
    expect(await releaseCompleteBatches(c, 'prog-1', T(2))).toBe(4);
    expect((await released()).map((r) => r.rating)).toEqual([1, 2, 4, 5]);
    const [release] = await c.feedbackRelease.findMany();
    expect(release).toMatchObject({ kind: 'checkin', answers: 4, people: 3, releasedAt: T(2), commentsWithdrawnAt: null });
    // The midpoint answer is of another kind: it waits for its own batch.
    expect(await c.feedback.count({ where: { pendingRelease: true } })).toBe(1);
  });

  test('two releases at once (two answers saved together, or two replicas) release each answer once', async () => {
    await answer('d1', 'dan', 4);
    await answer('a3', 'ann', 4);
    await answer('b2', 'bob', 4);
    const counts = await Promise.all([
      releaseCompleteBatches(c, 'prog-1', T(3)),
      releaseCompleteBatches(c, 'prog-1', T(3)),
      releaseCompleteBatches(c, 'prog-1', T(3)),
    ]);
    expect(counts.sort()).toEqual([0, 0, 3]);
    expect(await c.feedbackRelease.count()).toBe(2);
    expect(await c.releasedAnswer.count()).toBe(7);
  });

  test('an edit waits for the next batch; when released it replaces the copy it edits', async () => {
    await c.feedback.update({ where: { id: 'a1' }, data: { rating: 1, pendingRelease: true } });
    expect(await releaseCompleteBatches(c, 'prog-1', T(4))).toBe(0);
    expect((await c.releasedAnswer.findFirstOrThrow({ where: { feedbackId: 'a1' } })).rating).toBe(5);
    await c.feedback.update({ where: { id: 'b1' }, data: { rating: 2, pendingRelease: true } });
    await c.feedback.update({ where: { id: 'c1' }, data: { rating: 3, pendingRelease: true } });
    expect(await releaseCompleteBatches(c, 'prog-1', T(5))).toBe(3);
    expect(await c.releasedAnswer.findMany({ where: { feedbackId: 'a1' } })).toMatchObject([{ rating: 1 }]);
    expect(await c.releasedAnswer.count()).toBe(7);
  });
});
