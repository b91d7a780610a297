import type { Database } from '../../src/store/database.js';
import { homeParticipations, runningProgrammesWithCounts } from '../../src/store/home.js';
import { createProgramme, type NewProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';
import { releaseEachAnswerAsWritten } from '../support/releasedCopies.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const programme = (id: string, name: string, startDate: Date): NewProgramme =>
  aProgramme({ id, name, startDate, endDate: day(200), signupDeadline: day(-1) });

describe.each(testDatabaseKinds())('home store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(
      c,
      programme('p-late', 'Late', day(30)),
      [],
      [{ key: 'k1', label: 'Topic one', direction: 'downward' }],
    );
    await createProgramme(c, programme('p-early', 'Early', day(0)));
    await createProgramme(c, programme('p-closed', 'Closed', day(-90)));
    await c.programme.update({ where: { id: 'p-closed' }, data: { status: 'closed' } });
    await c.programme.update({ where: { id: 'p-late' }, data: { status: 'running' } });
    const person = (id: string, programmeId: string, slackUserId: string, role: string, createdAt: Date, extra = {}) =>
      c.participant.create({ data: { id, programmeId, slackUserId, role, seniorityLevel: 2, createdAt, ...extra } });
    await person('me-early', 'p-early', 'U0ME', 'mentor', day(1));
    await person('me-late', 'p-late', 'U0ME', 'mentee', day(2));
    await person('me-erased', 'p-closed', 'U0ME', 'mentor', day(3), { erasedAt: day(4) });
    await person('partner', 'p-early', 'U0PARTNER', 'mentee', day(1));
    await person('ex', 'p-early', 'U0EX', 'mentee', day(1), { status: 'withdrawn' });
    await c.participantTopic.createMany({
      data: [
        { participantId: 'me-early', topicKey: 'social-media', kind: 'teach' },
        { participantId: 'me-early', topicKey: 'ai-new-tech', kind: 'teach' },
      ],
    });
    await c.pairing.createMany({
      data: [
        {
          id: 'pair-live',
          programmeId: 'p-early',
          mentorId: 'me-early',
          menteeId: 'partner',
          status: 'active',
          introducedAt: day(5),
        },
        { id: 'pair-over', programmeId: 'p-early', mentorId: 'me-early', menteeId: 'ex', status: 'ended' },
      ],
    });
    await c.checkIn.createMany({
      data: [
        { id: 'ci-1', pairingId: 'pair-live', sequence: 1, dueAt: day(19), status: 'met', metAt: day(18) },
        { id: 'ci-3', pairingId: 'pair-live', sequence: 3, dueAt: day(47), status: 'due' },
        { id: 'ci-2', pairingId: 'pair-live', sequence: 2, dueAt: day(33), status: 'scheduled', scheduledFor: day(32) },
      ],
    });
    await c.feedback.create({
      data: {
        id: 'f1',
        answerKey: 'checkin:ci-1:me-early',
        participantId: 'me-early',
        checkInId: 'ci-1',
        pairingId: 'pair-live',
        kind: 'checkin',
        rating: 4,
        learned: 'Reels',
        topics: { create: [{ topicKey: 'social-media' }] },
      },
    });
    await c.feedback.create({
      data: {
        id: 'f2',
        answerKey: 'checkin:ci-1:partner',
        participantId: 'partner',
        checkInId: 'ci-1',
        pairingId: 'pair-live',
        kind: 'checkin',
        rating: 5,
      },
    });
    await releaseEachAnswerAsWritten(c);
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('homeParticipations reads back one person’s live participations, newest first, with pairs, next check-in and feedback', async () => {
    const home = await homeParticipations(db.client, 'U0ME');
    expect(home.map((h) => h.participant.id)).toEqual(['me-late', 'me-early']);
    const [late, early] = home;
    expect(late?.participant.programme).toMatchObject({ id: 'p-late', status: 'running', startDate: day(30) });
    expect(late?.catalogue).toEqual([{ key: 'k1', label: 'Topic one', direction: 'downward' }]);
    expect(late).toMatchObject({ feedback: [], participant: { topics: [], mentorPairings: [], menteePairings: [] } });

    expect(early?.participant.topics.map((t) => t.topicKey)).toEqual(['ai-new-tech', 'social-media']);
    expect(early?.catalogue.length).toBeGreaterThan(1);
    expect(early?.participant.menteePairings).toEqual([]);
    const [pair, ...others] = early!.participant.mentorPairings;
    expect(others).toEqual([]);
    expect(pair).toMatchObject({ id: 'pair-live', introducedAt: day(5), partnerSlackUserId: 'U0PARTNER' });
    expect(pair?.checkIns).toHaveLength(1);
    expect(pair?.checkIns[0]).toMatchObject({ id: 'ci-2', status: 'scheduled', dueAt: day(33), scheduledFor: day(32) });
    expect(early?.feedback).toHaveLength(1);
    expect(early?.feedback[0]).toMatchObject({ id: 'f1', rating: 4, learned: 'Reels', topics: [{ topicKey: 'social-media' }] });

    expect((await homeParticipations(db.client, 'U0PARTNER'))[0]?.participant.menteePairings[0]?.partnerSlackUserId).toBe('U0ME');
    expect(await homeParticipations(db.client, 'U0NOBODY')).toEqual([]);
  });

  test('runningProgrammesWithCounts lists programmes not closed, oldest start first, with counts and rating totals', async () => {
    const running = await runningProgrammesWithCounts(db.client);
    expect(running.map((r) => r.programme.id)).toEqual(['p-early', 'p-late']);
    expect(running[0]?.counts).toEqual({ mentors: 1, mentees: 1, active: 2, paused: 0, left: 1, pairs: 1 });
    expect(running[0]?.ratingTotals).toEqual({ responses: 2, people: 2, average: 4.5 });
    expect(running[1]?.counts).toEqual({ mentors: 0, mentees: 1, active: 1, paused: 0, left: 0, pairs: 0 });
    expect(running[1]?.ratingTotals).toEqual({ responses: 0, people: 0, average: null });
  });

  test("a pairing whose partner left is no longer shown as the person's pairing (it waits for a rematch)", async () => {
    const c = db.client;
    await c.pairing.create({
      data: { id: 'pair-broken', programmeId: 'p-early', mentorId: 'me-early', menteeId: 'ex', status: 'paused' },
    });
    try {
      const mine = (await homeParticipations(c, 'U0ME')).find((r) => r.participant.id === 'me-early');
      expect(mine?.participant.mentorPairings.map((p) => p.id)).toEqual(['pair-live']);
    } finally {
      await c.pairing.delete({ where: { id: 'pair-broken' } });
    }
  });

  test('a pair with no open check-in is shown without one; an erased partner takes the pair off the Home', async () => {
    const c = db.client;
    await c.participant.create({
      data: { id: 'm2', programmeId: 'p-late', slackUserId: 'U0M2', role: 'mentor', seniorityLevel: 5 },
    });
    await c.pairing.create({
      data: { id: 'pair-new', programmeId: 'p-late', mentorId: 'm2', menteeId: 'me-late', status: 'active' },
    });
    const late = async () => (await homeParticipations(c, 'U0ME')).find((r) => r.participant.id === 'me-late')?.participant;
    try {
      expect((await late())?.menteePairings).toEqual([
        { id: 'pair-new', status: 'active', introducedAt: null, partnerSlackUserId: 'U0M2', checkIns: [] },
      ]);
      await c.participant.update({ where: { id: 'm2' }, data: { erasedAt: day(1) } });
      expect((await late())?.menteePairings).toEqual([]);
    } finally {
      await c.pairing.delete({ where: { id: 'pair-new' } });
      await c.participant.delete({ where: { id: 'm2' } });
    }
  });
});
