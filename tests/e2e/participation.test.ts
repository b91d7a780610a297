import { tick } from '../../src/jobs/tick.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { deliverHeld } from '../support/heldMessages.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  AMARA,
  COORDINATOR,
  dmTexts,
  joinWith,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openedModal,
  openProgramme,
  resend,
  ZOE,
} from '../support/programmeFlows.js';
import { containsDays } from '../support/slackDates.js';

const OUTSIDER = 'U0EMU0010';

/** The views.publish calls for this user's App Home (the app publishes it on open and after each change of theirs). */
const publishesFor = (h: Harness, userId: string) =>
  h.emulator.callsTo('views.publish').filter((c) => c.params.user_id === userId);

/** Waits until the app has published this user's Home `count` times; returns the last one's blocks as text. */
async function published(h: Harness, userId: string, count: number): Promise<string> {
  await h.emulator.waitUntil(() => publishesFor(h, userId).length >= count, 5000, `${count} views.publish for ${userId}`);
  return JSON.stringify(publishesFor(h, userId).at(-1)!.params.view);
}

/** Publishes App Home for the user and returns its blocks as text. */
async function home(h: Harness, userId: string): Promise<{ id: string; text: string }> {
  const before = publishesFor(h, userId).length;
  await h.driver.appHomeOpened(userId);
  await published(h, userId, before + 1);
  const view = h.emulator.homeViewFor(userId)!;
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  return { id: view.id, text: JSON.stringify(view.blocks) };
}

async function click(h: Harness, userId: string, actionId: string, value: string) {
  const view = h.emulator.homeViewFor(userId)!;
  const before = h.emulator.callsTo('views.publish').length;
  const res = await h.driver.blockAction({ userId, actionId, value, container: { type: 'view', viewId: view.id } });
  expect(res.status).toBe(200);
  return { res, before };
}

describe.each(testDatabaseKinds())('participation on %s', (kind) => {
  let h: Harness;
  let zoeId: string;
  let amaraId: string;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16' });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
    await joinWith(h, ZOE, MENTOR_ANSWERS);
    await joinWith(h, AMARA, MENTEE_ANSWERS);
    // Joining refreshes each one's Home: let that happen before the pair below exists.
    await published(h, ZOE, 1);
    await published(h, AMARA, 1);
    const db = h.bot.db.client;
    zoeId = (await db.participant.findFirstOrThrow({ where: { slackUserId: ZOE } })).id;
    amaraId = (await db.participant.findFirstOrThrow({ where: { slackUserId: AMARA } })).id;
    const programme = await db.programme.findFirstOrThrow();
    // A pair as the matching (issue 4) will create it.
    await db.pairing.create({
      data: { id: 'pair-zoe-amara', programmeId: programme.id, mentorId: zoeId, menteeId: amaraId, status: 'active' },
    });
    await db.checkIn.create({
      data: { id: 'ci-1', pairingId: 'pair-zoe-amara', sequence: 1, dueAt: new Date('2026-04-06T00:00:00Z') },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('App Home for a participant: status, profile, partner, next check-in and their buttons', async () => {
    const { text } = await home(h, ZOE);
    for (const expected of [
      'Spring 2026',
      'mentor (you teach)',
      'Active',
      `<@${AMARA}>`,
      'Social media and personal brand',
      'Edit profile',
      'Pause until...',
      'Leave the programme',
      'Export my data',
      'Delete my data',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(containsDays('Next check-in: [[Mon 6 Apr 2026]]'));
    expect(text).not.toContain('Coordinator');
  });

  test('App Home for a coordinator: each programme with its counts and the coordinator buttons', async () => {
    const { text } = await home(h, COORDINATOR);
    expect(text).toContain('1 mentors, 1 mentees, 1 pairs, 0 paused, 0 left');
    expect(text).toContain('Open a programme');
    const programme = await h.bot.db.client.programme.findFirstOrThrow();
    await click(h, COORDINATOR, 'home_preview_matching', programme.id);
    const preview = await eventually(
      () => {
        const v = h.emulator.lastViewFor(COORDINATOR);
        return v?.callback_id === 'match_preview' ? v : undefined;
      },
      5000,
      'matching preview',
    );
    expect(JSON.stringify(preview.blocks)).toContain('Approve and announce');
    await h.driver.closeView({ userId: COORDINATOR, viewId: preview.id });
    // Drafts never reach participants: nothing was sent to the pair.
    expect(dmTexts(h, ZOE).some((t) => t.toLowerCase().includes('draft'))).toBe(false);
  });

  test('App Home for anyone else: what the programme is and a Join button that opens the signup form', async () => {
    const { text } = await home(h, OUTSIDER);
    expect(text).toContain('junior colleague mentors a senior leader');
    expect(text).toContain('home_join');
    await click(h, OUTSIDER, 'home_join', 'join');
    const modal = await openedModal(h, OUTSIDER, 'signup');
    expect(JSON.stringify(modal.blocks)).toContain('Spring 2026');
    await h.driver.closeView({ userId: OUTSIDER, viewId: modal.id });
  });

  test('pause until a date (validated), then the scheduler resumes the person by itself on that day', async () => {
    await home(h, ZOE);
    await click(h, ZOE, 'home_pause', zoeId);
    const modal = await openedModal(h, ZOE, 'pause_until');
    const past = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: modal.id, answers: { pausedUntil: '2026-03-01' } });
    expect(past.json).toEqual({ response_action: 'errors', errors: { pausedUntil: 'Choose a day after today.' } });
    const tooLate = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: modal.id, answers: { pausedUntil: '2027-01-01' } });
    expect(tooLate.json?.errors).toEqual({ pausedUntil: expect.stringContaining('The programme ends on 2026-09-30') });
    const ok = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: modal.id, answers: { pausedUntil: '2026-03-20' } });
    expect(ok.json).toBeUndefined();
    const db = h.bot.db.client;
    expect(await db.participant.findUniqueOrThrow({ where: { id: zoeId } })).toMatchObject({
      status: 'paused',
      pausedUntil: new Date('2026-03-20T00:00:00Z'),
    });
    expect((await home(h, ZOE)).text).toMatch(containsDays('Paused until [[Fri 20 Mar 2026]]'));

    expect((await tick({ db }, new Date('2026-03-19T23:00:00Z'))).resumedParticipants).toBe(0);
    expect((await tick({ db }, new Date('2026-03-20T00:05:00Z'))).resumedParticipants).toBe(1);
    expect(await db.participant.findUniqueOrThrow({ where: { id: zoeId } })).toMatchObject({
      status: 'active',
      pausedUntil: null,
    });
  });

  test('Resume ends a pause early; someone else pressing the button changes nothing', async () => {
    const db = h.bot.db.client;
    await db.participant.update({
      where: { id: zoeId },
      data: { status: 'paused', pausedUntil: new Date('2026-05-01T00:00:00Z') },
    });
    await home(h, ZOE);
    // Leo forges a click with Zoe's participant id: refused silently, nothing changes.
    await h.driver.appHomeOpened(LEO);
    await h.emulator.waitUntil(() => h.emulator.homeViewFor(LEO) !== undefined, 5000);
    await h.driver.blockAction({
      userId: LEO,
      actionId: 'home_join',
      value: zoeId,
      container: { type: 'view', viewId: h.emulator.homeViewFor(LEO)!.id },
    });
    const { before } = await click(h, ZOE, 'home_resume', zoeId);
    await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    expect(await db.participant.findUniqueOrThrow({ where: { id: zoeId } })).toMatchObject({
      status: 'active',
      pausedUntil: null,
    });
  });

  test('Export my data: a DM with the profile as JSON, once per click even when Slack retries', async () => {
    await home(h, ZOE);
    const { res } = await click(h, ZOE, 'home_export', zoeId);
    await resend(h, res);
    const dm = await eventually(
      () =>
        h.emulator
          .messagesIn(h.emulator.channelFor([ZOE]))
          .find((m) => String(m.text).includes('Here is everything I store about you')),
      5000,
      'export DM',
    );
    const json = String(dm.text).slice(String(dm.text).indexOf('```') + 3, String(dm.text).lastIndexOf('```'));
    const data = JSON.parse(json);
    expect(data).toMatchObject({
      programme: 'Spring 2026',
      profile: { slackUserId: ZOE, role: 'mentor', department: 'Marketing' },
      topicsICanTeach: ['ai-new-tech', 'social-media'],
    });
    expect(data.feedback).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(dmTexts(h, ZOE).filter((t) => t.includes('Here is everything'))).toHaveLength(1);
  });

  test('a departure (user_change, deleted) twice: the person is marked once, their pair pauses, coordinators are told once', async () => {
    h.emulator.deleteUser(AMARA);
    await h.driver.userChange(AMARA, { eventId: 'EvLEFT01' });
    await h.driver.userChange(AMARA, { eventId: 'EvLEFT01', retryNum: 1, retryReason: 'http_timeout' });
    const db = h.bot.db.client;
    await eventually(
      async () => (await db.participant.findUniqueOrThrow({ where: { id: amaraId } })).status === 'departed',
      5000,
      'departed',
    );
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'pair-zoe-amara' } })).status).toBe('paused');
    // Nobody told of it did anything: the notices wait for working hours (docs/delivery-times.md).
    await deliverHeld(h, `participation-ended:${amaraId}:`);
    const notice = await eventually(
      () => dmTexts(h, COORDINATOR).find((t) => t.includes('has left the company')),
      5000,
      'coordinator notice',
    );
    expect(notice).toContain(`<@${ZOE}> is now without a pair`);
    // Zoe, left without a pair, hears it from the bot, kindly and once; the reason someone left is theirs.
    const told = await eventually(
      () => dmTexts(h, ZOE).find((t) => t.includes('has left the programme, so your pairing has stopped')),
      5000,
      'partner notice',
    );
    expect(told).not.toContain('company');
    await new Promise((r) => setTimeout(r, 300));
    expect(dmTexts(h, COORDINATOR).filter((t) => t.includes('has left the company'))).toHaveLength(1);
    expect(dmTexts(h, ZOE).filter((t) => t.includes('your pairing has stopped'))).toHaveLength(1);
    // The coordinator's Rematch for Zoe: no mentee is free, so nothing changes and the coordinator is told why.
    const dm = h.emulator.channelFor([COORDINATOR]);
    const withButton = h.emulator.messagesIn(dm).find((m) => String(m.text).includes('has left the company'))!;
    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'coordinator_rematch',
      container: { type: 'message', channelId: dm, messageTs: String(withButton.ts) },
    });
    const why = await eventually(
      () => h.emulator.responseUrlPosts({ userId: COORDINATOR }).find((p) => String(p.text).startsWith('Nobody available')),
      5000,
      'no partner',
    );
    expect(why.text).toContain(`Nobody available now can be paired with <@${ZOE}>`);
    expect(await db.pairing.count({ where: { mentorId: zoeId, status: 'active' } })).toBe(0);
    // History stays for reports.
    expect(await db.checkIn.count({ where: { pairingId: 'pair-zoe-amara' } })).toBe(1);
  });

  test('Leave the programme (after the confirm dialog): withdrawn, coordinators told, a goodbye DM', async () => {
    await joinWith(h, LEO, { ...MENTOR_ANSWERS, department: 'Engineering' });
    const db = h.bot.db.client;
    const leo = await db.participant.findFirstOrThrow({ where: { slackUserId: LEO } });
    await home(h, LEO);
    await click(h, LEO, 'home_leave', leo.id);
    await eventually(
      async () => (await db.participant.findUniqueOrThrow({ where: { id: leo.id } })).status === 'withdrawn',
      5000,
      'withdrawn',
    );
    await eventually(() => dmTexts(h, LEO).find((t) => t.includes('You have left Spring 2026')), 5000, 'goodbye');
    await deliverHeld(h, `participation-ended:${leo.id}:`);
    await eventually(
      () => dmTexts(h, COORDINATOR).find((t) => t.includes(`<@${LEO}> has left the programme`)),
      5000,
      'coordinator told',
    );
    const text = (await home(h, LEO)).text;
    expect(text).toContain('You left this programme');
    expect(text).not.toContain('Pause until...');
  });

  test('Delete my data from the /rm-join edit form: only anonymous counts remain', async () => {
    const db = h.bot.db.client;
    await db.feedback.create({
      data: {
        id: 'fb-1',
        answerKey: `checkin:ci-1:${zoeId}`,
        participantId: zoeId,
        checkInId: 'ci-1',
        kind: 'checkin',
        rating: 5,
        learned: 'private words',
      },
    });
    await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    const form = await openedModal(h, ZOE, 'signup');
    await h.driver.blockAction({
      userId: ZOE,
      actionId: 'home_erase',
      value: zoeId,
      container: { type: 'view', viewId: form.id },
    });
    await eventually(
      async () => (await db.participant.findUniqueOrThrow({ where: { id: zoeId } })).erasedAt !== null,
      5000,
      'erased',
    );
    const row = await db.participant.findUniqueOrThrow({
      where: { id: zoeId },
      include: { topics: true, avoid: true, feedback: true },
    });
    expect(row).toMatchObject({
      slackUserId: `erased:${zoeId}`,
      role: 'mentor',
      status: 'withdrawn',
      department: '',
      goals: '',
      title: '',
      managerSlackId: null,
      topics: [],
      avoid: [],
      feedback: [],
    });
    expect(await db.pairing.count({ where: { mentorId: zoeId } })).toBe(1); // pair history stays, anonymous
    await eventually(
      () => dmTexts(h, ZOE).find((t) => t.includes('Your data for Spring 2026 has been deleted')),
      5000,
      'erase DM',
    );
    // Every copy goes (issue 16): once the confirmation reached Zoe it forgets her too; the pair's reasons are cleared.
    await eventually(
      async () =>
        (await db.outboxMessage.findUnique({ where: { idempotencyKey: `erased:${zoeId}` } }))?.status === 'sent'
          ? true
          : undefined,
      5000,
      'confirmation marked sent',
    );
    const naming = await db.outboxMessage.findMany({
      where: { OR: [{ payloadJson: { contains: ZOE } }, { idempotencyKey: { contains: ZOE } }] },
    });
    expect(naming.map((m) => m.idempotencyKey)).toEqual([]);
    expect((await db.pairing.findMany({ where: { mentorId: zoeId } })).map((p) => p.reasonsJson)).toEqual(['[]']);
    await deliverHeld(h, `participation-ended:${zoeId}:`);
    expect(dmTexts(h, COORDINATOR).some((t) => t.includes('A participant has left the programme and deleted their data'))).toBe(
      true,
    );
    await eventually(
      () => JSON.stringify(h.emulator.view(form.id)?.blocks ?? '').includes('Only anonymous counts remain'),
      5000,
      'modal updated',
    );
    // Zoe is a stranger to the bot again: App Home shows the outsider's view.
    expect((await home(h, ZOE)).text).toContain('junior colleague mentors a senior leader');
  });
});
