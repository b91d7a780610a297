// SIGTERM while Slack is slow (issue 15, item 3): the bot stops taking requests, gives its work the grace period,
// leaves what did not finish in the inbox, exits 0, and the next start does it.
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startBotProcess } from '../support/botProcess.js';

const SECRET = 'inbox-shutdown-secret';
const PEOPLE = ['U0EMU0001', 'U0EMU0007', 'U0EMU0008'];

describe.each(testDatabaseKinds())('SIGTERM with a slow Slack on %s', (kind) => {
  let emulator: SlackEmulator;
  let scratch: ScratchDatabase;
  let db: Database;
  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    scratch = await createScratchDatabase(kind);
    db = await openDatabase(scratch.url);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await emulator?.stop();
    await scratch?.drop();
  });

  const start = () => startBotProcess(emulator, scratch.url, SECRET, { SLACK_TIMEOUT_MS: '60000' });

  test('acknowledged work that outlives the grace period stays in the inbox and is done by the next start', async () => {
    const first = await start();
    emulator.injectFault({ method: 'views.publish', delayMs: 40_000 });
    const acks = await Promise.all(PEOPLE.map((u) => first.driver.appHomeOpened(u)));
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGTERM');
    const result = await first.exited;
    expect(result.code).toBe(0);
    // Nothing was held only in memory: the three requests wait in the inbox, free for the next start.
    const left = await db.client.inboxRequest.findMany({ where: { kind: 'event_callback/app_home_opened' } });
    expect(left.map((r) => [r.status, r.leaseOwner])).toEqual(PEOPLE.map(() => ['pending', null]));
    expect(result.stderr + result.stdout).toContain('unfinished requests left for the next start');

    emulator.clearFaults();
    const second = await start();
    await eventually(
      async () => ((await db.client.inboxRequest.count({ where: { status: 'pending' } })) === 0 ? true : undefined),
      30_000,
      'the inbox done',
    );
    for (const u of PEOPLE) expect(emulator.homeViewFor(u)).toBeDefined();
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
