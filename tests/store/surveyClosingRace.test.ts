import { openDatabase } from '../../src/store/database.js';
import { bothAnswered } from '../../src/domain/feedback.js';
import { findRequest, saveAnswer, type PairRequests } from '../../src/store/feedback.js';
import { closingThanks } from '../../src/messages/feedback.js';
import { createScratchDatabase, testDatabaseKinds } from '../support/databases.js';

describe.each(testDatabaseKinds())('final survey answered by both partners at the same moment, on %s', (kind) => {
  test('the closing thanks is written exactly once for every pair', async () => {
    const scratch = await createScratchDatabase(kind);
    const database = await openDatabase(scratch.url);
    const db = database.client;
    try {
      const N = 15;
      for (let i = 0; i < N; i++) {
        const programmeId = `prog${i}`;
        await db.programme.create({
          data: {
            id: programmeId,
            name: 'P',
            startDate: new Date('2026-01-01'),
            durationMonths: 6,
            endDate: new Date('2026-07-01'),
            signupDeadline: new Date('2025-12-20'),
            createdBySlackId: 'U0',
          },
        });
        await db.participant.create({
          data: { id: `a${i}`, programmeId, slackUserId: `UA${i}`, role: 'mentor', seniorityLevel: 1 },
        });
        await db.participant.create({
          data: { id: `b${i}`, programmeId, slackUserId: `UB${i}`, role: 'mentee', seniorityLevel: 4 },
        });
        await db.pairing.create({ data: { id: `p${i}`, programmeId, mentorId: `a${i}`, menteeId: `b${i}`, status: 'ended' } });
        for (const who of [`a${i}`, `b${i}`])
          await db.feedbackRequest.create({
            data: { key: `final:p${i}:${who}`, kind: 'final', participantId: who, pairingId: `p${i}` },
          });
        const [ra, rb] = [(await findRequest(db, `final:p${i}:a${i}`))!, (await findRequest(db, `final:p${i}:b${i}`))!];
        const values = {
          progress: 3,
          recommendScore: 8,
          changed: 'more confident online',
          commitment: 'post monthly',
          concern: null,
        };
        const thanks = (requests: PairRequests) =>
          bothAnswered(requests) ? [closingThanks(`p${i}`, { users: [`UA${i}`, `UB${i}`] }, 'P', `UA${i}`, `UB${i}`)] : [];
        await Promise.all([
          saveAnswer(db, ra, values, new Date(), () => [], thanks),
          saveAnswer(db, rb, values, new Date(), () => [], thanks),
        ]);
      }
      const written = await db.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: 'survey-closing:' } },
        select: { idempotencyKey: true },
      });
      expect(written.map((w) => w.idempotencyKey).sort()).toEqual(
        Array.from({ length: N }, (_, i) => `survey-closing:p${i}`).sort(),
      );
    } finally {
      await database.close();
      await scratch.drop();
    }
  }, 60_000);
});
