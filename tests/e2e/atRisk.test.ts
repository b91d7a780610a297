// The at-risk flag (issue 17, item 3): two cadences of silence, not counting approved pauses; a meeting clears it.
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { outboxDrained, seedPair, seedProgramme, sentRow, tickAt } from '../support/checkInFlows.js';
import { AMARA, COORDINATOR, dmTexts, openedModal, ZOE } from '../support/programmeFlows.js';

const atRiskNotices = (h: Harness) => dmTexts(h, COORDINATOR).filter((t) => t.startsWith('Pair at risk'));

describe.each(testDatabaseKinds())('the at-risk flag on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-09T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('skips the two weeks the mentee was paused, flags once, and clears when the pair meets', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    // introduced Monday 2 March (seedPair), cadence 14 days: without the pause, at risk on Monday 30 March
    await seedPair(
      db,
      'prog',
      'pair',
      { slackUserId: ZOE, timezone: 'Europe/London' },
      { slackUserId: AMARA, timezone: 'Europe/London' },
      '2026-03-06',
    );

    // Amara pauses from App Home on Monday 9 March until Monday 23 March
    await h.driver.appHomeOpened(AMARA);
    const homeView = await eventually(() => h.emulator.homeViewFor(AMARA), 5000, 'home');
    await eventually(() => JSON.stringify(h.emulator.homeViewFor(AMARA)?.blocks).includes('home_pause'), 5000, 'pause button');
    const res = await h.driver.blockAction({
      userId: AMARA,
      actionId: 'home_pause',
      value: 'pair-mentee',
      container: { type: 'view', viewId: homeView.id },
    });
    expect(res.status).toBe(200);
    const modal = await openedModal(h, AMARA, 'pause_until');
    await h.driver.fillAndSubmitModal({ userId: AMARA, viewId: modal.id, answers: { pausedUntil: '2026-03-23' } });
    await eventually(async () => (await db.pauseSpell.count({ where: { participantId: 'pair-mentee' } })) === 1, 5000, 'pause');

    const flagged = async () => (await db.pairing.findUniqueOrThrow({ where: { id: 'pair' } })).atRiskFlaggedAt;
    expect((await tickAt(h, '2026-03-23T00:05:00Z')).resumedParticipants).toBe(1);
    // 28 days since the introduction, 14 of them on pause: not at risk (it was, before)
    expect((await tickAt(h, '2026-03-30T10:00:00Z')).checkIns.atRisk).toBe(0);
    expect((await tickAt(h, '2026-04-10T10:00:00Z')).checkIns.atRisk).toBe(0); // 39 - 14 = 25 days
    expect(await flagged()).toBeNull();
    // Monday 13 April: 42 days, 14 on pause: 28 that count, two cadences
    expect((await tickAt(h, '2026-04-13T10:00:00Z')).checkIns.atRisk).toBe(1);
    expect(await flagged()).toEqual(new Date('2026-04-13T10:00:00Z'));
    await outboxDrained(h);
    await eventually(() => atRiskNotices(h).length === 1, 5000, 'the coordinator is told');
    expect(atRiskNotices(h)[0]).toContain('for 42 days (14 of them on an approved pause, which do not count)');
    expect((await tickAt(h, '2026-04-14T10:00:00Z')).checkIns.atRisk).toBe(0); // once

    // "We met" on the nudge clears the flag
    const open = await db.checkIn.findFirstOrThrow({ where: { pairingId: 'pair', status: { in: ['due', 'scheduled'] } } });
    await tickAt(h, open.nextNudgeAt && open.nextNudgeAt > h.clock.now() ? open.nextNudgeAt : h.clock.now());
    await outboxDrained(h);
    const nudge = await db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { startsWith: `nudge:${open.id}:` } } });
    const sent = await sentRow(h, nudge.idempotencyKey);
    const met = await h.driver.blockAction({
      userId: ZOE,
      actionId: 'checkin_met',
      container: { type: 'message', channelId: sent.channelId, messageTs: sent.messageTs },
    });
    expect(met.status).toBe(200);
    await eventually(async () => (await flagged()) === null, 5000, 'flag cleared');
    expect((await tickAt(h, '2026-04-20T10:00:00Z')).checkIns.atRisk).toBe(0);
  });
});
