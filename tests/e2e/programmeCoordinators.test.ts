// Several programmes at once, each with its own coordinators (docs/coordinators.md): each coordinator sees and is
// told about their own programmes only; an admin of all (RM_COORDINATORS) sees everything; a command that could
// mean several programmes asks which one.
import { deliverHeld } from '../support/heldMessages.js';
import type { EphemeralMessage } from '../../src/devtools/emulator/index.js';
import { issueSignInLink, signInWithLink } from '../../src/flows/dashboardAccess.js';
import { outboxDrained, seedPair, seedProgramme, tickAt, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { openFrom, seedTopics } from '../support/feedbackFlows.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR as MARGARET, dmTexts, KLAUS } from '../support/programmeFlows.js';

const PRIYA = 'U0EMU0003';
const user = (slackUserId: string, timezone: string): Member => ({ slackUserId, timezone });
const ZOE = user('U0EMU0007', 'Europe/London'); // mentor of pair p, programme A
const AMARA = user('U0EMU0001', 'Europe/London'); // mentee of pair p
const LEO = user('U0EMU0008', 'Europe/London'); // mentor of pair q, programme B
const DANIEL = user('U0EMU0002', 'Europe/London'); // mentee of pair q
const A = 'Programme a';
const B = 'Programme b';

describe.each(testDatabaseKinds())('coordinators per programme on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [MARGARET], now: new Date('2026-03-02T09:00:00Z') });
    const db = h.bot.db.client;
    for (const id of ['a', 'b']) {
      await seedProgramme(db, id);
      await seedTopics(db, id);
    }
    await seedPair(db, 'a', 'p', ZOE, AMARA, '2026-03-04');
    await seedPair(db, 'b', 'q', LEO, DANIEL, '2026-03-04');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const db = () => h.bot.db.client;
  const dm = (userId: string) => h.emulator.channelFor([userId]);
  /**
   * Runs an `/rm-admin` command and returns what the person was shown: the ack's message, or (when the answer
   * took longer than the ack's budget on a busy machine) the one that followed through the response_url.
   */
  const admin = async (userId: string, text: string): Promise<EphemeralMessage> => {
    const before = h.emulator.ephemeralsIn(dm(userId)).length;
    const res = await h.driver.slashCommand({ userId, command: '/rm-admin', text });
    expect(res.status).toBe(200);
    return eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm(userId))
          .slice(before)
          .find((m) => m.user === userId),
      5000,
      `answer to /rm-admin ${text}`,
    );
  };
  const say = async (userId: string, text: string) => String((await admin(userId, text)).text);
  const choiceBlocks = (m: EphemeralMessage) =>
    ((m.blocks ?? []) as Array<{ block_id?: string; text?: { text: string } }>).filter((b) =>
      b.block_id?.startsWith('programme_choice_'),
    );
  async function choose(userId: string, m: EphemeralMessage, label: string) {
    const block = choiceBlocks(m).find((b) => b.text?.text.includes(label));
    if (!block) throw new Error(`no choice ${label}`);
    const res = await h.driver.blockAction({
      userId,
      actionId: 'admin_programme_choice',
      blockId: block.block_id!,
      container: { type: 'message', channelId: dm(userId), messageTs: m.ts, isEphemeral: true },
    });
    expect(res.status).toBe(200);
    return eventually(
      () => h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === res.responseUrl),
      5000,
      'the chosen command answered',
    );
  }
  const home = async (userId: string) => {
    const before = h.emulator.callsTo('views.publish').length;
    await h.driver.appHomeOpened(userId);
    await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    return JSON.stringify(h.emulator.homeViewFor(userId)?.blocks);
  };
  async function report(userId: string, text = ''): Promise<string> {
    const before = h.emulator.ephemeralsIn(dm(userId)).length;
    const ack = await h.driver.slashCommand({ userId, command: '/rm-report', text });
    expect(ack.status).toBe(200);
    if (ack.json?.text) return String(ack.json.text);
    const message = await eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm(userId))
          .slice(before)
          .find((m) => m.user === userId),
      10000,
      'report answer',
    );
    return JSON.stringify([message.text, message.blocks]);
  }

  test('a coordinator is added for a programme named, or for the programme chosen from buttons', async () => {
    expect(await say(MARGARET, `coordinator add <@${KLAUS}> ${A}`)).toBe(`<@${KLAUS}> is now a coordinator of *${A}*.`);
    // No programme named, two open: Margaret (an admin of all) chooses one of them, or every programme.
    const question = await admin(MARGARET, `coordinators add <@${PRIYA}>`);
    expect(question.text).toContain('Which programme');
    expect(choiceBlocks(question).map((b) => b.text?.text)).toEqual(
      expect.arrayContaining([`*${A}*`, `*${B}*`, '*Every programme*']),
    );
    expect(await db().programmeCoordinator.count({ where: { slackUserId: PRIYA } })).toBe(0);
    const chosen = await choose(MARGARET, question, B);
    expect(chosen.text).toBe(`<@${PRIYA}> is now a coordinator of *${B}*.`);
    expect(chosen.body).toMatchObject({ replace_original: true });
    const scoped = await db().programmeCoordinator.findMany({ where: { slackUserId: { in: [KLAUS, PRIYA] } } });
    expect(scoped.map((c) => [c.slackUserId, c.programmeId]).sort()).toEqual([
      [PRIYA, 'b'],
      [KLAUS, 'a'],
    ]);
  });

  test('a mention typed as text is no mention: Slack sends it escaped, and nobody is added', async () => {
    // What Slack sends for `/rm-admin coordinator add <@U…> <programme>` typed as plain text (should_escape on).
    const typed = await say(MARGARET, `coordinator add &lt;@${ZOE.slackUserId}&gt; ${A}`);
    expect(typed).toContain('Usage: `/rm-admin coordinator add @person');
    expect(await say(MARGARET, 'coordinator list')).not.toContain(ZOE.slackUserId);
  });

  test("a programme's coordinator manages its coordinators only; they see only their programme's", async () => {
    const before = await db().programmeCoordinator.count();
    expect(await say(KLAUS, `coordinator add <@${ZOE.slackUserId}> ${B}`)).toContain(`*${B}* is not one of your programmes`);
    expect(await say(KLAUS, `coordinator add <@${ZOE.slackUserId}> all`)).toBe(
      'Only a coordinator of every programme can change who coordinates every programme.',
    );
    expect(await say(KLAUS, `coordinator remove <@${PRIYA}> b`)).toContain('is not one of your programmes');
    expect(await db().programmeCoordinator.count()).toBe(before);
    expect(await db().coordinator.count()).toBe(0);
    const list = await say(KLAUS, 'coordinator list');
    expect(list).toContain(`Coordinators of every programme: <@${MARGARET}>.`);
    expect(list).toContain(`*${A}*: <@${KLAUS}>`);
    expect(list).not.toContain(B);
    expect(list).not.toContain(PRIYA);
  });

  test('App Home shows each coordinator their own programmes; an admin of all sees both', async () => {
    const klaus = await home(KLAUS);
    expect(klaus).toContain(A);
    expect(klaus).not.toContain(B);
    const priya = await home(PRIYA);
    expect(priya).toContain(B);
    expect(priya).not.toContain(A);
    const margaret = await home(MARGARET);
    expect(margaret).toContain(A);
    expect(margaret).toContain(B);
  });

  test('/rm-report: each coordinator gets their programme; the other one is refused; an admin of all gets both', async () => {
    const klaus = await report(KLAUS);
    expect(klaus).toContain(A);
    expect(klaus).not.toContain(B);
    const refused = await report(KLAUS, B);
    expect(refused).toContain(`*${B}* is not one of your programmes`);
    expect(refused).toContain(`You coordinate *${A}*`);
    const margaret = await report(MARGARET);
    expect(margaret).toContain(A);
    expect(margaret).toContain(B);
  });

  test('a command without a programme asks which one when there are several, and uses the only one otherwise', async () => {
    const question = await admin(MARGARET, 'close');
    expect(question.text).toContain('Which programme');
    expect(choiceBlocks(question).map((b) => b.text?.text)).toEqual([expect.any(String), expect.any(String)]);
    const confirm = await choose(MARGARET, question, A);
    expect(confirm.text).toContain(`Close *${A}*?`);
    // Klaus coordinates one programme: no question.
    expect(await say(KLAUS, 'close')).toContain(`Close *${A}*?`);
    const refused = await say(KLAUS, `close ${B}`);
    expect(refused).toContain(`*${B}* is not one of your programmes`);
    expect(refused).toContain('changed nothing');
    // A forged choice for another programme is checked like the command itself.
    const mine = question;
    const forged = await h.driver.raw({
      body: new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          user: { id: KLAUS },
          team: { id: h.emulator.workspace.teamId },
          channel: { id: dm(KLAUS) },
          trigger_id: h.emulator.issueTriggerId(KLAUS),
          response_url: h.emulator.issueResponseUrl({ userId: KLAUS, channelId: dm(KLAUS) }),
          api_app_id: h.emulator.workspace.appId,
          token: 'x',
          container: { type: 'message', message_ts: mine.ts, channel_id: dm(KLAUS), is_ephemeral: true },
          actions: [
            {
              action_id: 'admin_programme_choice',
              block_id: 'programme_choice_0',
              type: 'button',
              value: JSON.stringify({ words: ['close'], programme: 'b' }),
              action_ts: '1.2',
            },
          ],
        }),
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(forged.status).toBe(200);
    await eventually(
      () =>
        h.emulator
          .responseUrlPosts({ userId: KLAUS, via: 'response_url' })
          .find((p) => String(p.text).includes('is not one of your programmes')),
      5000,
      'the forged choice refused',
    );
    expect(await db().programme.count({ where: { status: 'closed' } })).toBe(0);
  });

  test("concerns reach the programme's own coordinators and the admins of all, nobody else", async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    for (const [pairingId, mentor] of [
      ['p', ZOE],
      ['q', LEO],
    ] as const) {
      const nudge = await eventually(
        async () => {
          const row = await db().outboxMessage.findUnique({ where: { idempotencyKey: `nudge:${pairingId}-ci1:1` } });
          return row?.status === 'sent' ? row : undefined;
        },
        5000,
        'nudge sent',
      );
      await h.driver.blockAction({
        userId: mentor.slackUserId,
        actionId: 'checkin_met',
        container: { type: 'message', channelId: nudge.channelId!, messageTs: nudge.messageTs! },
      });
    }
    const concerns = { p: 'Concern-for-programme-a', q: 'Concern-for-programme-b' };
    for (const [pairingId, mentee] of [
      ['p', AMARA],
      ['q', DANIEL],
    ] as const) {
      const view = await openFrom(
        h,
        mentee.slackUserId,
        `feedback-prompt:${pairingId}-ci1:${pairingId}-mentee`,
        'feedback_open',
        'feedback_checkin',
      );
      const res = await h.driver.fillAndSubmitModal({
        userId: mentee.slackUserId,
        viewId: view.id,
        answers: { rating: '3', learned: 'something', concern: concerns[pairingId], concern_consent: ['share'] },
      });
      expect(res.responseAction).toBe('update');
    }
    await outboxDrained(h);
    await deliverHeld(h, 'concern:'); // a concern waits for its coordinators' working hours (docs/delivery-times.md)
    const rows = await db().outboxMessage.findMany({ where: { kind: 'feedback.concern' } });
    const to = (concern: string) =>
      rows
        .filter((r) => r.payloadJson.includes(concern))
        .map((r) => r.channelId)
        .sort();
    expect(to(concerns.p)).toEqual([dm(KLAUS), dm(MARGARET)].sort());
    expect(to(concerns.q)).toEqual([dm(PRIYA), dm(MARGARET)].sort());
    await eventually(() => dmTexts(h, PRIYA).find((t) => t.includes(concerns.q)), 5000, 'concern DM to Priya');
    expect(dmTexts(h, PRIYA).join()).not.toContain(concerns.p);
    expect(dmTexts(h, KLAUS).join()).not.toContain(concerns.q);
  });

  test('the dashboard lists and opens only the programmes one coordinates', async () => {
    const deps = { db: db(), config: h.config };
    const base = `http://localhost:${h.bot.port}`;
    const signIn = async (userId: string) => {
      const link = await issueSignInLink(deps, userId, h.clock.now());
      if (!link.ok) throw new Error(link.message);
      const session = await signInWithLink(deps, link.value.token, h.clock.now());
      if (!session.ok) throw new Error(session.message);
      return { cookie: `rm_dashboard=${session.value.token}` };
    };
    const get = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
      return { status: res.status, body: await res.text() };
    };
    const klaus = await signIn(KLAUS);
    const list = await get('/admin/programmes', klaus);
    expect(list.status).toBe(200);
    expect(list.body).toContain(A);
    expect(list.body).not.toContain(B);
    expect((await get('/admin/programmes/a/roster', klaus)).status).toBe(200);
    for (const path of [
      '/admin/programmes/b/roster',
      '/admin/programmes/b/health',
      '/admin/programmes/b/exports/participants.csv',
    ]) {
      const other = await get(path, klaus);
      expect(other.status).toBe(403);
      expect(other.body).toContain('not one you coordinate');
      expect(other.body).not.toContain(LEO.slackUserId);
    }
    const margaret = await get('/admin/programmes', await signIn(MARGARET));
    expect(margaret.body).toContain(A);
    expect(margaret.body).toContain(B);
  });
});
