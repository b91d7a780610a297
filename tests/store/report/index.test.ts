import type { Database } from '../../../src/store/database.js';
import * as aggregates from '../../../src/store/report/aggregates.js';
import * as exports from '../../../src/store/report/exports.js';
import * as report from '../../../src/store/report/index.js';
import * as uploads from '../../../src/store/report/uploads.js';
import { createProgramme, type NewProgramme } from '../../../src/store/programmes.js';
import { testDatabaseKinds } from '../../support/databases.js';
import { aProgramme, useScratchDatabase } from '../../support/storeDatabase.js';

const programme = (id: string, name: string, start: string, timezone = 'UTC'): NewProgramme =>
  aProgramme({
    id,
    name,
    startDate: new Date(start),
    endDate: new Date('2027-01-31T00:00:00Z'),
    signupDeadline: new Date('2026-01-01T00:00:00Z'),
    timezone,
  });

describe.each(testDatabaseKinds())('report store index on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, programme('p-b', 'Bravo', '2026-03-30T23:00:00Z', 'Europe/London'), [], []);
    await createProgramme(c, programme('p-a2', 'Alpha', '2026-03-30T00:00:00Z'), [], []);
    await createProgramme(c, programme('p-c', 'Charlie', '2026-09-01T00:00:00Z'), [], []);
    await createProgramme(c, programme('p-a1', 'Alpha', '2026-01-05T00:00:00Z'), [], []);
    await c.programme.update({ where: { id: 'p-a1' }, data: { status: 'closed' } });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('findProgrammeDates reads back the dates and zone a report needs, null for no programme', async () => {
    const dates = await report.findProgrammeDates(db.client, 'p-b');
    expect(dates).toEqual({
      startDate: new Date('2026-03-30T23:00:00Z'),
      endDate: new Date('2027-01-31T00:00:00Z'),
      timezone: 'Europe/London',
    });
    expect(dates?.startDate.toISOString()).toBe('2026-03-30T23:00:00.000Z');
    expect(await report.findProgrammeDates(db.client, 'nope')).toBeNull();
  });

  test('listProgrammeNames lists every programme by name, closed ones too', async () => {
    const names = await report.listProgrammeNames(db.client);
    expect(names.map((p) => p.name)).toEqual(['Alpha', 'Alpha', 'Bravo', 'Charlie']);
    expect(names.map((p) => p.id).sort()).toEqual(['p-a1', 'p-a2', 'p-b', 'p-c']);
    expect(Object.keys(names[0]!).sort()).toEqual(['id', 'name']);
  });

  test('listProgrammesByStart lists the latest start first, with status', async () => {
    expect(await report.listProgrammesByStart(db.client)).toEqual([
      { id: 'p-c', name: 'Charlie', status: 'open' },
      { id: 'p-b', name: 'Bravo', status: 'open' },
      { id: 'p-a2', name: 'Alpha', status: 'open' },
      { id: 'p-a1', name: 'Alpha', status: 'closed' },
    ]);
  });

  test('the index re-exports the aggregates, exports and uploads readers', () => {
    expect(report.loadReportAggregates).toBe(aggregates.loadReportAggregates);
    expect([report.checkInRows, report.feedbackRows, report.metCheckInsByPair, report.pairRows, report.participantRows]).toEqual([
      exports.checkInRows,
      exports.feedbackRows,
      exports.metCheckInsByPair,
      exports.pairRows,
      exports.participantRows,
    ]);
    expect([report.claimReportUpload, report.releaseReportUpload]).toEqual([
      uploads.claimReportUpload,
      uploads.releaseReportUpload,
    ]);
  });
});
