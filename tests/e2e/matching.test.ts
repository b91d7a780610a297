import type { DriverResponse } from '../../src/devtools/emulator/index.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { deliverHeld } from '../support/heldMessages.js';
import { introChannels } from '../support/introductions.js';
import {
  AMARA,
  COORDINATOR,
  dmTexts,
  joinWith,
  KLAUS,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openProgramme,
  resend,
  ZOE,
  openedModal,
} from '../support/programmeFlows.js';

const DANIEL = 'U0EMU0002'; // VP of Sales, America/Los_Angeles
const PRIYA = 'U0EMU0003'; // Head of Finance, Asia/Kolkata
const HEMI = 'U0EMU0006'; // not a coordinator, not a participant
const AISHA = 'U0EMU0009'; // Graduate Financial Analyst, Asia/Kolkata
const JONAS = 'U0EMU0010'; // a second coordinator

const MENTORS = [ZOE, LEO, AISHA];
const MENTEES = [AMARA, KLAUS, PRIYA, DANIEL];
const TZ: Record<string, string> = {
  [ZOE]: 'Europe/London',
  [LEO]: 'America/Los_Angeles',
  [AISHA]: 'Asia/Kolkata',
  [AMARA]: 'Europe/London',
  [KLAUS]: 'Europe/Berlin',
  [PRIYA]: 'Asia/Kolkata',
  [DANIEL]: 'America/Los_Angeles',
};

function viewText(h: Harness, viewId: string): string {
  return JSON.stringify(h.emulator.view(viewId)?.blocks ?? []);
}

/** /rm-admin match: the app acks, opens a modal and fills it with the draft. Returns the preview's view id. */
async function openPreview(h: Harness, userId: string, text = 'match'): Promise<string> {
  const opens = h.emulator.callsTo('views.open').length;
  const ack = await h.driver.slashCommand({ userId, command: '/rm-admin', text });
  expect(ack.status).toBe(200);
  const call = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
  const id = String((call.response.view as { id: string }).id);
  const view = await eventually(
    () => {
      const v = h.emulator.view(id);
      return v && v.callback_id === 'match_preview' && h.emulator.isViewOpen(v.id) ? v : undefined;
    },
    10000,
    `preview for ${userId}`,
  );
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  return view.id;
}

/** A button in the preview; waits for the preview to be updated. */
async function press(h: Harness, userId: string, viewId: string, actionId: string, blockId?: string) {
  const before = h.emulator.callsTo('views.update').length;
  const res = await h.driver.blockAction({
    userId,
    actionId,
    container: { type: 'view', viewId },
    ...(blockId ? { blockId } : {}),
  });
  expect(res.status).toBe(200);
  await h.emulator.waitForCall('views.update', { count: before + 1, timeoutMs: 10000 });
  return res;
}

async function draftRun(h: Harness) {
  return h.bot.db.client.matchRun.findFirstOrThrow({
    where: { status: 'draft' },
    include: { pairings: { include: { mentor: true, mentee: true } } },
  });
}

async function matchingOutbox(h: Harness) {
  return h.bot.db.client.outboxMessage.findMany({
    where: { kind: { in: ['pairing.intro', 'pairing.waitlist', 'programme.celebration'] } },
  });
}

/** The answer a command sent later through its response_url (after acking at once). */
async function answerOf(h: Harness, res: DriverResponse): Promise<string> {
  const post = await eventually(
    () => h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === res.responseUrl),
    5000,
    'response_url answer',
  );
  expect(post.status).toBe(200);
  return String(post.text ?? '');
}

describe.each(testDatabaseKinds())('matching on %s', (kind) => {
  let h: Harness;
  let preview: string;
  let general: string;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR, JONAS], now: new Date('2026-03-02T09:00:00Z') });
    general = h.emulator.workspace.channels.find((c) => c.name === 'general')!.id;
    await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16', announcementChannel: general });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
    const departments: Record<string, string> = {
      [ZOE]: 'Marketing',
      [LEO]: 'Engineering',
      [AISHA]: 'Finance',
      [AMARA]: 'Operations',
      [KLAUS]: 'Engineering',
      [PRIYA]: 'Finance',
      [DANIEL]: 'Sales',
    };
    for (const m of MENTORS) {
      await joinWith(h, m, {
        ...MENTOR_ANSWERS,
        capacity: '1',
        department: departments[m]!,
        timezone: TZ[m]!,
        ...(m === LEO ? { managerSlackId: KLAUS } : {}),
      });
    }
    for (const m of MENTEES) await joinWith(h, m, { ...MENTEE_ANSWERS, department: departments[m]!, timezone: TZ[m]! });
    await eventually(async () => (await h.bot.db.client.participant.count()) === 7, 5000, 'participants');
  }, 60000);
  afterAll(async () => {
    await h?.stop();
  });

  test('only coordinators can ask for a matching', async () => {
    const res = await h.driver.slashCommand({ userId: HEMI, command: '/rm-admin', text: 'match' });
    expect(res.json?.text).toContain('is for programme coordinators');
    expect(await h.bot.db.client.matchRun.count()).toBe(0);
  });

  test('/rm-admin match: a draft preview for the coordinator with scores, reasons, the waitlist and totals; nobody else hears of it', async () => {
    preview = await openPreview(h, COORDINATOR);
    const text = viewText(h, preview);
    expect(text).toContain('Draft matching: Spring 2026');
    expect(text).toContain('*3* pairs, *1* on the waitlist');
    expect(text).toContain('no mentor capacity left');
    expect(text).toMatch(/\*\d+\.\d\*\/100/);
    expect(text).toContain('Approve and announce');
    // Approving DMs the whole cohort: the button asks first, and says how many people (the emulator checks the dialog's limits).
    const approve = (
      h.emulator.view(preview)!.blocks.find((b) => b.block_id === 'match_controls')!.elements as Array<Record<string, unknown>>
    )[0]!;
    expect(approve.action_id).toBe('match_approve');
    expect(approve.confirm).toEqual({
      title: { type: 'plain_text', text: 'Approve and announce?', emoji: true },
      text: {
        type: 'plain_text',
        text: 'This will message 7 people (3 pairs): introduce each pair in a group DM and tell 1 person on the waitlist. It cannot be undone.',
        emoji: true,
      },
      confirm: { type: 'plain_text', text: 'Approve and announce', emoji: true },
      deny: { type: 'plain_text', text: 'Not yet', emoji: true },
      style: 'primary',
    });
    const run = await draftRun(h);
    expect(run.pairings).toHaveLength(3);
    expect(run.pairings.every((p) => p.status === 'draft')).toBe(true);
    // Leo's manager is Klaus: never the same reporting line.
    expect(run.pairings.some((p) => p.mentor.slackUserId === LEO && p.mentee.slackUserId === KLAUS)).toBe(false);
    // The same command again shows the same draft while nothing changed.
    await h.driver.closeView({ userId: COORDINATOR, viewId: preview });
    preview = await openPreview(h, COORDINATOR);
    expect((await draftRun(h)).id).toBe(run.id);
    expect(await h.bot.db.client.matchRun.count()).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await matchingOutbox(h)).toEqual([]);
    for (const u of [...MENTORS, ...MENTEES])
      expect(dmTexts(h, u).filter((t) => !t.includes('signed up') && !t.includes('Spring 2026'))).toEqual([]);
    expect(h.emulator.callsTo('conversations.open').filter((c) => String(c.params.users ?? '').includes(','))).toEqual([]);
  });

  test('a pin that breaks a hard constraint is refused with the reason; a valid pin re-matches around it', async () => {
    const before = await draftRun(h);
    await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_pin_open', container: { type: 'view', viewId: preview } });
    const pinView = await openedModal(h, COORDINATOR, 'match_pin');
    const refused = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: pinView.id,
      answers: { mentor: LEO, mentee: KLAUS },
    });
    expect(refused.json).toMatchObject({
      response_action: 'errors',
      errors: { mentor: expect.stringContaining('reporting_line') },
    });
    expect((await draftRun(h)).id).toBe(before.id);
    expect(await h.bot.db.client.matchRun.count()).toBe(1);

    const updates = h.emulator.callsTo('views.update').length;
    const ok = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: pinView.id,
      answers: { mentor: ZOE, mentee: DANIEL },
    });
    expect(ok.json).toBeUndefined();
    await h.emulator.waitForCall('views.update', { count: updates + 1, timeoutMs: 5000 });
    const after = await draftRun(h);
    expect(after.id).not.toBe(before.id);
    expect(after.pairings.find((p) => p.mentor.slackUserId === ZOE)).toMatchObject({
      pinned: true,
      mentee: expect.objectContaining({ slackUserId: DANIEL }),
    });
    expect(await h.bot.db.client.matchRun.count({ where: { status: 'superseded' } })).toBe(1);
    expect(viewText(h, preview)).toContain('Pinned');
  });

  test('swap two mentors (refused when it breaks a constraint), remove a pair, re-run', async () => {
    const run = await draftRun(h);
    const klausMentor = run.pairings.find((p) => p.mentee.slackUserId === KLAUS)?.mentor.slackUserId;
    // Swapping Leo into Klaus's pair would put him with his manager.
    if (klausMentor && klausMentor !== LEO) {
      await h.driver.blockAction({
        userId: COORDINATOR,
        actionId: 'match_swap_open',
        container: { type: 'view', viewId: preview },
      });
      const swapView = await openedModal(h, COORDINATOR, 'match_swap');
      const refused = await h.driver.fillAndSubmitModal({
        userId: COORDINATOR,
        viewId: swapView.id,
        answers: { personA: LEO, personB: klausMentor },
      });
      expect(refused.json).toMatchObject({
        response_action: 'errors',
        errors: { personA: expect.stringContaining('reporting_line') },
      });
      await h.driver.closeView({ userId: COORDINATOR, viewId: swapView.id });
    }
    const zoeBefore = run.pairings.find((p) => p.mentor.slackUserId === ZOE)!.mentee.slackUserId;
    const aishaBefore = run.pairings.find((p) => p.mentor.slackUserId === AISHA)?.mentee.slackUserId;
    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'match_swap_open',
      container: { type: 'view', viewId: preview },
    });
    const swapView = await openedModal(h, COORDINATOR, 'match_swap');
    const updates = h.emulator.callsTo('views.update').length;
    const ok = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: swapView.id,
      answers: { personA: ZOE, personB: AISHA },
    });
    expect(ok.json).toBeUndefined();
    await h.emulator.waitForCall('views.update', { count: updates + 1, timeoutMs: 5000 });
    const swapped = await draftRun(h);
    expect(swapped.id).toBe(run.id);
    expect(swapped.pairings.find((p) => p.mentor.slackUserId === AISHA)?.mentee.slackUserId).toBe(zoeBefore);
    expect(swapped.pairings.find((p) => p.mentor.slackUserId === ZOE)?.mentee.slackUserId).toBe(aishaBefore);

    // Remove Aisha's pair: both go to the waitlist.
    const removed = swapped.pairings.find((p) => p.mentor.slackUserId === AISHA)!;
    await press(h, COORDINATOR, preview, 'match_pair_remove', `pair_actions:${removed.id}`);
    const afterRemove = await draftRun(h);
    expect(afterRemove.pairings).toHaveLength(2);
    expect(viewText(h, preview)).toContain('removed by a coordinator');
    expect(viewText(h, preview)).toContain('*2* pairs, *3* on the waitlist');

    // Re-run: a new draft where those two are kept apart; pins stay.
    await press(h, COORDINATOR, preview, 'match_rerun');
    const rerun = await draftRun(h);
    expect(rerun.id).not.toBe(run.id);
    expect(rerun.pairings).toHaveLength(3);
    expect(rerun.pairings.some((p) => p.mentorId === removed.mentorId && p.menteeId === removed.menteeId)).toBe(false);
    expect(viewText(h, preview)).toContain('*3* pairs, *1* on the waitlist');
    expect(await matchingOutbox(h)).toEqual([]);
  });

  test('a non-coordinator pressing Approve is refused and nothing changes', async () => {
    const run = await draftRun(h);
    await h.driver.blockAction({ userId: HEMI, actionId: 'match_approve', container: { type: 'view', viewId: preview } });
    const notice = await eventually(
      () => {
        const v = h.emulator.lastViewFor(HEMI);
        return v && v.callback_id === 'notice' ? v : undefined;
      },
      5000,
      'refusal',
    );
    expect(JSON.stringify(notice.blocks)).toContain('Only programme coordinators');
    expect((await h.bot.db.client.matchRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('draft');
    expect(await matchingOutbox(h)).toEqual([]);
  });

  test('approving a stale draft (a profile changed since) is refused and nothing is stored', async () => {
    const run = await draftRun(h);
    await joinWith(h, PRIYA, { ...MENTEE_ANSWERS, department: 'Finance and Treasury', timezone: TZ[PRIYA]! });
    await eventually(
      async () =>
        (await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: PRIYA } })).department ===
        'Finance and Treasury',
      5000,
      'profile edit',
    );
    await press(h, COORDINATOR, preview, 'match_approve');
    expect(viewText(h, preview)).toContain('Profiles changed since this draft was computed');
    expect((await h.bot.db.client.matchRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('draft');
    expect(await h.bot.db.client.pairing.count({ where: { status: 'active' } })).toBe(0);
    expect(await matchingOutbox(h)).toEqual([]);
    const announce = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'announce' });
    expect(announce.json?.text).toContain('Approving the matching');
    expect(await answerOf(h, announce)).toContain('Profiles changed');
    await press(h, COORDINATOR, preview, 'match_rerun');
    expect((await draftRun(h)).id).not.toBe(run.id);
  });

  test('two coordinators approve at once: one wins; each pair gets one group DM, the waitlist a kind DM, the channel a celebration', async () => {
    const other = await openPreview(h, JONAS);
    const run = await draftRun(h);
    expect(viewText(h, other)).toContain(run.id);
    const before = h.emulator.callsTo('views.update').length;
    const [a, b] = await Promise.all([
      h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_approve', container: { type: 'view', viewId: preview } }),
      h.driver.blockAction({ userId: JONAS, actionId: 'match_approve', container: { type: 'view', viewId: other } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.emulator.waitForCall('views.update', { count: before + 2, timeoutMs: 10000 });
    const texts = [viewText(h, preview), viewText(h, other)];
    expect(texts.filter((t) => t.includes('Approved. 3 pairs'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('already approved'))).toHaveLength(1);

    const db = h.bot.db.client;
    const approved = await db.matchRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(approved.status).toBe('approved');
    expect([COORDINATOR, JONAS]).toContain(approved.approvedBySlackId);
    const pairs = await db.pairing.findMany({
      where: { status: 'active' },
      include: { mentor: true, mentee: true, checkIns: true },
    });
    expect(pairs).toHaveLength(3);
    const now = h.clock.now().getTime();
    // Introductions and the waitlist's word wait for each receiver's working hours (docs/delivery-times.md).
    await deliverHeld(h, 'match-');
    for (const p of pairs) {
      expect(p.introducedAt).not.toBeNull();
      expect(p.checkIns).toHaveLength(1);
      expect(p.checkIns[0]!.sequence).toBe(1);
      // approved on 2 March for a programme that starts on Monday 30 March: the last working day of its first week
      expect(p.checkIns[0]!.dueAt.toISOString()).toBe('2026-04-03T00:00:00.000Z');
      expect(p.checkIns[0]!.dueAt.getTime()).toBeGreaterThan(now);
      const channel = h.emulator.channelFor([p.mentor.slackUserId, p.mentee.slackUserId]);
      const intro = await eventually(() => h.emulator.messagesIn(channel)[0], 5000, 'intro');
      const all = `${String(intro.text)} ${JSON.stringify(intro.blocks)}`;
      expect(all).toContain(`<@${p.mentor.slackUserId}>`);
      expect(all).toContain(`<@${p.mentee.slackUserId}>`);
      expect(all).toContain(TZ[p.mentor.slackUserId]!);
      expect(all).toContain(TZ[p.mentee.slackUserId]!);
      for (const expected of [
        'Suggested first topics',
        'Tips for the mentor',
        'Tips for the mentee',
        'every 2 weeks',
        'first check-in is due',
        'I will nudge you',
        'working days',
        "This isn't working",
      ]) {
        expect(all).toContain(expected);
      }
    }
    const waitlisted = await db.participant.findFirstOrThrow({
      where: { role: 'mentee', menteePairings: { none: { status: 'active' } } },
    });
    await eventually(
      () => dmTexts(h, waitlisted.slackUserId).find((t) => t.includes('You are on the waitlist')),
      5000,
      'waitlist DM',
    );
    await eventually(
      () => h.emulator.messagesIn(general).find((m) => String(m.text).includes('has begun: 3 reverse-mentoring pairs')),
      5000,
      'celebration',
    );
  });

  test('approving again, a retried click or /rm-admin announce sends nothing twice', async () => {
    const run = await h.bot.db.client.matchRun.findFirstOrThrow({ where: { status: 'approved' } });
    const res = await press(h, COORDINATOR, preview, 'match_approve').catch(() => undefined);
    if (res) await resend(h, res);
    const announce = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'announce' });
    expect(await answerOf(h, announce)).toContain('already approved');
    await new Promise((r) => setTimeout(r, 400));
    const db = h.bot.db.client;
    expect(await db.pairing.count({ where: { status: 'active' } })).toBe(3);
    expect(await db.checkIn.count()).toBe(3);
    const rows = await matchingOutbox(h);
    expect(rows.filter((r) => r.kind === 'pairing.intro')).toHaveLength(3);
    expect(rows.filter((r) => r.kind === 'pairing.waitlist')).toHaveLength(1);
    expect(rows.filter((r) => r.kind === 'programme.celebration')).toHaveLength(1);
    for (const p of await db.pairing.findMany({ where: { status: 'active' }, include: { mentor: true, mentee: true } })) {
      expect(h.emulator.messagesIn(h.emulator.channelFor([p.mentor.slackUserId, p.mentee.slackUserId]))).toHaveLength(1);
    }
    expect(h.emulator.messagesIn(general).filter((m) => String(m.text).includes('has begun'))).toHaveLength(1);
    expect((await db.matchRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('approved');
  });

  test('"This isn\'t working" tells only the coordinators; a departure too; the rematch covers only the people affected and waits for approval', async () => {
    const db = h.bot.db.client;
    const pairs = await db.pairing.findMany({
      where: { status: 'active' },
      include: { mentor: true, mentee: true },
      orderBy: { id: 'asc' },
    });
    const [unhappy, leaving, intact] = pairs as [(typeof pairs)[number], (typeof pairs)[number], (typeof pairs)[number]];
    const unhappyChannel = h.emulator.channelFor([unhappy.mentor.slackUserId, unhappy.mentee.slackUserId]);
    const intro = h.emulator.messagesIn(unhappyChannel)[0]!;
    // Someone outside the pair cannot use the button.
    await h.driver.blockAction({
      userId: HEMI,
      actionId: 'pair_not_working',
      container: { type: 'message', channelId: unhappyChannel, messageTs: intro.ts },
    });
    await eventually(
      () => h.emulator.responseUrlPosts({ userId: HEMI }).find((p) => JSON.stringify(p).includes('Only the two people')),
      5000,
      'refusal',
    );
    expect((await db.pairing.findUniqueOrThrow({ where: { id: unhappy.id } })).status).toBe('active');

    await h.driver.blockAction({
      userId: unhappy.mentee.slackUserId,
      actionId: 'pair_not_working',
      container: { type: 'message', channelId: unhappyChannel, messageTs: intro.ts },
    });
    await eventually(
      () =>
        h.emulator
          .responseUrlPosts({ userId: unhappy.mentee.slackUserId })
          .find((p) => JSON.stringify(p).includes('Only the programme coordinators')),
      5000,
      'private answer',
    );
    await deliverHeld(h, 'rematch-request:');
    await eventually(() => dmTexts(h, COORDINATOR).find((t) => t.includes("isn't working")), 5000, 'coordinator told');
    expect(h.emulator.messagesIn(unhappyChannel)).toHaveLength(1);
    expect(dmTexts(h, unhappy.mentor.slackUserId).some((t) => t.includes("isn't working"))).toBe(false);
    expect(await db.pairing.findUniqueOrThrow({ where: { id: unhappy.id } })).toMatchObject({
      status: 'paused',
      endReason: 'rematch_requested',
    });

    h.emulator.deleteUser(leaving.mentee.slackUserId);
    await h.driver.userChange(leaving.mentee.slackUserId, { eventId: 'EvMATCHLEFT1' });
    await eventually(
      async () => (await db.pairing.findUniqueOrThrow({ where: { id: leaving.id } })).status === 'paused',
      5000,
      'departure',
    );

    const introsBefore = (await matchingOutbox(h)).filter((r) => r.kind === 'pairing.intro').length;
    const rematchView = await openPreview(h, COORDINATOR);
    expect(viewText(h, rematchView)).toContain('1 existing pair stay');
    const draft = await draftRun(h);
    const waitlisted = await db.participant.findFirstOrThrow({
      where: { role: 'mentee', status: 'active', menteePairings: { none: { status: { not: 'draft' } } } },
    });
    const affected = new Set([unhappy.mentorId, unhappy.menteeId, leaving.mentorId, waitlisted.id]);
    expect(draft.pairings.length).toBeGreaterThan(0);
    for (const p of draft.pairings) {
      expect(affected.has(p.mentorId)).toBe(true);
      expect(affected.has(p.menteeId)).toBe(true);
      expect(p.mentorId === unhappy.mentorId && p.menteeId === unhappy.menteeId).toBe(false);
    }
    expect(
      draft.pairings.some(
        (p) => [intact.mentorId, intact.menteeId].includes(p.mentorId) || [intact.mentorId, intact.menteeId].includes(p.menteeId),
      ),
    ).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect((await matchingOutbox(h)).filter((r) => r.kind === 'pairing.intro')).toHaveLength(introsBefore);

    const announce = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'announce' });
    expect(await answerOf(h, announce)).toContain('Approved.');
    expect(await db.pairing.findUniqueOrThrow({ where: { id: unhappy.id } })).toMatchObject({
      status: 'ended',
      endReason: 'rematch_requested',
    });
    expect((await db.pairing.findUniqueOrThrow({ where: { id: leaving.id } })).status).toBe('ended');
    expect((await db.pairing.findUniqueOrThrow({ where: { id: intact.id } })).status).toBe('active');
    await deliverHeld(h, 'match-intro:'); // the new pairs' introductions wait for their working hours
    for (const p of draft.pairings) {
      // In the pair's group DM, or (no working hour in common) in each member's own DM.
      for (const channel of await introChannels(h, p.id, p.mentor.slackUserId, p.mentee.slackUserId))
        await eventually(
          () => h.emulator.messagesIn(channel).find((m) => String(m.text).includes('Meet your reverse-mentoring partner')),
          5000,
          'rematch intro',
        );
    }
    // No second celebration for a rematch.
    expect(h.emulator.messagesIn(general).filter((m) => String(m.text).includes('has begun'))).toHaveLength(1);
    expect(h.emulator.messagesIn(h.emulator.channelFor([intact.mentor.slackUserId, intact.mentee.slackUserId]))).toHaveLength(1);
  });
});
