import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seedPair, seedProgramme, sentRow, tickAt } from '../support/checkInFlows.js';
import { COORDINATOR } from '../support/programmeFlows.js';
import { withDays } from '../support/slackDates.js';

const ZOE = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
const AMARA = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };
const LEO = 'U0EMU0008';

describe.each(testDatabaseKinds())('check-in clicks that cannot apply, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('get a private note saying why, and change nothing', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(db, 'prog', 'p', ZOE, AMARA, '2026-03-04');
    await tickAt(h, '2026-03-04T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const container = { type: 'message' as const, channelId: nudge.channelId, messageTs: nudge.messageTs };
    const notesFor = (userId: string) =>
      h.emulator
        .ephemeralsIn(nudge.channelId)
        .filter((m) => m.user === userId)
        .map((m) => String(m.text));
    const clickAndNote = async (userId: string, actionId: string, extra: { selectedDateTime?: number } = {}) => {
      const before = notesFor(userId).length;
      expect((await h.driver.blockAction({ userId, actionId, container, ...extra })).status).toBe(200);
      return eventually(() => notesFor(userId)[before], 5000, `note for ${userId}`);
    };
    const checkIn = () => db.checkIn.findUniqueOrThrow({ where: { id: 'p-ci1' } });

    expect(await clickAndNote(LEO, 'checkin_met')).toBe(
      'Only the two people of this pair can use these buttons. Nothing was changed.',
    );
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    expect(
      await clickAndNote(ZOE.slackUserId, 'checkin_scheduled', { selectedDateTime: seconds('2026-03-01T10:00:00Z') }),
    ).toMatch(
      withDays(
        "Please pick a day from today ([[Wed 4 Mar 2026]]) to the programme's last day ([[Tue 1 Sept 2026]]). Nothing was changed.",
      ),
    );
    expect(
      await clickAndNote(ZOE.slackUserId, 'checkin_scheduled', { selectedDateTime: seconds('2026-09-10T10:00:00Z') }),
    ).toContain('Please pick a day from today');
    // today, but an hour that has passed (the nudge came at 10:00)
    expect(await clickAndNote(ZOE.slackUserId, 'checkin_scheduled', { selectedDateTime: seconds('2026-03-04T08:00:00Z') })).toBe(
      'That time has already passed: please pick a later one. Nothing was changed.',
    );
    expect((await checkIn()).status).toBe('due');

    // A good click answers with nothing private; the partner's later click is told it is done.
    await db.pairing.update({ where: { id: 'p' }, data: { atRiskFlaggedAt: new Date('2026-03-03T10:00:00Z') } });
    await h.driver.blockAction({ userId: ZOE.slackUserId, actionId: 'checkin_met', container });
    await eventually(async () => (await checkIn()).status === 'met', 5000, 'met');
    expect(await clickAndNote(AMARA.slackUserId, 'checkin_met')).toBe(
      'This check-in is already logged as met. Nothing was changed.',
    );
    expect(await clickAndNote(AMARA.slackUserId, 'checkin_skip')).toBe(
      'This check-in is already logged as met. Nothing was changed.',
    );
    expect((await checkIn()).status).toBe('met');
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'p' } })).atRiskFlaggedAt).toBeNull(); // met again: no longer at risk
    expect(await db.checkIn.count({ where: { pairingId: 'p' } })).toBe(2);

    await h.driver.blockAction({ userId: ZOE.slackUserId, actionId: 'checkin_pause', container });
    await eventually(
      async () => (await db.pairing.findUniqueOrThrow({ where: { id: 'p' } })).status === 'paused',
      5000,
      'paused',
    );
    expect(await clickAndNote(AMARA.slackUserId, 'checkin_pause')).toBe(
      'Your check-ins are already paused. Nothing was changed.',
    );
    expect(notesFor(ZOE.slackUserId)).toHaveLength(3); // only the three times
  });
});
