// Issue 16, items 1 and 8: text that people type (or that comes from a Slack profile) never mentions anyone, a
// channel or a group, and never disguises a link, in anything the bot sends; a refused pin keeps avoid lists private.
import { deliverHeld } from '../support/heldMessages.js';
import type { DriverResponse } from '../../src/devtools/emulator/index.js';
import { outboxDrained, sentRow, tickAt } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { openFrom } from '../support/feedbackFlows.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  COORDINATOR,
  joinWith,
  KLAUS,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openProgramme,
  ZOE,
  openedModal,
} from '../support/programmeFlows.js';

const DANIEL = 'U0EMU0002'; // America/Los_Angeles
// Amara (U0EMU0001) takes no part: every `<@U0EMU0001>` in what the bot sends could only come from typed text.
const TYPED_MENTION = '<@U0EMU0001>';
const PROGRAMME = 'Cohort <!everyone> 2027';
const LINK = '<https://evil.example/login|Confirm your session>';
const FORBIDDEN = ['<!everyone>', '<!here>', '<!channel>', '<!subteam', '<https://evil', TYPED_MENTION];

/**
 * Every string of a Web API call that Slack would parse: plain_text objects (headers, button labels, confirm
 * titles) and plain_text_input prefills are shown as typed and are left out.
 */
function parsedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) parsedStrings(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'plain_text') return out;
    // Plain strings Slack never parses for mentions or links: a button's screen-reader label is one of them.
    const plain = new Set(['initial_value', 'private_metadata', 'accessibility_label']);
    for (const [key, v] of Object.entries(o)) if (!plain.has(key)) parsedStrings(v, out);
  }
  return out;
}

describe.each(testDatabaseKinds())('hostile text on %s', (kind) => {
  let h: Harness;
  const acks: DriverResponse[] = [];
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  }, 30000);
  afterAll(async () => {
    await h?.stop();
  });

  /** Everything people were shown: every Web API call the app made, response_url posts, command acks. */
  function everythingSent(): string[] {
    return [
      ...h.emulator.calls.flatMap((c) => parsedStrings(c.params).map((s) => `${c.method}: ${s}`)),
      ...h.emulator.responseUrlPosts().flatMap((p) => parsedStrings(p.body).map((s) => `response_url: ${s}`)),
      ...acks.flatMap((a) => parsedStrings(a.json ?? {}).map((s) => `ack: ${s}`)),
    ];
  }

  test('a programme, profiles, a matching, a meeting, feedback, objectives, App Home and a report full of markup: nothing is live', async () => {
    const general = h.emulator.workspace.channels.find((c) => c.name === 'general')!.id;
    await openProgramme(h, {
      name: PROGRAMME,
      objectives: '<!here> learn together',
      startDate: '2026-03-30',
      signupDeadline: '2026-03-16',
      announcementChannel: general,
    });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
    // A Slack profile name is text too: Leo's display name is markup.
    h.emulator.renameUser(LEO, { displayName: '<!here>' });
    const hostile = { title: LINK, goals: TYPED_MENTION };
    await joinWith(h, ZOE, { ...MENTOR_ANSWERS, ...hostile, capacity: '1', department: '<!channel>', timezone: 'Europe/London' });
    await joinWith(h, LEO, {
      ...MENTOR_ANSWERS,
      ...hostile,
      capacity: '1',
      department: '<!subteam^S0EVIL01>',
      timezone: 'America/Los_Angeles',
    });
    await joinWith(h, KLAUS, { ...MENTEE_ANSWERS, ...hostile, department: LINK, timezone: 'Europe/Berlin' });
    await joinWith(h, DANIEL, {
      ...MENTEE_ANSWERS,
      ...hostile,
      department: `${TYPED_MENTION} & co`,
      timezone: 'America/Los_Angeles',
      avoidSlackIds: [ZOE],
    });
    await eventually(async () => (await h.bot.db.client.participant.count()) === 4, 5000, 'participants');
    expect((await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: LEO } })).displayName).toBe('<!here>');

    // A typed programme name in a command.
    acks.push(await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'close <!channel>' }));
    acks.push(await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: '<!here>' }));

    // The preview: names, departments and reasons.
    const opens = h.emulator.callsTo('views.open').length;
    acks.push(await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' }));
    const call = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
    const preview = String((call.response.view as { id: string }).id);
    await eventually(() => h.emulator.view(preview)?.callback_id === 'match_preview' || undefined, 10000, 'preview');

    // Item 8: a pin that Daniel's private avoid list forbids says only that the pair cannot be made.
    await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_pin_open', container: { type: 'view', viewId: preview } });
    const pinView = await openedModal(h, COORDINATOR, 'match_pin');
    const refused = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: pinView.id,
      answers: { mentor: ZOE, mentee: DANIEL },
    });
    const pinError = String((refused.json as { errors?: { mentor?: string } }).errors?.mentor);
    expect(pinError).toContain('this pair cannot be made');
    expect(pinError).not.toMatch(/avoid|asked|private/i);
    await h.driver.closeView({ userId: COORDINATOR, viewId: pinView.id });

    // Approve: group-DM introductions and the celebration in the announcement channel.
    const updates = h.emulator.callsTo('views.update').length;
    await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_approve', container: { type: 'view', viewId: preview } });
    await h.emulator.waitForCall('views.update', { count: updates + 1, timeoutMs: 10000 });
    const pairings = await eventually(
      async () => {
        const rows = await h.bot.db.client.pairing.findMany({ where: { status: 'active' }, include: { mentor: true } });
        return rows.length > 0 ? rows : undefined;
      },
      5000,
      'active pairs',
    );
    const pair = pairings[0]!;
    await deliverHeld(h, `match-intro:${pair.id}`); // introductions wait for the pair's working hours
    await sentRow(h, `match-intro:${pair.id}`);

    // The pair's objectives, typed.
    const objectives = await openFrom(h, pair.mentor.slackUserId, `match-intro:${pair.id}`, 'objectives_edit', 'pair_objectives');
    await h.driver.fillAndSubmitModal({
      userId: pair.mentor.slackUserId,
      viewId: objectives.id,
      answers: { objectives: `<!here> ${LINK}` },
    });

    // A meeting is logged; feedback with a concern shared with the coordinators.
    const checkIn = await h.bot.db.client.checkIn.findFirstOrThrow({ where: { pairingId: pair.id, sequence: 1 } });
    const due = checkIn.dueAt.toISOString().slice(0, 10);
    await tickAt(h, `${due}T10:05:00Z`);
    await tickAt(h, `${due}T18:05:00Z`);
    const nudge = await sentRow(h, `nudge:${checkIn.id}:1`);
    await h.driver.blockAction({
      userId: pair.mentor.slackUserId,
      actionId: 'checkin_met',
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    const feedback = await openFrom(
      h,
      pair.mentor.slackUserId,
      `feedback-prompt:${checkIn.id}:${pair.mentorId}`,
      'feedback_open',
      'feedback_checkin',
    );
    await h.driver.fillAndSubmitModal({
      userId: pair.mentor.slackUserId,
      viewId: feedback.id,
      answers: {
        rating: '4',
        learned: '<!here> we met',
        concern: `<!channel> ${LINK} ${TYPED_MENTION}`,
        concern_consent: ['share'],
      },
    });
    await eventually(async () => (await h.bot.db.client.feedback.count()) === 1, 5000, 'feedback saved');

    // App Home for the participant (their own feedback, their profile) and for the coordinator.
    for (const user of [pair.mentor.slackUserId, COORDINATOR]) {
      const before = h.emulator.callsTo('views.publish').length;
      await h.driver.appHomeOpened(user);
      await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    }
    // The report, by name.
    const report = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: PROGRAMME });
    acks.push(report);
    await eventually(
      () => h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === report.responseUrl),
      10000,
      'report',
    );
    await outboxDrained(h);

    const sent = everythingSent();
    const live = sent.filter((s) => FORBIDDEN.some((f) => s.includes(f)));
    expect(live).toEqual([]);
    // What people see instead: the text as typed (Slack shows &lt; as <).
    const all = sent.join('\n');
    for (const escaped of [
      'Cohort &lt;!everyone&gt; 2027',
      '&lt;!here&gt; learn together',
      '&lt;!channel&gt;',
      '&lt;!subteam^S0EVIL01&gt;',
      '&lt;https://evil.example/login|Confirm your session&gt;',
      '&lt;@U0EMU0001&gt; &amp; co',
      '&lt;!here&gt; we met',
    ]) {
      expect(all).toContain(escaped);
    }
    // The bot's own mentions are still live.
    expect(all).toContain(`<@${pair.mentor.slackUserId}>`);
  }, 120000);
});
