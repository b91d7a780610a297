import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, openedModal, openProgramme, ZOE } from '../support/programmeFlows.js';

/**
 * While the app's event loop is saturated (a burst of requests), a slash command is acknowledged at once,
 * without its database read, and answered on the response_url when its turn comes. The harness reports
 * pressure as this test sets it.
 */
describe.each(testDatabaseKinds())('slash commands while the event loop is saturated, on %s', (kind) => {
  let h: Harness;
  const pressure = { busy: false };
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], pressure });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('the ack is empty and immediate; the answer follows on the response_url; a modal still opens', async () => {
    await openProgramme(h); // calm: the usual path
    pressure.busy = true;

    const help = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(help.status).toBe(200);
    expect(help.json).toBeUndefined();
    const answer = await eventually(
      () => h.emulator.responseUrlPosts({ userId: COORDINATOR, via: 'response_url' })[0],
      10_000,
      'the help on the response_url',
    );
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toContain('`/rm-admin open`');

    const join = await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    expect(join.status).toBe(200);
    expect(join.json).toBeUndefined();
    const modal = await openedModal(h, ZOE, 'signup');
    expect(modal.callback_id).toBe('signup');

    // Replies that used to be the ack's body (an unknown command) go to the response_url as well.
    const unknown = await h.driver.slashCommand({ userId: ZOE, command: '/rm-frobnicate' });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toBeUndefined();
    const unknownAnswer = await eventually(
      () => h.emulator.responseUrlPosts({ userId: ZOE, via: 'response_url' })[0],
      10_000,
      'the unknown-command reply',
    );
    expect(unknownAnswer.text).toContain("I don't know `/rm-frobnicate`");

    pressure.busy = false;
    const calm = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(calm.json?.text).toContain('`/rm-admin open`'); // the answer is in the ack again
    expect(h.emulator.responseUrlPosts({ userId: COORDINATOR, via: 'response_url' })).toHaveLength(1);
  });
});
