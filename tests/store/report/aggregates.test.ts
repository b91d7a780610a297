import type { Database } from '../../../src/store/database.js';
import { reportMonths } from '../../../src/domain/report/months.js';
import { createProgramme, type NewProgramme } from '../../../src/store/programmes.js';
import { loadReportAggregates, reportQueries } from '../../../src/store/report/aggregates.js';
import { testDatabaseKinds } from '../../support/databases.js';
import { aProgramme, useScratchDatabase } from '../../support/storeDatabase.js';
import { releaseEachAnswerAsWritten } from '../../support/releasedCopies.js';

const d = (iso: string) => new Date(`${iso}Z`);
const maybe = (cell: string) => (cell === '-' ? null : cell);
const NOW = d('2026-05-15T12:00:00');
const MONTHS = reportMonths(d('2026-03-01T00:00:00'), NOW, 'UTC'); // March, April, May
const programme = (id: string): NewProgramme =>
  aProgramme({
    id,
    name: `Programme ${id}`,
    startDate: d('2026-03-01T00:00:00'),
    endDate: d('2026-08-31T00:00:00'),
    objectives: 'Learn',
    signupDeadline: d('2026-02-20T00:00:00'),
  });
type Row = [string, string, string, string, string, string, string, string];
/** A table of whitespace-separated cells, one row a line or after a ";" ("-" for none). */
const cells = (row: string) => row.split(/\s+/) as Row;
const table = (text: string) => Array.from(text.trim().split(/\s*[;\n]\s*/), cells);
/** Values as one line (dates in ISO), and rows as sorted lines: one string whatever order the database returns. */
const str = (xs: unknown[]) => xs.map((x) => (x instanceof Date ? x.toISOString() : String(x))).join(' ');
const lines = <T>(rows: T[], line: (r: T) => unknown[]) => rows.map((r) => str(line(r))).sort();
const counts = (rows: Array<{ key: string; count: number }>) => lines(rows, (r) => [r.key, r.count]).join(', ');
const PARTICIPANTS = ['mentee active 4', 'mentee withdrawn 1', 'mentor active 2', 'mentor paused 1'];
const CHECK_INS = '2026-03-16 met 1,2026-03-16 skipped 1,2026-03-30 missed 1,2026-04-13 met 1,2026-05-11 due 1,2026-06-01 met 1';

describe.each(testDatabaseKinds())('report aggregates store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, programme('prog-1'));
    await createProgramme(c, programme('prog-2'));
    const people = table(`
      m1 mentor active Sales gen-z -; m2 mentor active Sales gen-z 2026-05-01T00:00:00; m3 mentor paused IT millennial -
      e1 mentee active Finance gen-x -; e2 mentee active Finance boomer -; e3 mentee withdrawn Legal gen-x -
      w1 mentee active Legal gen-x -;   w2 mentee active Legal gen-x -;    x1 mentor active Sales gen-z -`);
    for (const [id, role, status, department, generation, erased] of people) {
      const [programmeId, slackUserId] = [`prog-${id === 'x1' ? 2 : 1}`, `U0${id.toUpperCase()}`];
      const who = { id, programmeId, slackUserId, displayName: `Name ${id}` };
      const erasedAt = maybe(erased) && d(erased);
      await c.participant.create({ data: { ...who, role, status, department, generation, erasedAt, seniorityLevel: 2 } });
    }
    const pairs = table(`
      pa m1 e1 active 2026-03-02T10:00:00 2026-04-20T08:00:00; pb m2 e2 active 2026-03-03T10:00:00 2026-04-10T08:00:00
      pd m1 e2 active 2026-03-02T10:00:00 2026-04-01T08:00:00; pw m3 w2 paused 2026-03-02T10:00:00 2026-04-01T08:00:00
      pc m1 e3 ended  2026-03-02T10:00:00 -`);
    for (const [id, mentorId, menteeId, status, introduced, flagged] of pairs) {
      const at = { introducedAt: d(introduced), atRiskFlaggedAt: maybe(flagged) && d(flagged) };
      await c.pairing.create({ data: { id, programmeId: 'prog-1', mentorId, menteeId, status, ...at } });
    }
    const checkIns = table(`
      c1 pa 2026-03-16 met 2026-04-01T15:00:00; c5 pc 2026-06-01 met 2026-05-10T09:00:00; c6 pd 2026-04-13 met 2026-04-15T09:00:00
      c2 pa 2026-03-30 missed -; c3 pa 2026-06-01 due -; c4 pb 2026-03-16 skipped -; c7 pb 2026-05-11 due -`);
    for (const [id, pairingId, due, status, met] of checkIns) {
      const at = { dueAt: d(`${due}T00:00:00`), metAt: maybe(met) && d(met) };
      await c.checkIn.create({ data: { id, pairingId, sequence: Number(id.slice(1)), status, ...at } });
    }
    const answers = table(`
      r1 m1 checkin  2026-03-20T10:00:00 4 - -  social-media,ai-new-tech,aa-custom
      r2 e1 checkin  2026-04-02T10:00:00 5 - -  social-media,digital-tools
      r3 e1 checkin  2026-04-16T10:00:00 3 - -  social-media,online-safety
      r4 e2 checkin  2026-03-31T23:30:00 5 - -  workplace-culture
      r5 m3 checkin  2026-05-01T10:00:00 2 - -  -;  r6 m3 checkin  2026-05-02T10:00:00 - - -  -
      s1 m1 midpoint 2026-05-01T10:00:00 - 3 9  -;  s2 e1 midpoint 2026-05-01T10:00:00 - 4 7  -
      s3 m3 midpoint 2026-05-01T10:00:00 - - 5  -;  s4 e2 final    2026-05-01T10:00:00 - 5 10 -
      x  x1 checkin  2026-03-20T10:00:00 1 - -  social-media`);
    const n = (cell: string) => (maybe(cell) === null ? null : Number(cell));
    for (const [id, participantId, kind, at, rating, progress, recommendScore, topics] of answers) {
      const values = { rating: n(rating), progress: n(progress), recommendScore: n(recommendScore), createdAt: d(at) };
      const create = topics === '-' ? [] : topics.split(',').map((topicKey) => ({ topicKey }));
      await c.feedback.create({ data: { id, answerKey: id, participantId, kind, ...values, topics: { create } } });
    }
    const waitlisted = JSON.stringify(['w1', 'w2', 'e3'].map((participantId) => ({ participantId })));
    const run = { programmeId: 'prog-1', inputHash: 'h', createdBySlackId: 'U0C' };
    for (const [id, status, unmatchedJson] of table(`r-1 approved ${waitlisted}; r-2 approved unreadable`)) {
      await c.matchRun.create({ data: { id, status, unmatchedJson, ...run } });
    }
    await releaseEachAnswerAsWritten(c);
    for (const [id, kind, status] of table('o1 intro failed; o2 intro failed; o3 nudge failed; o4 nudge sent')) {
      await c.outboxMessage.create({ data: { id, idempotencyKey: id, kind, status, payloadJson: '{}' } });
    }
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('every figure of the report is read back from the rows written', async () => {
    const agg = (await loadReportAggregates(db.client, 'prog-1', MONTHS, NOW))!;
    const facts =
      'prog-1 Programme prog-1 open 2026-03-01T00:00:00.000Z 2026-08-31T00:00:00.000Z 2026-02-20T00:00:00.000Z UTC 14 Learn';
    expect(str(Object.values(agg.programme))).toBe(facts); // id, name, status, start, end, signup deadline, zone, cadence, objectives
    expect(lines(agg.participants, Object.values)).toEqual(PARTICIPANTS);
    expect(counts(agg.pairs)).toBe('active 3, ended 1, paused 1');
    expect(counts(agg.departments)).toBe('Finance 2, IT 1, Legal 3, Sales 2');
    expect(counts(agg.generations)).toBe('boomer 1, gen-x 4, gen-z 2, millennial 1');
    expect(agg.waitlist).toBe(1); // w1: w2 has a pair since, e3 withdrew; an unreadable list counts as empty
    expect(lines(agg.checkIns, Object.values).join()).toBe(CHECK_INS);
    expect(counts(agg.ratings)).toBe('2 1, 3 1, 4 1, 5 2');
    expect(agg.ratingPeople).toBe(3); // four people rated: counted up to the threshold only
    expect(lines(agg.ratingsByMonth, Object.values)).toEqual(['0 2 9 2', '1 2 8 1', '2 1 2 1']); // month, responses, sum, people
    // kind, responses, people, progress answers and sum, promoters, passives, detractors
    expect(lines(agg.surveys, Object.values)).toEqual(['final 1 1 1 5 1 0 0', 'midpoint 3 3 2 7 1 1 1']);
    expect(agg.topics.map((t) => str([t.key, t.count, t.people, t.label]))).toEqual([
      'social-media 3 2 Social media and personal brand',
      'aa-custom 1 1 aa-custom',
      'ai-new-tech 1 1 AI and new technology',
      'digital-tools 1 1 Digital tools and productivity',
      'online-safety 1 1 Online safety and privacy',
    ]);
    expect(agg.atRiskCount).toBe(2); // pd met after its flag; pw is paused
    const atRisk = agg.atRisk.map((p) => str([p.pairingId, ...Object.values(p.mentor), ...Object.values(p.mentee)]));
    expect(atRisk).toEqual(['pb null a former participant U0E2 Name e2', 'pa U0M1 Name m1 U0E1 Name e1']);
    expect(agg.atRisk.map((p) => str([p.flaggedAt, p.lastMetAt, p.introducedAt]))).toEqual([
      '2026-04-10T08:00:00.000Z null 2026-03-03T10:00:00.000Z',
      '2026-04-20T08:00:00.000Z 2026-04-01T15:00:00.000Z 2026-03-02T10:00:00.000Z',
    ]);
    expect(counts(agg.deliveryFailures)).toBe('intro 2, nudge 1');
  });

  test('each query of reportQueries gives the figure the report holds; no programme gives null', async () => {
    const agg = (await loadReportAggregates(db.client, 'prog-1', MONTHS, NOW, 'rows'))!; // the queries below are the rows' ones
    const [c, q] = [db.client, reportQueries];
    const grouped = <T extends { _count: { _all: number } }>(rows: T[], k: keyof T) =>
      lines(rows, (r) => [r[k], r._count._all]).join(', ');
    const roles = await q.participantsByRoleAndStatus(c, 'prog-1');
    expect(lines(roles, (r) => [r.role, r.status, r._count._all])).toEqual(PARTICIPANTS);
    expect(grouped(await q.departments(c, 'prog-1'), 'department')).toBe(counts(agg.departments));
    expect(grouped(await q.generations(c, 'prog-1'), 'generation')).toBe(counts(agg.generations));
    expect(grouped(await q.pairs(c, 'prog-1'), 'status')).toBe(counts(agg.pairs));
    expect(grouped(await q.deliveryFailures(c), 'kind')).toBe(counts(agg.deliveryFailures));
    expect(lines(await q.checkIns(c, 'prog-1', MONTHS, NOW), Object.values).join()).toBe(CHECK_INS);
    const { ratings, ratingPeople, ratingsByMonth } = agg;
    expect(await q.ratings(c, 'prog-1', MONTHS)).toEqual({ ratings, ratingPeople, ratingsByMonth });
    expect(lines(await q.surveys(c, 'prog-1'), (s) => [s.kind, s.responses])).toEqual(['final 1', 'midpoint 3']);
    expect(await q.topics(c, 'prog-1')).toEqual(agg.topics);
    expect(await q.atRisk(c, 'prog-1')).toEqual({ atRiskCount: 2, atRisk: agg.atRisk });
    expect(await q.waitlist(c, 'prog-1')).toBe(1);
    expect(await loadReportAggregates(c, 'nope', MONTHS, NOW)).toBeNull();
  });

  test('a programme with one month and one answer aggregates to that answer and zeros', async () => {
    const agg = await loadReportAggregates(db.client, 'prog-2', MONTHS.slice(0, 1), NOW);
    expect(agg).toMatchObject({ pairs: [], waitlist: 0, checkIns: [], ratingPeople: 1, atRiskCount: 0, atRisk: [], surveys: [] });
    expect(agg?.ratingsByMonth).toEqual([{ month: 0, responses: 1, sum: 1, people: 1 }]);
    expect(agg?.topics).toEqual([{ key: 'social-media', label: 'Social media and personal brand', count: 1, people: 1 }]);
  });
});
