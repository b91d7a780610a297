// Nothing acknowledged is lost (issue 15): real bot processes, killed with SIGKILL right after a burst of clicks and
// events they answered 200, then restarted (or left to a second replica): each request takes effect exactly once.
import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { seedPair, seedProgramme, type Member } from '../support/checkInFlows.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startBotProcess, type BotProcess } from '../support/botProcess.js';

const SECRET = 'inbox-crash-secret';
const PAIRS = 12;
const LEAVERS = 8;

type Bot = BotProcess;

describe.each(testDatabaseKinds())('the durable inbox on %s', (kind) => {
  let emulator: SlackEmulator;
  let scratch: ScratchDatabase;
  let db: Database;
  const bots: Bot[] = [];
  const today = new Date().toISOString().slice(0, 10);

  async function startBot(): Promise<Bot> {
    const bot = await startBotProcess(emulator, scratch.url, SECRET, { INBOX_LEASE_MS: '2000', LOG_LEVEL: 'info' });
    bots.push(bot);
    return bot;
  }

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    scratch = await createScratchDatabase(kind);
    db = await openDatabase(scratch.url);
  }, 60_000);
  afterAll(async () => {
    for (const b of bots) b.child.kill('SIGKILL');
    await db?.close();
    await emulator?.stop();
    await scratch?.drop();
  });

  /** Pairs with a check-in due today, each with a "We met" button in its group DM; people who will leave. */
  async function seed(round: string) {
    const c = db.client;
    await seedProgramme(c, `prog-${round}`, '2027-12-31');
    const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
    const clicks: Array<{ userId: string; checkInId: string; channelId: string; messageTs: string }> = [];
    for (let i = 0; i < PAIRS; i++) {
      const mentor: Member = { slackUserId: emulator.addUser({ realName: `Mentor ${round} ${i}` }).id, timezone: 'UTC' };
      const mentee: Member = { slackUserId: emulator.addUser({ realName: `Mentee ${round} ${i}` }).id, timezone: 'UTC' };
      const pairId = `${round}-p${i}`;
      await seedPair(c, `prog-${round}`, pairId, mentor, mentee, today);
      const channel = emulator.channelFor([mentor.slackUserId, mentee.slackUserId]);
      const posted = await client.chat.postMessage({
        channel,
        text: 'Time for your check-in',
        blocks: [
          {
            type: 'actions',
            block_id: `checkin:${pairId}-ci1`,
            elements: [
              { type: 'button', action_id: 'checkin_met', value: `${pairId}-ci1`, text: { type: 'plain_text', text: 'We met' } },
            ],
          },
        ],
      });
      clicks.push({ userId: mentor.slackUserId, checkInId: `${pairId}-ci1`, channelId: channel, messageTs: posted.ts! });
    }
    const leavers: string[] = [];
    for (let i = 0; i < LEAVERS; i++) {
      const user = emulator.addUser({ realName: `Leaver ${round} ${i}` });
      await c.participant.create({
        data: {
          id: `${round}-leaver-${i}`,
          programmeId: `prog-${round}`,
          slackUserId: user.id,
          role: 'mentee',
          seniorityLevel: 6,
        },
      });
      emulator.deleteUser(user.id);
      leavers.push(user.id);
    }
    return { clicks, leavers };
  }

  /** The burst, all at once: every request answered 200 before the process is killed. */
  async function burst(bot: Bot, round: string, work: Awaited<ReturnType<typeof seed>>) {
    const answers = await Promise.all([
      ...work.clicks.map((k) =>
        bot.driver.blockAction({
          userId: k.userId,
          actionId: 'checkin_met',
          container: { type: 'message', channelId: k.channelId, messageTs: k.messageTs },
        }),
      ),
      ...work.leavers.map((u, i) => bot.driver.userChange(u, { eventId: `Ev${round}${i}` })),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  }

  /** What had taken effect: check-ins logged as met, and departures recorded. */
  async function effects(round: string) {
    const met = await db.client.checkIn.count({ where: { pairing: { programmeId: `prog-${round}` }, status: 'met' } });
    const departed = await db.client.participant.count({ where: { programmeId: `prog-${round}`, status: 'departed' } });
    return met + departed;
  }

  async function exactlyOnce(round: string) {
    const c = db.client;
    const checkIns = await c.checkIn.findMany({ where: { pairing: { programmeId: `prog-${round}` }, sequence: 1 } });
    expect(checkIns.map((ci) => ci.status)).toEqual(checkIns.map(() => 'met'));
    // Logged once: one follow-up check-in per pair, one thank-you per person and check-in.
    expect(await c.checkIn.count({ where: { pairing: { programmeId: `prog-${round}` }, sequence: 2 } })).toBe(PAIRS);
    const thanks = await c.outboxMessage.findMany({
      where: { kind: { startsWith: 'checkin.met' } },
      select: { idempotencyKey: true },
    });
    expect(new Set(thanks.map((t) => t.idempotencyKey)).size).toBe(thanks.length);
    expect(await c.processedEvent.count({ where: { eventId: { startsWith: `Ev${round}` } } })).toBe(LEAVERS);
    const rows = await c.inboxRequest.findMany({ where: { requestKey: { startsWith: `event:Ev${round}` } } });
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'done'));
  }

  test('kill -9 right after the burst, then a restart: every click and event takes effect exactly once', async () => {
    const work = await seed('a');
    const first = await startBot();
    await burst(first, 'a', work);
    first.child.kill('SIGKILL');
    await first.exited;
    const doneAtKill = await effects('a');
    const pendingAtKill = await db.client.inboxRequest.count({ where: { status: 'pending' } });
    // The crash really interrupted work that had been answered 200 (else this test would prove nothing).
    expect(pendingAtKill).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(PAIRS + LEAVERS);

    const second = await startBot();
    await eventually(async () => (await effects('a')) === PAIRS + LEAVERS || undefined, 30_000, 'every request done');
    await eventually(
      async () => (await db.client.inboxRequest.count({ where: { status: 'pending' } })) === 0 || undefined,
      10_000,
      'inbox empty',
    );
    await exactlyOnce('a');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);

  test('two replicas: the survivor finishes what the killed one answered', async () => {
    const work = await seed('b');
    const [doomed, survivor] = await Promise.all([startBot(), startBot()]);
    await burst(doomed, 'b', work);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(await db.client.inboxRequest.count({ where: { status: 'pending' } })).toBeGreaterThan(0);
    await eventually(async () => (await effects('b')) === PAIRS + LEAVERS || undefined, 30_000, 'every request done');
    await eventually(
      async () => (await db.client.inboxRequest.count({ where: { status: 'pending' } })) === 0 || undefined,
      10_000,
      'inbox empty',
    );
    await exactlyOnce('b');
    survivor.child.kill('SIGTERM');
    const result = await survivor.exited;
    expect(result.code).toBe(0);
    expect(result.stderr + result.stdout).toContain('taking over');
  }, 120_000);
});
