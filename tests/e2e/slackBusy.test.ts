import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, LEO, openedModal, openProgramme, ZOE } from '../support/programmeFlows.js';

const told = (h: Harness, userId: string) =>
  h.emulator.responseUrlPosts({ userId, via: 'response_url' }).filter((p) => p.text?.includes('again in a minute'));

/**
 * A command's modal must open within its trigger's 3 s. When Slack's rate limit (views.open, Tier 4) or the trigger
 * stops it, the person is told privately, at once, to run the command again: nothing is silently dropped, and the
 * bot does not call views.open again before Retry-After has passed.
 */
describe.each(testDatabaseKinds())('a modal Slack will not open now, on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR] });
    await openProgramme(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('a 429 on views.open tells the person to run /rm-join again; no call until Retry-After; then the modal opens', async () => {
    const before = h.emulator.callsTo('views.open').length;
    h.emulator.injectFault({ method: 'views.open', status: 429, retryAfter: 2, times: 1 });
    expect((await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' })).status).toBe(200);
    const notice = await eventually(() => told(h, ZOE)[0], 3000, 'the private "run it again" note');
    expect(notice.responseType).toBe('ephemeral');
    expect(notice.text).toContain('Slack is busy right now');
    expect(notice.text).toContain('run `/rm-join` again');
    expect(h.emulator.callsTo('views.open')).toHaveLength(before + 1);

    // Within Retry-After: told at once, without spending a call Slack would refuse.
    expect((await h.driver.slashCommand({ userId: LEO, command: '/rm-join' })).status).toBe(200);
    await eventually(() => told(h, LEO)[0], 3000, 'the note for the second person');
    expect(h.emulator.callsTo('views.open')).toHaveLength(before + 1);

    const refusedAt = h.emulator.callsTo('views.open')[before]!.time;
    await new Promise((r) => setTimeout(r, Math.max(0, refusedAt + 2100 - Date.now())));
    expect((await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' })).status).toBe(200);
    expect((await openedModal(h, ZOE, 'signup')).callback_id).toBe('signup');
    expect(told(h, ZOE)).toHaveLength(1);
    // Told once, not again by the inbox trying the request later.
    await new Promise((r) => setTimeout(r, 500));
    expect(h.logLines.filter((l) => l.includes('request failed (attempt'))).toEqual([]);
  });

  test('an expired trigger id tells the person to run the command again', async () => {
    h.emulator.injectFault({ method: 'views.open', error: 'expired_trigger_id', times: 1 });
    const before = told(h, LEO).length;
    expect((await h.driver.slashCommand({ userId: LEO, command: '/rm-join' })).status).toBe(200);
    const notice = await eventually(() => told(h, LEO)[before], 3000, 'the private note');
    expect(notice.text).toContain('run `/rm-join` again');
  });

  test('views.open\'s documented answer to a bad trigger (invalid_arguments, "invalid `trigger_id`") is told at once, not tried again', async () => {
    const calls = h.emulator.callsTo('views.open').length;
    h.emulator.injectFault({ method: 'views.open', error: 'invalid_arguments', messages: ['invalid `trigger_id`'], times: 1 });
    const before = told(h, LEO).length;
    expect((await h.driver.slashCommand({ userId: LEO, command: '/rm-join' })).status).toBe(200);
    const notice = await eventually(() => told(h, LEO)[before], 3000, 'the private note');
    expect(notice.text).toContain('run `/rm-join` again');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.logLines.filter((l) => l.includes('request failed (attempt'))).toEqual([]);
    expect(h.emulator.callsTo('views.open')).toHaveLength(calls + 1);
  });
});
