import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, LEO, openedModal, openProgramme, resendCommand, ZOE } from '../support/programmeFlows.js';

const settle = () => new Promise((r) => setTimeout(r, 300));

/**
 * While the app's event loop is saturated (a burst of requests), a slash command is answered before Bolt runs it
 * (`ackFirstPolicy`). A command whose answer costs a read or two (`/rm-admin help`, a refusal, `/rm-join`'s choice,
 * `/rm-report`'s check) is answered in the ack's body, computed beside its record; what follows it (a modal, a
 * report) starts at once as urgent work; other commands are acked empty and answer on the response_url in their
 * turn. The harness reports pressure as this test sets it.
 */
describe.each(testDatabaseKinds())('slash commands while the event loop is saturated, on %s', (kind) => {
  let h: Harness;
  const pressure = { busy: false };
  const posts = (userId: string) => h.emulator.responseUrlPosts({ userId, via: 'response_url' });
  const inboxStatus = async (triggerId: string) =>
    (await h.bot.db.client.inboxRequest.findUnique({ where: { requestKey: `trigger:${triggerId}` } }))?.status;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], pressure });
    await openProgramme(h); // calm: the usual path
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    pressure.busy = false;
  });

  test('/rm-admin help and refusals are answered in the ack; the request is recorded and done; a replay answers nothing', async () => {
    pressure.busy = true;
    const help = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(help.status).toBe(200);
    expect(help.json?.response_type).toBe('ephemeral');
    expect(help.json?.text).toContain('`/rm-admin open`');

    const refused = await h.driver.slashCommand({ userId: ZOE, command: '/rm-admin', text: 'help' });
    expect(refused.json?.text).toContain('is for programme coordinators');
    const report = await h.driver.slashCommand({ userId: ZOE, command: '/rm-report' });
    expect(report.json?.text).toContain('`/rm-report` is for programme coordinators');
    const match = await h.driver.slashCommand({ userId: ZOE, command: '/rm-admin', text: 'match' });
    expect(match.json?.text).toContain('is for programme coordinators');
    const unknown = await h.driver.slashCommand({ userId: ZOE, command: '/rm-frobnicate' });
    expect(unknown.json?.text).toContain("I don't know `/rm-frobnicate`");
    const unknownVerb = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'frobnicate' });
    expect(unknownVerb.json?.text).toContain('`/rm-admin frobnicate` is not something I can do');

    // Answered once: nothing on the response_url; the inbox recorded each request and marks it done.
    await settle();
    expect(posts(COORDINATOR)).toEqual([]);
    expect(posts(ZOE)).toEqual([]);
    for (const answered of [help, refused, report, match, unknown, unknownVerb])
      await eventually(async () => ((await inboxStatus(answered.triggerId!)) === 'done' ? true : undefined), 5000, 'done');

    const calls = h.emulator.calls.length;
    const replayed = await resendCommand(h, help);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toBe('');
    await settle();
    expect(h.emulator.calls.slice(calls).map((c) => c.method)).toEqual([]);
    expect(posts(COORDINATOR)).toEqual([]);
  });

  test("/rm-join's modal opens at once after an empty ack; within a Retry-After on views.open it is not tried: run it again", async () => {
    pressure.busy = true;
    const join = await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    expect(join.status).toBe(200);
    expect(join.json).toBeUndefined();
    expect((await openedModal(h, ZOE, 'signup')).callback_id).toBe('signup');

    const opens = h.emulator.callsTo('views.open').length;
    h.emulator.injectFault({ method: 'views.open', status: 429, retryAfter: 5, times: 1 });
    const refused = await h.driver.slashCommand({ userId: LEO, command: '/rm-join' });
    expect(refused.json).toBeUndefined();
    const note = await eventually(() => posts(LEO)[0], 3000, 'the "run it again" note after the 429');
    expect(note.text).toContain('run `/rm-join` again');
    expect(h.emulator.callsTo('views.open')).toHaveLength(opens + 1);

    // Slack said when to try again: until then nobody's /rm-join calls views.open; each is told at once.
    const paced = await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    expect(paced.json).toBeUndefined();
    const pacedNote = await eventually(() => posts(ZOE)[0], 3000, 'the note within Retry-After');
    expect(pacedNote.text).toContain('Slack is busy right now');
    expect(pacedNote.text).toContain('run `/rm-join` again');
    await settle();
    expect(h.emulator.callsTo('views.open')).toHaveLength(opens + 1);
    await eventually(async () => ((await inboxStatus(paced.triggerId!)) === 'done' ? true : undefined), 5000, 'done');
  });

  test("a coordinator's /rm-report is acked at once and its report follows on the response_url", async () => {
    pressure.busy = true;
    const before = posts(COORDINATOR).length;
    const report = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report' });
    expect(report.status).toBe(200);
    expect(report.json).toBeUndefined();
    const answer = await eventually(() => posts(COORDINATOR)[before], 10_000, 'the report');
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toContain('Spring');
    await eventually(async () => ((await inboxStatus(report.triggerId!)) === 'done' ? true : undefined), 5000, 'done');
  });

  test('a command with work to do (a coordinator’s /rm-admin match) is acked empty and answers on the response_url; calm again, answers are in the ack', async () => {
    pressure.busy = true;
    const before = posts(COORDINATOR).length;
    const match = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' });
    expect(match.status).toBe(200);
    expect(match.json).toBeUndefined();
    await eventually(() => posts(COORDINATOR)[before], 10_000, 'the answer on the response_url');

    pressure.busy = false;
    const calm = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(calm.json?.text).toContain('`/rm-admin open`');
    await settle();
    expect(posts(COORDINATOR)).toHaveLength(before + 1);
  });
});
