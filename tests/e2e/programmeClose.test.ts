import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { deliverHeld } from '../support/heldMessages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { outboxDrained, seedPair, seedProgramme, tickAt } from '../support/checkInFlows.js';
import { COORDINATOR, resend } from '../support/programmeFlows.js';

const ZOE = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
const AMARA = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };
const LEO = { slackUserId: 'U0EMU0008', timezone: 'America/Los_Angeles' };
const KLAUS = { slackUserId: 'U0EMU0004', timezone: 'Europe/Berlin' };

async function closeButton(h: Harness, text: string) {
  const ack = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text });
  expect(ack.status).toBe(200);
  const channelId = h.emulator.channelFor([COORDINATOR]);
  const prompt = h.emulator
    .ephemeralsIn(channelId)
    .filter((m) => m.user === COORDINATOR)
    .at(-1)!;
  return { ack, channelId, prompt };
}

describe.each(testDatabaseKinds())('/rm-admin close on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('asks first, then ends the running pairs once, thanks them, and stops every nudge', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'spring');
    await seedPair(db, 'spring', 'p1', ZOE, AMARA, '2026-03-09');
    await seedPair(db, 'spring', 'p2', LEO, KLAUS, '2026-03-09');
    await db.feedbackRequest.create({
      data: {
        key: 'checkin:x:p1-mentor',
        kind: 'checkin',
        participantId: 'p1-mentor',
        pairingId: 'p1',
        remindAt: new Date('2026-03-12T10:00:00Z'),
      },
    });

    const { ack, channelId, prompt } = await closeButton(h, 'close');
    expect(ack.json?.text).toContain(
      'Close *Programme spring*? 2 pairs still running will end, 2 open check-ins will close (no more nudges)',
    );
    // Nothing changes before the button.
    expect((await db.programme.findUniqueOrThrow({ where: { id: 'spring' } })).status).toBe('running');

    const click = () =>
      h.driver.blockAction({
        userId: COORDINATOR,
        actionId: 'admin_close_programme',
        container: { type: 'message', channelId, messageTs: prompt.ts, isEphemeral: true },
      });
    // A double click: both payloads arrive before the answer replaces the buttons.
    const [first, second] = await Promise.all([click(), click()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await eventually(
      async () => (await db.programme.findUniqueOrThrow({ where: { id: 'spring' } })).status === 'closed',
      5000,
      'programme closed',
    );
    expect((await resend(h, first)).status).toBe(200); // and Slack's retry of the first changes nothing more

    const pairs = await db.pairing.findMany({ orderBy: { id: 'asc' } });
    expect(pairs.map((p) => [p.id, p.status, p.endReason])).toEqual([
      ['p1', 'ended', 'programme_closed'],
      ['p2', 'ended', 'programme_closed'],
    ]);
    expect(await db.checkIn.count({ where: { nextNudgeAt: { not: null } } })).toBe(0);
    // Nothing stays open in a closed programme: not due yet (9 March), so cancelled rather than missed.
    expect((await db.checkIn.findMany({ orderBy: { id: 'asc' } })).map((c) => [c.id, c.status])).toEqual([
      ['p1-ci1', 'cancelled'],
      ['p2-ci1', 'cancelled'],
    ]);
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { key: 'checkin:x:p1-mentor' } })).remindAt).toBeNull();

    await outboxDrained(h);
    // The pairs did nothing: their thanks wait for a time that suits both (docs/delivery-times.md).
    await deliverHeld(h, 'programme-closed:p');
    const closedNotes = (userIds: string[]) =>
      h.emulator
        .messagesIn(h.emulator.channelFor(userIds))
        .map((m) => String(m.text))
        .filter((t) => t.includes('Programme spring is now closed'));
    // London and London share working hours: their group DM. Los Angeles and Berlin share none: each their own DM.
    expect(closedNotes([ZOE.slackUserId, AMARA.slackUserId])).toHaveLength(1);
    expect(closedNotes([LEO.slackUserId, KLAUS.slackUserId])).toHaveLength(0);
    expect(closedNotes([LEO.slackUserId])).toHaveLength(1);
    expect(closedNotes([KLAUS.slackUserId])).toHaveLength(1);
    const coordinatorNotes = h.emulator
      .messagesIn(channelId)
      .map((m) => String(m.text))
      .filter((t) => t.includes('is closed: 2 pairs ended'));
    expect(coordinatorNotes).toHaveLength(1);

    // The due day passes: no nudge for a closed programme.
    await tickAt(h, '2026-03-09T10:05:00Z');
    await tickAt(h, '2026-03-16T10:05:00Z');
    expect(await db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'nudge:' } } })).toBe(0);

    // Closed programmes are no longer offered.
    const again = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'close spring' });
    expect(again.json?.text).toContain('There are no programmes yet');
  });

  test('refuses non-coordinators, at the command and at the button; names an unknown programme', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'autumn');
    const refused = await h.driver.slashCommand({ userId: ZOE.slackUserId, command: '/rm-admin', text: 'close autumn' });
    expect(refused.json?.text).toContain('is for programme coordinators');
    const unknown = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'close winter' });
    expect(unknown.json?.text).toBe('I know no open programme called "winter". Programmes: *Programme autumn*.');

    // Zoe is a coordinator when she asks, and no longer one when she clicks: nothing changes.
    await db.coordinator.create({ data: { slackUserId: ZOE.slackUserId } });
    await h.driver.slashCommand({ userId: ZOE.slackUserId, command: '/rm-admin', text: 'close autumn' });
    const channelId = h.emulator.channelFor([ZOE.slackUserId]);
    const prompt = h.emulator
      .ephemeralsIn(channelId)
      .filter((m) => m.user === ZOE.slackUserId)
      .at(-1)!;
    await db.coordinator.delete({ where: { slackUserId: ZOE.slackUserId } });
    const res = await h.driver.blockAction({
      userId: ZOE.slackUserId,
      actionId: 'admin_close_programme',
      container: { type: 'message', channelId, messageTs: prompt.ts, isEphemeral: true },
    });
    expect(res.status).toBe(200);
    await eventually(
      () => h.emulator.ephemeralsIn(channelId).some((m) => String(m.text).includes('is for programme coordinators')),
      5000,
      'refusal',
    );
    expect((await db.programme.findUniqueOrThrow({ where: { id: 'autumn' } })).status).toBe('running');
  });
});
