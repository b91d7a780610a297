// The report read from its counters (kept current by triggers and by each release) equals the report
// aggregated from every row: on a seeded programme with many events, and after each kind of change.
import type { Database } from '../../../src/store/database.js';
import { buildReport } from '../../../src/flows/report.js';
import { anonymiseReleasedAnswers, releaseCompleteBatches } from '../../../src/store/feedbackReleases.js';
import { NOW, PROGRAMME_ID, seedLargeProgramme } from '../../../bench/report/seed.js';
import { testDatabaseKinds } from '../../support/databases.js';
import { useScratchDatabase } from '../../support/storeDatabase.js';

const DAY = 86_400_000;
const SIZES = { participants: 120, pairs: 60, checkIns: 600, feedback: 400 };
/** Before the first check-ins came due, now (most came due), and after the programme's end. */
const WHEN = [new Date('2026-01-10T00:00:00Z'), NOW, new Date('2027-03-01T00:00:00Z')];

describe.each(testDatabaseKinds())('report counters on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async (db) => {
    await seedLargeProgramme(db.client, SIZES);
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  async function expectSameReport(): Promise<void> {
    for (const now of WHEN) {
      const fromCounters = await buildReport({ db: db.client }, PROGRAMME_ID, now);
      const fromRows = await buildReport({ db: db.client }, PROGRAMME_ID, now, 'rows');
      expect(fromCounters).toEqual(fromRows);
    }
  }

  /** Answers written (and edited) by these participants, waiting for release. */
  async function answer(ids: string[], kind: string, at: Date, values: Record<string, unknown>, topics: string[] = []) {
    for (const participantId of ids) {
      const answerKey = `${kind}:test:${participantId}`;
      const create = topics.map((topicKey) => ({ topicKey }));
      await db.client.feedback.upsert({
        where: { answerKey },
        create: {
          id: `t-${answerKey}`,
          answerKey,
          participantId,
          kind,
          createdAt: at,
          pendingRelease: true,
          ...values,
          topics: { create },
        },
        update: { ...values, pendingRelease: true, updatedAt: at },
      });
    }
  }

  test('the seeded programme: the counters rebuilt from every released answer give the same report', async () => {
    expect(await db.client.reportFeedbackState.count()).toBe(0); // seeded around the release code
    await expectSameReport();
    expect((await db.client.reportFeedbackState.findUniqueOrThrow({ where: { programmeId: PROGRAMME_ID } })).built).toBe(true);
    const report = await buildReport({ db: db.client }, PROGRAMME_ID, NOW);
    expect(report.ok && report.value.ratings.average).not.toBeNull(); // the figures are shown, not only hidden
  });

  test('check-ins logged, skipped, missed in bulk, rescheduled and created', async () => {
    const c = db.client;
    const [first, second] = await c.checkIn.findMany({
      where: { status: { in: ['due', 'scheduled'] } },
      orderBy: { id: 'asc' },
      take: 2,
    });
    await c.checkIn.update({ where: { id: first!.id }, data: { status: 'met', metAt: NOW } });
    await c.checkIn.update({ where: { id: second!.id }, data: { status: 'skipped' } });
    await expectSameReport();
    // Rescheduled past now: no longer due.
    const later = await c.checkIn.findFirstOrThrow({ where: { status: 'scheduled' }, orderBy: { id: 'desc' } });
    await c.checkIn.update({ where: { id: later.id }, data: { dueAt: new Date(NOW.getTime() + 30 * DAY) } });
    await expectSameReport();
    await c.checkIn.updateMany({ where: { status: 'scheduled', dueAt: { lt: NOW } }, data: { status: 'missed' } });
    await expectSameReport();
  });

  test('pairs created with check-ins, ended, and a draft deleted with its check-ins', async () => {
    const c = db.client;
    const [mentor, mentee] = await c.participant.findMany({ orderBy: { id: 'desc' }, take: 2 });
    for (const [id, status] of [
      ['new-active', 'active'],
      ['new-draft', 'draft'],
    ] as const) {
      await c.pairing.create({ data: { id, programmeId: PROGRAMME_ID, mentorId: mentor!.id, menteeId: mentee!.id, status } });
      await c.checkIn.createMany({
        data: [1, 2, 3].map((sequence) => ({
          id: `${id}-${sequence}`,
          pairingId: id,
          sequence,
          dueAt: new Date(NOW.getTime() + (sequence - 2) * 14 * DAY),
          status: sequence === 1 ? 'met' : 'due',
        })),
      });
    }
    await expectSameReport();
    await c.pairing.update({ where: { id: 'new-active' }, data: { status: 'ended', endedAt: NOW } });
    await c.pairing.delete({ where: { id: 'new-draft' } });
    expect(await c.checkIn.count({ where: { pairingId: 'new-draft' } })).toBe(0);
    await expectSameReport();
  });

  test('participants join, pause, withdraw and change department', async () => {
    const c = db.client;
    await c.participant.create({
      data: {
        id: 'joiner',
        programmeId: PROGRAMME_ID,
        slackUserId: 'UJOINER',
        role: 'mentee',
        seniorityLevel: 7,
        department: 'New dept',
      },
    });
    const [a, b] = await c.participant.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' }, take: 2 });
    await c.participant.update({ where: { id: a!.id }, data: { status: 'paused' } });
    await c.participant.update({
      where: { id: b!.id },
      data: { status: 'withdrawn', department: 'Elsewhere', generation: 'gen-x' },
    });
    await expectSameReport();
  });

  test('feedback released in batches, an edit re-released, and an author who deleted their data', async () => {
    const people = (await db.client.participant.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' }, take: 5 })).map(
      (p) => p.id,
    );
    // Two answers of one person are below the threshold: nothing released, nothing moves.
    await answer(people.slice(0, 1), 'midpoint', NOW, { progress: 4, recommendScore: 10 });
    expect(await releaseCompleteBatches(db.client, PROGRAMME_ID, NOW)).toBe(0);
    await expectSameReport();
    await answer(people.slice(1, 4), 'midpoint', NOW, { progress: 2, recommendScore: 6 });
    await answer(people, 'checkin', NOW, { rating: 2 }, ['leadership', 'a-new-topic']);
    expect(await releaseCompleteBatches(db.client, PROGRAMME_ID, NOW)).toBe(9);
    await expectSameReport();
    // An edit is released later, in another month: its old copy leaves the counters.
    const later = new Date(NOW.getTime() + 40 * DAY);
    await answer(people.slice(0, 3), 'checkin', later, { rating: 5 });
    await db.client.feedbackTopic.deleteMany({ where: { feedbackId: { startsWith: 't-checkin' } } });
    expect(await releaseCompleteBatches(db.client, PROGRAMME_ID, later)).toBe(3);
    await expectSameReport();
    await db.client.$transaction((tx) => anonymiseReleasedAnswers(tx, people[0]!, later));
    expect(await db.client.reportFeedbackPerson.count({ where: { personKey: people[0]! } })).toBe(0);
    await expectSameReport();
  });

  test('counters lost or made for another time zone rebuild themselves', async () => {
    await db.client.reportFeedbackCount.deleteMany({});
    await db.client.reportFeedbackState.update({ where: { programmeId: PROGRAMME_ID }, data: { timezone: 'Asia/Kolkata' } });
    await expectSameReport();
    await db.client.reportFeedbackState.deleteMany({});
    await db.client.programme.update({ where: { id: PROGRAMME_ID }, data: { timezone: 'Asia/Kathmandu' } });
    await expectSameReport();
  });
});
