import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { seedPair, seedProgramme, type Member } from '../support/checkInFlows.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { finished, spawnEntry } from '../support/processes.js';

const PEOPLE: Member[] = [
  { slackUserId: 'U0EMU0001', timezone: 'Europe/London' },
  { slackUserId: 'U0EMU0002', timezone: 'America/Los_Angeles' },
  { slackUserId: 'U0EMU0003', timezone: 'Asia/Kolkata' },
  { slackUserId: 'U0EMU0004', timezone: 'Europe/Berlin' },
  { slackUserId: 'U0EMU0005', timezone: 'America/New_York' },
  { slackUserId: 'U0EMU0006', timezone: 'Pacific/Auckland' },
  { slackUserId: 'U0EMU0007', timezone: 'Europe/London' },
  { slackUserId: 'U0EMU0008', timezone: 'America/Los_Angeles' },
  { slackUserId: 'U0EMU0009', timezone: 'Asia/Kolkata' },
  { slackUserId: 'U0EMU0010', timezone: 'Europe/Berlin' },
];

const onPostgres = testDatabaseKinds().includes('postgres');

(onPostgres ? describe : describe.skip)('two replicas on one PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let emulator: SlackEmulator;
  beforeAll(async () => {
    scratch = await createScratchDatabase('postgres');
    db = await openDatabase(scratch.url);
    emulator = await SlackEmulator.start();
  });
  afterAll(async () => {
    await db?.close();
    await emulator?.stop();
    await scratch?.drop();
  });

  test('both ticking and sending over four weeks of hourly passes: every nudge exactly once', async () => {
    const c = db.client;
    const pairs: { id: string; people: [Member, Member] }[] = [];
    for (const [p, due] of [
      ['one', '2026-03-04'],
      ['two', '2026-03-06'],
    ] as const) {
      await seedProgramme(c, p);
      for (let i = 0; i < PEOPLE.length; i += 2) {
        const id = `${p}-${i / 2}`;
        const people: [Member, Member] =
          p === 'one' ? [PEOPLE[i]!, PEOPLE[i + 1]!] : [PEOPLE[i + 1]!, PEOPLE[(i + 2) % PEOPLE.length]!];
        await seedPair(c, p, id, people[0], people[1], due);
        pairs.push({ id, people });
      }
    }
    const spawnReplica = (workerId: string) =>
      finished(
        spawnEntry('tests/e2e/checkInWorker.ts', [], {
          DATABASE_URL: scratch.url,
          SLACK_API_URL: emulator.apiUrl,
          SLACK_BOT_TOKEN: emulator.botToken,
          WORKER_ID: workerId,
          START: '2026-03-02T00:00:00Z',
          STEP_MS: String(3600_000),
          COUNT: String(28 * 24),
        }),
      );
    const results = await Promise.all([spawnReplica('a'), spawnReplica('b')]);
    for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
    const reports = results.map(
      (r) => JSON.parse(/done (\{.*\})/.exec(r.stdout)?.[1] ?? '{}') as { ticks: number; nudges: number; sent: number },
    );

    const nudgeRows = await c.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'nudge:' } } });
    const checkIns = await c.checkIn.findMany();
    // Each claim wrote one nudge (`nudge:<checkIn>:<n>`: one row for the group DM, or one per member's own DM when
    // the two share no working hour): the replicas' claims add up to them, and to the check-ins' counters.
    const claimed = new Set(nudgeRows.map((r) => r.idempotencyKey.split(':').slice(0, 3).join(':')));
    expect(claimed.size).toBeGreaterThanOrEqual(pairs.length * 4);
    expect(reports.map((r) => r.nudges).reduce((a, b) => a + b)).toBe(claimed.size);
    expect(checkIns.map((ci) => ci.remindersSent).reduce((a, b) => a + b)).toBe(claimed.size);
    expect(nudgeRows.every((r) => r.status === 'sent')).toBe(true);
    expect(reports.every((r) => r.ticks === 28 * 24)).toBe(true);

    // Slack got each nudge exactly once.
    const delivered: string[] = [];
    // each pair's group DM and each member's own DM, each conversation once
    const ids = (ps: Member[]) => ps.map((p) => p.slackUserId);
    const channels = new Set(
      pairs.flatMap((pair) => [ids(pair.people), ...ids(pair.people).map((u) => [u])].map((m) => emulator.channelFor(m))),
    );
    for (const channel of channels)
      for (const m of emulator.messagesIn(channel)) delivered.push(String(m.metadata?.event_payload?.idempotency_key));
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.filter((k) => k.startsWith('nudge:')).sort()).toEqual(nudgeRows.map((r) => r.idempotencyKey).sort());
    expect(reports.map((r) => r.sent).reduce((a, b) => a + b)).toBe(await c.outboxMessage.count({ where: { status: 'sent' } }));
    expect(emulator.problems).toEqual([]);
  }, 180_000);
});
