import type { Database } from '../../../src/store/database.js';
import { claimReportUpload, releaseReportUpload } from '../../../src/store/report/uploads.js';
import { testDatabaseKinds } from '../../support/databases.js';
import { useScratchDatabase } from '../../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const KEY = 'report-upload:prog-1:U0COORD:participants.csv';

describe.each(testDatabaseKinds())('report uploads store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('an upload is claimed once: the claim is stored with its time, a second claim is refused', async () => {
    expect(await claimReportUpload(db.client, KEY, T0)).toBe(true);
    expect(await claimReportUpload(db.client, KEY, new Date('2026-03-02T09:00:05Z'))).toBe(false);
    expect(await db.client.processedEvent.findMany()).toEqual([{ eventId: KEY, type: 'report.upload', receivedAt: T0 }]);
  });

  test('two claims at once: exactly one wins', async () => {
    const results = await Promise.all([claimReportUpload(db.client, 'race', T0), claimReportUpload(db.client, 'race', T0)]);
    expect(results.sort()).toEqual([false, true]);
  });

  test('a released claim can be claimed again; releasing an unknown key does nothing', async () => {
    await releaseReportUpload(db.client, KEY);
    expect(await db.client.processedEvent.findUnique({ where: { eventId: KEY } })).toBeNull();
    await releaseReportUpload(db.client, 'never-claimed');
    expect(await db.client.processedEvent.count()).toBe(1);
    const later = new Date('2026-03-03T10:00:00Z');
    expect(await claimReportUpload(db.client, KEY, later)).toBe(true);
    expect((await db.client.processedEvent.findUniqueOrThrow({ where: { eventId: KEY } })).receivedAt).toEqual(later);
  });
});
