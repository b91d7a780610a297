import { openDatabase } from '../../src/store/database.js';
import { readMigrationList } from '../../src/store/migrations.js';
import { acquireLease, readLease, releaseLease } from '../../src/store/jobLease.js';
import { SCHEDULER_LEASE } from '../../src/jobs/scheduler.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { finished, freePort, runEntry, spawnEntry, waitForOutput, withSecrets } from '../support/processes.js';

describe.each(testDatabaseKinds())('cli on %s', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase(kind);
  });
  afterAll(async () => {
    await scratch.drop();
  });

  test('migrate applies the history once', async () => {
    const names = (await readMigrationList(kind)).migrationDirectories.map((d) => d.path);
    const first = await runEntry('src/cli.ts', ['migrate'], { DATABASE_URL: scratch.url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`applied ${names.join(', ')}`);
    const second = await runEntry('src/cli.ts', ['migrate'], { DATABASE_URL: scratch.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('up to date');
  });

  test('tick --now runs one pass as of that time: pauses that have ended resume', async () => {
    const db = await openDatabase(scratch.url);
    try {
      await db.client.programme.create({
        data: {
          id: 'p1',
          name: 'Spring',
          startDate: new Date('2026-03-01T00:00:00Z'),
          durationMonths: 6,
          endDate: new Date('2026-09-01T00:00:00Z'),
          signupDeadline: new Date('2026-02-20T00:00:00Z'),
          createdBySlackId: 'U0COORD',
        },
      });
      const person = { programmeId: 'p1', role: 'mentor', seniorityLevel: 1, status: 'paused' };
      await db.client.participant.create({
        data: { id: 'a', slackUserId: 'U0A', pausedUntil: new Date('2026-04-01T00:00:00Z'), ...person },
      });
      await db.client.participant.create({
        data: { id: 'b', slackUserId: 'U0B', pausedUntil: new Date('2026-05-01T00:00:00Z'), ...person },
      });
    } finally {
      await db.close();
    }
    const run = await runEntry('src/cli.ts', ['tick', '--now', '2026-04-15T09:00:00Z'], { DATABASE_URL: scratch.url });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ at: '2026-04-15T09:00:00.000Z', resumedParticipants: 1 });

    const after = await openDatabase(scratch.url, { migrate: false });
    try {
      const rows = await after.client.participant.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, status: true, pausedUntil: true },
      });
      expect(rows).toEqual([
        { id: 'a', status: 'active', pausedUntil: null },
        { id: 'b', status: 'paused', pausedUntil: new Date('2026-05-01T00:00:00Z') },
      ]);
    } finally {
      await after.close();
    }
  });

  test('tick skips its pass while another process holds the scheduler lease, and runs once it is free', async () => {
    const db = await openDatabase(scratch.url);
    try {
      await acquireLease(db.client, SCHEDULER_LEASE, 'replica-1', new Date(), 60_000);
      const held = await runEntry('src/cli.ts', ['tick', '--now', '2030-01-01T09:00:00Z'], { DATABASE_URL: scratch.url });
      expect(held.code).toBe(0);
      expect(JSON.parse(held.stdout)).toEqual({ skipped: 'another process holds the scheduler lease' });
      expect(await readLease(db.client, SCHEDULER_LEASE)).toMatchObject({ holder: 'replica-1' });

      await releaseLease(db.client, SCHEDULER_LEASE, 'replica-1');
      const free = await runEntry('src/cli.ts', ['tick', '--now', '2030-01-01T09:00:00Z'], { DATABASE_URL: scratch.url });
      expect(JSON.parse(free.stdout)).toMatchObject({ at: '2030-01-01T09:00:00.000Z' });
      expect(await readLease(db.client, SCHEDULER_LEASE)).toBeNull(); // let go after its pass
    } finally {
      await db.close();
    }
  });
});

describe('cli input errors', () => {
  test('a malformed --now, an unknown command and a bad DATABASE_URL each get a clear message and exit 2', async () => {
    const badNow = await runEntry('src/cli.ts', ['tick', '--now', 'next tuesday'], { DATABASE_URL: 'file::memory:' });
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now must be an ISO time');
    const unknown = await runEntry('src/cli.ts', ['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badUrl = await runEntry('src/cli.ts', ['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('DATABASE_URL must be');
  });
});

// SQLite's file: URL takes no password; PostgreSQL's takes one in user:password and in the query.
(testDatabaseKinds().includes('postgres') ? describe : describe.skip)('cli with a password in DATABASE_URL (postgres)', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase('postgres');
  });
  afterAll(async () => {
    await scratch.drop();
  });

  test('migrate prints the database with its password masked', async () => {
    const { url, secret } = withSecrets(scratch.url);
    const run = await runEntry('src/cli.ts', ['migrate'], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^postgresql:\/\/\w+:\*\*\*@[^ ]*\?password=\*\*\*: /);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  test('npm run local prints the database with its password masked', async () => {
    const { url, secret } = withSecrets(scratch.url);
    const child = spawnEntry(
      'src/cli.ts',
      ['local', '--port', String(await freePort()), '--api-port', String(await freePort())],
      {
        DATABASE_URL: url,
      },
    );
    const exited = finished(child);
    try {
      await waitForOutput(child, (out) => out.includes('Press Ctrl-C'), 30_000);
      child.kill('SIGINT');
      const { stdout, stderr } = await exited;
      expect(stdout).toMatch(/database: postgresql:\/\/\w+:\*\*\*@[^ ]*\?password=\*\*\*/);
      expect(stderr).toMatch(/database ready \(postgres: postgresql:\/\/\w+:\*\*\*@/);
      expect(stdout + stderr).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
