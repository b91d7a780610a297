import type { Database } from '../../../src/store/database.js';
import { checkInRows, feedbackRows, metCheckInsByPair, pairRows, participantRows } from '../../../src/store/report/exports.js';
import { createProgramme, type NewProgramme } from '../../../src/store/programmes.js';
import { testDatabaseKinds } from '../../support/databases.js';
import { aProgramme, useScratchDatabase } from '../../support/storeDatabase.js';
import { releaseEachAnswerAsWritten } from '../../support/releasedCopies.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const programme = (id: string): NewProgramme =>
  aProgramme({ id, name: id, startDate: day(0), endDate: day(180), signupDeadline: day(-1) });
const all = async <T>(rows: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
};
// Written as they should be read back: every field the reader selects.
const unset = { scheduledFor: null, metAt: null };
const CHECK_INS = [
  { ...unset, id: 'c1', pairingId: 'pa', sequence: 1, dueAt: day(15), status: 'met', metAt: day(14) },
  { ...unset, id: 'c2', pairingId: 'pa', sequence: 2, dueAt: day(29), status: 'met', metAt: day(30) },
  { ...unset, id: 'c3', pairingId: 'pb', sequence: 1, dueAt: day(16), status: 'scheduled', scheduledFor: day(17) },
  { ...unset, id: 'c4', pairingId: 'pb', sequence: 2, dueAt: day(30), status: 'missed' },
];
const blank = { rating: null, progress: null, recommendScore: null, learned: '', changed: '', commitment: '' };
const F1 = {
  ...blank,
  id: 'f1',
  participantId: 'm1',
  kind: 'checkin',
  createdAt: day(14),
  rating: 4,
  learned: 'TikTok, "really"',
};
const F2 = {
  ...{ ...blank, id: 'f2', participantId: 'e1', kind: 'final', createdAt: day(39), progress: 5, recommendScore: 9 },
  ...{ changed: 'more AI', commitment: 'keep going' },
};

describe.each(testDatabaseKinds())('report exports store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, programme('prog-1'), [], []);
    await createProgramme(c, programme('prog-2'), [], []);
    const person = (id: string, role: string, extra = {}) => {
      const who = { id, programmeId: 'prog-1', slackUserId: `U0${id.toUpperCase()}`, displayName: id, seniorityLevel: 2 };
      return c.participant.create({ data: { ...who, role, department: 'Sales', ...extra } });
    };
    await person('m1', 'mentor');
    await person('e1', 'mentee', { status: 'departed', leftAt: day(40) });
    await person('m2', 'mentor', { erasedAt: day(50), displayName: '' });
    await person('e2', 'mentee');
    await person('x1', 'mentor', { programmeId: 'prog-2' });
    const pair = (id: string, mentorId: string, menteeId: string, status: string, extra = {}) =>
      c.pairing.create({ data: { id, programmeId: 'prog-1', mentorId, menteeId, status, ...extra } });
    const ended = { introducedAt: day(1), endedAt: day(40), endReason: 'departed', reasonsJson: '["shared topic"]' };
    await pair('pa', 'm1', 'e1', 'ended', ended);
    await pair('pb', 'm2', 'e2', 'active', { introducedAt: day(2) });
    await pair('pd', 'm1', 'e2', 'draft');
    await c.checkIn.createMany({ data: CHECK_INS });
    await c.feedback.create({ data: { ...F1, answerKey: 'k1', checkInId: 'c1', pairingId: 'pa', concern: 'private' } });
    await c.feedback.create({ data: { ...F2, answerKey: 'k2', pairingId: 'pa', concern: 'private too' } });
    await c.feedback.create({ data: { ...F1, id: 'fx', answerKey: 'kx', participantId: 'x1' } });
    await releaseEachAnswerAsWritten(c);
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('participantRows reads back every participant of the programme in id order', async () => {
    const rows = await all(participantRows(db.client, 'prog-1'));
    expect(rows.map((r) => r.id)).toEqual(['e1', 'e2', 'm1', 'm2']);
    expect(rows[0]).toMatchObject({ role: 'mentee', status: 'departed', leftAt: day(40), department: 'Sales', erasedAt: null });
    expect(rows[3]).toMatchObject({ erasedAt: day(50), displayName: '' });
  });

  test('pairRows reads back introduced pairs with both people, not drafts', async () => {
    const rows = await all(pairRows(db.client, 'prog-1'));
    expect(rows.map((r) => r.id)).toEqual(['pa', 'pb']);
    const ended = { introducedAt: day(1), endedAt: day(40), endReason: 'departed', reasonsJson: '["shared topic"]' };
    expect(rows[0]).toMatchObject({ ...ended, status: 'ended', mentor: { displayName: 'm1', erasedAt: null } });
    expect(rows[0]?.mentee).toEqual({ displayName: 'e1', erasedAt: null });
    expect(rows[1]?.mentor).toEqual({ displayName: '', erasedAt: day(50) });
    expect(await all(pairRows(db.client, 'prog-2'))).toEqual([]);
  });

  test('metCheckInsByPair counts met check-ins and the last meeting per pair', async () => {
    const met = await metCheckInsByPair(db.client, 'prog-1');
    expect([...met]).toEqual([['pa', { count: 2, lastMetAt: day(30) }]]);
    expect((await metCheckInsByPair(db.client, 'prog-2')).size).toBe(0);
  });

  test('checkInRows reads back the selected fields of every check-in of the programme', async () => {
    expect(await all(checkInRows(db.client, 'prog-1'))).toEqual(CHECK_INS);
    expect(await all(checkInRows(db.client, 'prog-2'))).toEqual([]);
  });

  test('feedbackRows reads back the answers of the programme, never the concern', async () => {
    // Released copies, dated by their release (here: as written), without the answer's id.
    const rows = (await all(feedbackRows(db.client, 'prog-1'))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(rows).toEqual([F1, F2].map(({ id: _id, ...f }) => f));
  });

  test('more rows than a page (5,000) are all read, each once, in id order', async () => {
    // One INSERT ... SELECT (a createMany of 5,003 rows takes seconds): ids z10000 to z15002, sorting as numbers do.
    const due = day(60);
    await db.client.$executeRaw`
      INSERT INTO "CheckIn" (id, "pairingId", sequence, "dueAt", status, "remindersSent", "createdAt", "updatedAt")
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5002)
      SELECT 'z' || (10000 + i), 'pb', 10 + i, ${due}, 'due', 0, ${due}, ${due} FROM n`;
    const rows = await all(checkInRows(db.client, 'prog-1'));
    expect(rows).toHaveLength(5007);
    expect(new Set(rows.map((r) => r.id)).size).toBe(5007);
    expect(rows.slice(4).map((r) => r.id)).toEqual(Array.from({ length: 5003 }, (_, i) => `z${10000 + i}`));
    expect(rows.at(-1)).toEqual({ ...unset, id: 'z15002', pairingId: 'pb', sequence: 5012, dueAt: due, status: 'due' });
  });
});
