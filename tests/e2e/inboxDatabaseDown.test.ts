// The database down (PostgreSQL, behind a TCP proxy the test can cut): requests are answered 503, never a false
// 200; /healthz says 503 meanwhile; Slack's retry after the recovery is recorded and applied once.
// SQLite is embedded in the bot's own process: it cannot be down while the bot is up, so this runs on PostgreSQL.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { SlackDriver, SlackEmulator } from '../../src/devtools/emulator/index.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { seedProgramme } from '../support/checkInFlows.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { finished, freePort, spawnEntry, waitForOutput, type Finished } from '../support/processes.js';

const SECRET = 'inbox-down-secret';

/** A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
  }

  down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const onPostgres = testDatabaseKinds().includes('postgres');

(onPostgres ? describe : describe.skip)('the database down, on PostgreSQL', () => {
  let emulator: SlackEmulator;
  let scratch: ScratchDatabase;
  let db: Database;
  let proxy: CuttableProxy;
  let child: ReturnType<typeof spawnEntry> | undefined;
  let exited: Promise<Finished>;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    scratch = await createScratchDatabase('postgres');
    db = await openDatabase(scratch.url);
    const target = new URL(scratch.url);
    proxy = new CuttableProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await proxy?.down();
    await db?.close();
    await emulator?.stop();
    await scratch?.drop();
  });

  test('an event is answered 503 while the database is down, and its retry is applied once after', async () => {
    await seedProgramme(db.client, 'prog', '2027-12-31');
    const leaver = emulator.addUser({ realName: 'Leaving Soon' });
    await db.client.participant.create({
      data: { id: 'leaver', programmeId: 'prog', slackUserId: leaver.id, role: 'mentee', seniorityLevel: 6 },
    });
    emulator.deleteUser(leaver.id);

    const viaProxy = new URL(scratch.url);
    viaProxy.port = String(proxy.port);
    const port = await freePort();
    child = spawnEntry('src/main.ts', [], {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: viaProxy.toString(),
      PORT: String(port),
    });
    exited = finished(child);
    await waitForOutput(child, (out) => out.includes('listening on port'), 60_000);
    const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, emulator });
    const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
    expect(await health()).toBe(200);

    await proxy.down();
    const first = await driver.userChange(leaver.id, { eventId: 'EvDOWN1' });
    expect(first.status).toBe(503);
    // A command too: the person sees Slack's own failure notice, not a false success.
    expect((await driver.slashCommand({ userId: leaver.id, command: '/rm-report' })).status).toBe(503);
    expect(await health()).toBe(503);

    await proxy.up();
    await eventually(async () => ((await health()) === 200 ? true : undefined), 20_000, 'ready again');
    // Slack retries an event that did not get a 2xx: the same event id, with its retry headers.
    const retried = await driver.userChange(leaver.id, { eventId: 'EvDOWN1', retryNum: 1, retryReason: 'http_error' });
    expect(retried.status).toBe(200);
    const again = await driver.userChange(leaver.id, { eventId: 'EvDOWN1', retryNum: 2, retryReason: 'http_error' });
    expect(again.status).toBe(200);
    await eventually(
      async () =>
        (await db.client.participant.findUniqueOrThrow({ where: { id: 'leaver' } })).status === 'departed' ? true : undefined,
      10_000,
      'departure recorded',
    );
    expect(await db.client.inboxRequest.count({ where: { requestKey: 'event:EvDOWN1' } })).toBe(1);
    expect(await db.client.processedEvent.count({ where: { eventId: 'EvDOWN1' } })).toBe(1);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 120_000);
});
