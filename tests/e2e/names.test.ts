import type { EphemeralMessage } from '../../src/devtools/emulator/conversations.js';
import { csvRecords } from '../support/csv.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  AMARA,
  COORDINATOR,
  joinWith,
  KLAUS,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openedModal,
  openProgramme,
  ZOE,
} from '../support/programmeFlows.js';

// Issue 18 item 5: people are shown by the name Slack shows for them (display name, else real name), in the
// matching preview, the report and its CSV files; the name follows their Slack profile (user_change).
// In the emulator's workspace: Zoe Martin (zoe.martin) shows as "Zoë", Amara Okafor as "Amara", Klaus Becker as
// "Klaus B."; Leo Nguyen (leo.nguyen) chose no display name, so Slack shows his real name.
const HANDLES = ['zoe.martin', 'leo.nguyen', 'amara.okafor', 'klaus.becker'];

async function namesInDb(h: Harness): Promise<Record<string, string>> {
  const rows = await h.bot.db.client.participant.findMany({ select: { slackUserId: true, displayName: true } });
  return Object.fromEntries(rows.map((r) => [r.slackUserId, r.displayName]));
}

/** The mrkdwn of a view's or message's sections. */
const sectionsText = (blocks: unknown[] | undefined): string =>
  ((blocks ?? []) as Array<{ type: string; text?: { text?: string } }>)
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '')
    .join('\n');

describe.each(testDatabaseKinds())('people shown by their names on %s', (kind) => {
  let h: Harness;
  const dm = () => h.emulator.channelFor([COORDINATOR]);

  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16' });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
    await joinWith(h, ZOE, { ...MENTOR_ANSWERS, capacity: '1', timezone: 'Europe/London' });
    await joinWith(h, LEO, { ...MENTOR_ANSWERS, capacity: '1', department: 'Engineering', timezone: 'America/Los_Angeles' });
    await joinWith(h, AMARA, { ...MENTEE_ANSWERS, timezone: 'Europe/London' });
    await joinWith(h, KLAUS, { ...MENTEE_ANSWERS, department: 'Engineering', timezone: 'Europe/Berlin' });
    await eventually(async () => (await h.bot.db.client.participant.count()) === 4, 5000, 'participants');
  }, 60000);
  afterAll(async () => {
    await h?.stop();
  });

  async function openPreview(): Promise<string> {
    const opens = h.emulator.callsTo('views.open').length;
    const ack = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' });
    expect(ack.status).toBe(200);
    const call = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
    const id = String((call.response.view as { id: string }).id);
    await eventually(() => h.emulator.view(id)?.callback_id === 'match_preview' || undefined, 10000, 'preview');
    return id;
  }

  async function rename(userId: string, displayName: string, eventId: string, expected = displayName) {
    h.emulator.renameUser(userId, { displayName });
    const res = await h.driver.userChange(userId, { eventId });
    expect(res.status).toBe(200);
    await eventually(async () => (await namesInDb(h))[userId] === expected || undefined, 5000, `name of ${userId}`);
  }

  async function report(): Promise<EphemeralMessage> {
    const before = h.emulator.ephemeralsIn(dm()).length;
    const ack = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: 'Spring 2026' });
    expect(ack.status).toBe(200);
    return eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm())
          .slice(before)
          .find((m) => m.text.startsWith('Programme health')),
      10000,
      'report',
    );
  }

  test('signup saves the name Slack shows: the display name, or the real name when there is none; never the handle', async () => {
    expect(await namesInDb(h)).toEqual({ [ZOE]: 'Zoë', [LEO]: 'Leo Nguyen', [AMARA]: 'Amara', [KLAUS]: 'Klaus B.' });
  });

  test('the matching preview lists people by name, not by handle or mention', async () => {
    const preview = await openPreview();
    const text = sectionsText(h.emulator.view(preview)?.blocks);
    expect(text).toMatch(/\*Zoë\* \(mentor\) with \*(Amara|Klaus B\.)\* \(mentee\)/);
    expect(text).toMatch(/\*Leo Nguyen\* \(mentor\) with \*(Amara|Klaus B\.)\* \(mentee\)/);
    for (const handle of HANDLES) expect(text).not.toContain(handle);
    expect(text).not.toContain('<@');
    await h.driver.closeView({ userId: COORDINATOR, viewId: preview });
  });

  test('a new display name (user_change) shows in the preview at once, escaped; the same event again changes nothing', async () => {
    const run = await h.bot.db.client.matchRun.findFirstOrThrow({ where: { status: 'draft' } });
    await rename(AMARA, 'Amara <O> & co', 'EvNAME0001');
    const updated = await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: AMARA } });
    // Slack's retry of the same event: nothing is written again.
    expect((await h.driver.userChange(AMARA, { eventId: 'EvNAME0001', retryNum: 1, retryReason: 'http_timeout' })).status).toBe(
      200,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: AMARA } })).updatedAt).toEqual(
      updated.updatedAt,
    );
    const preview = await openPreview();
    // A name changes nobody's match: the same draft, with the new name.
    expect((await h.bot.db.client.matchRun.findFirstOrThrow({ where: { status: 'draft' } })).id).toBe(run.id);
    const text = sectionsText(h.emulator.view(preview)?.blocks);
    expect(text).toContain('*Amara &lt;O&gt; &amp; co* (mentee)');
    expect(text).not.toContain('*Amara* (mentee)');
    // The name is the person's own text: never in the logs.
    expect(h.logLines.join('\n')).not.toContain('Amara <O>');

    // Approve: the introductions address the pair by mention (that is what a mention is for).
    const updates = h.emulator.callsTo('views.update').length;
    await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_approve', container: { type: 'view', viewId: preview } });
    await h.emulator.waitForCall('views.update', { count: updates + 1, timeoutMs: 10000 });
    await eventually(
      async () => (await h.bot.db.client.pairing.count({ where: { status: 'active' } })) === 2 || undefined,
      10000,
      'pairs',
    );
  });

  test('someone who clears their display name is shown by their real name', async () => {
    await rename(KLAUS, '', 'EvNAME0002', 'Klaus Becker');
  });

  test('/rm-report names the pairs at risk by name, and its CSV files carry the names', async () => {
    await h.bot.db.client.pairing.updateMany({
      where: { status: 'active' },
      data: { atRiskFlaggedAt: new Date('2026-03-02T09:00:00Z') },
    });
    const message = await report();
    const text = sectionsText(message.blocks);
    expect(text).toMatch(/\*Pairs at risk \(2\)\*/);
    expect(text).toMatch(/(Zoë|Leo Nguyen) and (Amara &lt;O&gt; &amp; co|Klaus Becker): never met/);
    for (const name of ['Zoë', 'Leo Nguyen', 'Amara &lt;O&gt; &amp; co', 'Klaus Becker']) expect(text).toContain(name);
    for (const handle of HANDLES) expect(text).not.toContain(handle);
    expect(text).not.toContain('<@');

    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'report_export_csv',
      container: { type: 'message', channelId: dm(), messageTs: message.ts, isEphemeral: true },
    });
    const files = await eventually(
      () => {
        const f = h.emulator.files.filter((x) => x.filename.endsWith('.csv') && x.completed);
        return f.length >= 5 ? f : undefined;
      },
      15000,
      'CSV files',
    );
    const csv = (name: string) => csvRecords(files.find((f) => f.filename.endsWith(name))!.bytes!.toString('utf8'));
    const people = Object.fromEntries(csv('participants.csv').map((r) => [r.slack_user_id, r.name]));
    expect(people).toEqual({ [ZOE]: 'Zoë', [LEO]: 'Leo Nguyen', [AMARA]: 'Amara <O> & co', [KLAUS]: 'Klaus Becker' });
    const pairs = csv('pairs.csv').map((r) => `${r.mentor_name} / ${r.mentee_name}`);
    expect(pairs).toHaveLength(2);
    for (const p of pairs) expect(p).toMatch(/^(Zoë|Leo Nguyen) \/ (Amara <O> & co|Klaus Becker)$/);
  });

  test('editing the profile saves the name Slack shows then', async () => {
    h.emulator.renameUser(LEO, { displayName: 'Leo N.' }); // no user_change: the edit alone brings it
    const ack = await h.driver.slashCommand({ userId: LEO, command: '/rm-join' });
    expect(ack.status).toBe(200);
    const view = await openedModal(h, LEO, 'signup');
    await h.driver.fillAndSubmitModal({ userId: LEO, viewId: view.id, answers: { goals: 'Show a leader our tools.' } });
    await eventually(async () => (await namesInDb(h))[LEO] === 'Leo N.' || undefined, 5000, 'edited name');
  });

  test('when users.info fails the modal still opens, and saving it keeps the name already known', async () => {
    h.emulator.injectFault({ method: 'users.info', error: 'fatal_error', times: 1 });
    const ack = await h.driver.slashCommand({ userId: LEO, command: '/rm-join' });
    expect(ack.status).toBe(200);
    const view = await openedModal(h, LEO, 'signup');
    expect(JSON.parse(view.private_metadata ?? '{}')).not.toHaveProperty('name');
    await h.driver.fillAndSubmitModal({ userId: LEO, viewId: view.id, answers: { goals: 'Show a leader our AI tools.' } });
    await eventually(
      async () =>
        (await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: LEO } })).goals.includes('AI') || undefined,
      5000,
      'saved edit',
    );
    expect((await namesInDb(h))[LEO]).toBe('Leo N.');
  });
});
