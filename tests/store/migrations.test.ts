import { openDatabase } from '../../src/store/database.js';
import { applyMigrations, readMigrationList } from '../../src/store/migrations.js';
import { parseDatabaseUrl } from '../../src/store/databaseUrl.js';
import { processEventOnce } from '../../src/store/processedEvents.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';

const EXPECTED_TABLES = [
  'AvoidEntry',
  'CheckIn',
  'Coordinator',
  'CoordinatorDigest',
  'DashboardLink',
  'DashboardSession',
  'DashboardSignIn',
  'Feedback',
  'FeedbackRelease',
  'FeedbackRequest',
  'FeedbackTopic',
  'HomeViewer',
  'InboxRequest',
  'JobLease',
  'MatchRun',
  'OutboxMessage',
  'Pairing',
  'Participant',
  'ParticipantTopic',
  'PauseSpell',
  'ProcessedEvent',
  'Programme',
  'ProgrammeChange',
  'ProgrammeCoordinator',
  'ProgrammeTopic',
  'ReleasedAnswer',
  'ReleasedAnswerTopic',
  'ReportCheckInCount',
  'ReportFeedbackCount',
  'ReportFeedbackPerson',
  'ReportFeedbackState',
  'ReportParticipantCount',
  'SlackUser',
];

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  let scratch: ScratchDatabase;
  beforeEach(async () => {
    scratch = await createScratchDatabase(kind);
  });
  afterEach(async () => {
    await scratch.drop();
  });

  test('apply from empty, record Prisma history, and are not applied twice', async () => {
    const target = parseDatabaseUrl(scratch.url);
    const history = await readMigrationList(kind);
    const names = history.migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(target)).toEqual(names);
    expect(await applyMigrations(target)).toEqual([]);

    const db = await openDatabase(scratch.url, { migrate: false });
    try {
      const tableQuery =
        kind === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'"
          : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'";
      const tables = (await db.client.$queryRawUnsafe<{ name: string }[]>(tableQuery)).map((r) => r.name).sort();
      expect(tables).toEqual(EXPECTED_TABLES);
      // The same bookkeeping `prisma migrate deploy` reads and writes.
      const applied = await db.client.$queryRawUnsafe<{ migration_name: string; finished_at: unknown; checksum: string }[]>(
        'SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(applied.map((r) => r.migration_name)).toEqual(names);
      expect(applied.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    } finally {
      await db.close();
    }
  });

  test('the outbox idempotency key is unique and a Slack event id is processed once', async () => {
    const db = await openDatabase(scratch.url);
    try {
      const row = { kind: 'test', payloadJson: '{}', idempotencyKey: 'intro:pair-1' };
      await db.client.outboxMessage.create({ data: { id: 'm1', ...row } });
      await expect(db.client.outboxMessage.create({ data: { id: 'm2', ...row } })).rejects.toMatchObject({ code: 'P2002' });

      let applied = 0;
      const apply = async () => {
        applied += 1;
      };
      const at = new Date('2026-11-22T10:00:00Z');
      const results = await Promise.all([
        processEventOnce(db.client, 'Ev1', 'user_change', at, apply),
        processEventOnce(db.client, 'Ev1', 'user_change', at, apply),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await processEventOnce(db.client, 'Ev1', 'user_change', at, apply)).toBe(false);
      expect(applied).toBe(1);
    } finally {
      await db.close();
    }
  });
});

test("a second replica starting at the same time on Postgres waits for the first one's migrations", async () => {
  if (!testDatabaseKinds().includes('postgres')) return;
  const scratch = await createScratchDatabase('postgres');
  try {
    const target = parseDatabaseUrl(scratch.url);
    const [a, b] = await Promise.all([applyMigrations(target), applyMigrations(target)]);
    const names = (await readMigrationList('postgres')).migrationDirectories.map((d) => d.path);
    expect([...a, ...b].sort()).toEqual(names.sort());
  } finally {
    await scratch.drop();
  }
});
