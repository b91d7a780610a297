// A signed request replayed inside Slack's five-minute signature window (by anyone who saw it) changes nothing:
// each command, click and submission carries a trigger id of its own, and a second request with it is ignored.
import { outboxDrained, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, resend, resendCommand } from '../support/programmeFlows.js';

const ZOE: Member = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
const AMARA: Member = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };

describe.each(testDatabaseKinds())('replayed requests on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    await seedProgramme(h.bot.db.client, 'prog');
    await seedPair(h.bot.db.client, 'prog', 'p', ZOE, AMARA, '2026-03-04');
  });
  afterAll(async () => {
    await h?.stop();
  });
  const status = async () => (await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: 'p' } })).status;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  test('a "Pause" replayed after the pair resumed does not pause it again', async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const container = { type: 'message' as const, channelId: nudge.channelId, messageTs: nudge.messageTs };
    const pause = await h.driver.blockAction({ userId: ZOE.slackUserId, actionId: 'checkin_pause', container });
    expect(pause.status).toBe(200);
    await eventually(async () => (await status()) === 'paused' || undefined, 5000, 'paused');
    await outboxDrained(h);
    const note = await eventually(
      () => h.emulator.messagesIn(nudge.channelId).find((m) => m.text.includes('paused your check-ins')),
      5000,
      'paused note',
    );
    const resume = await h.driver.blockAction({
      userId: AMARA.slackUserId,
      actionId: 'checkin_resume',
      container: { type: 'message', channelId: nudge.channelId, messageTs: note.ts },
    });
    expect(resume.status).toBe(200);
    await eventually(async () => (await status()) === 'active' || undefined, 5000, 'resumed');

    const replayed = await resend(h, pause);
    expect(replayed.status).toBe(200);
    await settle();
    expect(await status()).toBe('active');
    // The same click sent as a new request (a new trigger id, as a real second click has) still works.
    const again = await h.driver.blockAction({ userId: ZOE.slackUserId, actionId: 'checkin_pause', container });
    expect(again.status).toBe(200);
    await eventually(async () => (await status()) === 'paused' || undefined, 5000, 'paused again');
  });

  test('a replayed slash command is acknowledged and does nothing: no second answer', async () => {
    const first = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(first.status).toBe(200);
    expect(first.body).toContain('rm-admin');
    await outboxDrained(h);
    await settle();
    const calls = h.emulator.calls.length;
    const replayed = await resendCommand(h, first);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toBe('');
    await settle();
    expect(h.emulator.calls.slice(calls).map((c) => c.method)).toEqual([]);
  });
});
