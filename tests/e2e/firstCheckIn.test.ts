// The first check-in through the real approval: on a working day, within the pair's first week, never before the
// programme's start (issue 17, item 3). The unit tests (tests/unit/domain/schedule/firstCheckIn.test.ts) cover the rule.
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { AMARA, COORDINATOR, joinWith, MENTEE_ANSWERS, MENTOR_ANSWERS, openProgramme, ZOE } from '../support/programmeFlows.js';

async function approveMatching(h: Harness): Promise<void> {
  const opens = h.emulator.callsTo('views.open').length;
  await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' });
  const call = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
  const viewId = String((call.response.view as { id: string }).id);
  await eventually(() => h.emulator.view(viewId)?.callback_id === 'match_preview', 10000, 'preview');
  const res = await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_approve', container: { type: 'view', viewId } });
  expect(res.status).toBe(200);
  await eventually(async () => (await h.bot.db.client.pairing.count({ where: { status: 'active' } })) === 1, 10000, 'approved');
}

describe.each(testDatabaseKinds())('the first check-in on %s', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  async function cohort(startDate: string, signupDeadline: string): Promise<void> {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    await openProgramme(h, { startDate, signupDeadline });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
    await joinWith(h, ZOE, { ...MENTOR_ANSWERS, timezone: 'Europe/London' });
    await joinWith(h, AMARA, { ...MENTEE_ANSWERS, timezone: 'Europe/London' });
    await eventually(async () => (await h.bot.db.client.participant.count()) === 2, 5000, 'participants');
  }

  const firstDue = async () => (await h.bot.db.client.checkIn.findFirstOrThrow({ where: { sequence: 1 } })).dueAt.toISOString();

  test('approved on Saturday 14 March, after the start: due Friday 20 March, not Saturday 21', async () => {
    await cohort('2026-03-09', '2026-03-06');
    h.clock.set(new Date('2026-03-14T11:00:00Z'));
    await approveMatching(h);
    expect(await firstDue()).toBe('2026-03-20T00:00:00.000Z');
  });

  test('approved before the programme starts (Monday 23 March): due in its first week, Friday 27 March', async () => {
    await cohort('2026-03-23', '2026-03-13');
    h.clock.set(new Date('2026-03-14T11:00:00Z'));
    await approveMatching(h);
    expect(await firstDue()).toBe('2026-03-27T00:00:00.000Z');
  });
});
