import { RESPONSE_URL_FAULT } from '../../src/devtools/emulator/index.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seedPair, seedProgramme, sentRow, tickAt } from '../support/checkInFlows.js';
import { AMARA, COORDINATOR, LEO, ZOE } from '../support/programmeFlows.js';

// Eight people open App Home while Slack takes 30 s to answer views.publish (issue 15, item 4).
const HOME_OPENERS = ['U0EMU0002', 'U0EMU0003', 'U0EMU0004', 'U0EMU0006', 'U0EMU0009', 'U0EMU0010', 'U0EMU0011', COORDINATOR];
const TIMEOUT_MS = 3000; // SLACK_TIMEOUT_MS for this test: short, so that it also shows the slow calls end

describe.each(testDatabaseKinds())('a slow Slack on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {
      coordinators: [COORDINATOR],
      now: new Date('2026-03-04T09:00:00Z'),
      env: { SLACK_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(
      db,
      'prog',
      'p',
      { slackUserId: ZOE, timezone: 'Europe/London' },
      { slackUserId: AMARA, timezone: 'Europe/London' },
      '2026-03-04',
    );
    // a programme taking signups, for /rm-join
    await db.programme.create({
      data: {
        id: 'spring',
        name: 'Spring',
        status: 'open',
        startDate: new Date('2026-04-01T00:00:00Z'),
        durationMonths: 6,
        endDate: new Date('2026-10-01T00:00:00Z'),
        signupDeadline: new Date('2026-03-25T00:00:00Z'),
        createdBySlackId: COORDINATOR,
      },
    });
  });
  afterEach(() => h.emulator.clearFaults()); // a failed test leaves no slow Slack behind for the next
  afterAll(async () => {
    await h?.stop();
  });

  test('views.publish taking 30 s: a "We met" click takes effect within a second, /rm-join opens its modal, the slow calls end at SLACK_TIMEOUT_MS', async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const slow = h.emulator.injectFault({ method: 'views.publish', delayMs: 30_000 });
    const opened = Date.now();
    await Promise.all(HOME_OPENERS.map((u) => h.driver.appHomeOpened(u)));
    await h.emulator.waitUntil(() => slow.hits === HOME_OPENERS.length, 5000, 'eight slow views.publish calls');

    const clicked = Date.now();
    const res = await h.driver.blockAction({
      userId: ZOE,
      actionId: 'checkin_met',
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    expect(res.status).toBe(200);
    await eventually(
      async () => (await h.bot.db.client.checkIn.findUniqueOrThrow({ where: { id: 'p-ci1' } })).status === 'met',
      5000,
      'the meeting logged',
    );
    expect(Date.now() - clicked).toBeLessThan(1000);

    const joined = Date.now();
    expect((await h.driver.slashCommand({ userId: LEO, command: '/rm-join' })).status).toBe(200);
    const modal = await h.emulator.waitForCall('views.open', { timeoutMs: 3000 });
    expect(modal.response).toMatchObject({ ok: true });
    expect(Date.now() - joined).toBeLessThan(1000);

    // Each slow call was given up after SLACK_TIMEOUT_MS, once (a call that timed out is not tried again): the
    // listeners are done long before Slack's 30 s answers.
    expect(await h.bot.idle(3 * TIMEOUT_MS)).toBe(true);
    expect(Date.now() - opened).toBeLessThan(3 * TIMEOUT_MS);
    expect(slow.hits).toBe(HOME_OPENERS.length);
  }, 30_000);

  test('a response_url that hangs holds its listener for SLACK_TIMEOUT_MS, not for as long as the socket stays open', async () => {
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const hang = h.emulator.injectFault({ method: RESPONSE_URL_FAULT, delayMs: 60_000 });
    const clicked = Date.now();
    // the check-in is already logged: the answer is a private note through the message's response_url
    await h.driver.blockAction({
      userId: AMARA,
      actionId: 'checkin_met',
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    await h.emulator.waitUntil(() => hang.hits === 1, 3000, 'the response_url POST');
    expect(await h.bot.idle(TIMEOUT_MS + 2000)).toBe(true);
    expect(Date.now() - clicked).toBeLessThan(TIMEOUT_MS + 2000);
    expect(h.logLines.some((l) => l.includes('listener failed'))).toBe(true);
  }, 30_000);
});
