// A participant's life through a programme's phases, through the emulator: role changes while paired, leaving (the
// partner and the coordinators told, the coordinator's Rematch button), coming back, pausing to one's own midnight,
// signup closing, and the end of the programme (open check-ins closed, phase in Home and in the report).
import { buildReport } from '../../src/flows/report.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { deliverHeld } from '../support/heldMessages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { outboxDrained, tickAt } from '../support/checkInFlows.js';
import {
  AMARA,
  COORDINATOR,
  dmTexts,
  joinWith,
  KLAUS,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openedModal,
  openProgramme,
  ZOE,
} from '../support/programmeFlows.js';
import { containsDays, withDays } from '../support/slackDates.js';
import { introChannels } from '../support/introductions.js';

const OUTSIDER = 'U0EMU0010';
const ROLE_FIXED =
  'You are paired as a mentor, so your role stays mentor while the pairing runs. Everything else here can change.';

const publishesFor = (h: Harness, userId: string) =>
  h.emulator.callsTo('views.publish').filter((c) => c.params.user_id === userId);

/** Waits until this user's Home was published `count` times; returns the last one's blocks as text. */
async function published(h: Harness, userId: string, count: number): Promise<string> {
  await h.emulator.waitUntil(() => publishesFor(h, userId).length >= count, 5000, `${count} views.publish for ${userId}`);
  return JSON.stringify(publishesFor(h, userId).at(-1)!.params.view);
}

/** Opens the Home tab: the app publishes it; its blocks as text. */
async function home(h: Harness, userId: string): Promise<string> {
  const before = publishesFor(h, userId).length;
  await h.driver.appHomeOpened(userId);
  return published(h, userId, before + 1);
}

async function clickHome(h: Harness, userId: string, actionId: string, value: string) {
  const view = h.emulator.homeViewFor(userId)!;
  const res = await h.driver.blockAction({ userId, actionId, value, container: { type: 'view', viewId: view.id } });
  expect(res.status).toBe(200);
  return res;
}

/** The modal /rm-join opens now (not one still open from before). */
async function joinModal(h: Harness, userId: string) {
  const earlier = h.emulator.lastViewFor(userId)?.id;
  await h.driver.slashCommand({ userId, command: '/rm-join' });
  await eventually(() => h.emulator.lastViewFor(userId)?.id !== earlier, 5000, `a new modal for ${userId}`);
  return openedModal(h, userId, 'signup');
}

/** The modal of /rm-join, submitted with `answers`; a modal refused with errors is closed after. */
async function submitJoin(h: Harness, userId: string, answers: Record<string, unknown>) {
  const view = await joinModal(h, userId);
  const res = await h.driver.fillAndSubmitModal({ userId, viewId: view.id, answers: answers as never });
  if (res.json) await h.driver.closeView({ userId, viewId: view.id });
  return { view, res };
}

describe.each(testDatabaseKinds())('participant lifecycle on %s', (kind) => {
  let h: Harness;
  const id = async (slackUserId: string) =>
    (await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId, erasedAt: null } })).id;
  const db = () => h.bot.db.client;

  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16' });
    await eventually(async () => (await db().programme.count()) === 1, 5000, 'programme');
    await joinWith(h, ZOE, MENTOR_ANSWERS);
    await joinWith(h, AMARA, MENTEE_ANSWERS);
    await joinWith(h, LEO, { ...MENTOR_ANSWERS, department: 'Engineering', capacity: '1' });
    for (const u of [ZOE, AMARA, LEO]) await published(h, u, 1); // joining refreshed each one's Home
    const programme = await db().programme.findFirstOrThrow();
    await db().pairing.create({
      data: {
        id: 'pair-zoe-amara',
        programmeId: programme.id,
        mentorId: await id(ZOE),
        menteeId: await id(AMARA),
        status: 'active',
        introducedAt: new Date('2026-03-02T09:00:00Z'),
      },
    });
    await db().checkIn.create({
      data: { id: 'ci-za-1', pairingId: 'pair-zoe-amara', sequence: 1, dueAt: new Date('2026-04-06T00:00:00Z') },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('a role change while paired is refused under the role; someone unpaired may switch, and their Home follows', async () => {
    const { res } = await submitJoin(h, ZOE, { role: 'mentee', capacity: '1' });
    expect(res.json).toEqual({ response_action: 'errors', errors: { role: ROLE_FIXED } });
    expect((await db().participant.findUniqueOrThrow({ where: { id: await id(ZOE) } })).role).toBe('mentor');
    // Everything else may change while paired.
    const edit = await submitJoin(h, ZOE, { department: 'Brand' });
    expect(edit.res.json).toBeUndefined();

    const before = publishesFor(h, LEO).length;
    const leo = await submitJoin(h, LEO, { role: 'mentee', capacity: '1' });
    expect(leo.res.json).toBeUndefined();
    expect(await published(h, LEO, before + 1)).toContain('mentee (you learn)');
    const back = await submitJoin(h, LEO, { role: 'mentor', capacity: '1' });
    expect(back.res.json).toBeUndefined();
    expect(await published(h, LEO, before + 2)).toContain('mentor (you teach)');
  });

  test('leaving: the partner is told kindly, the coordinators get a Rematch button that pairs that partner alone', async () => {
    const zoeId = await id(ZOE);
    const amaraId = await id(AMARA);
    await home(h, ZOE);
    const before = publishesFor(h, ZOE).length;
    await clickHome(h, ZOE, 'home_leave', zoeId);
    expect(await published(h, ZOE, before + 1)).toContain('You left this programme');
    expect((await db().pairing.findUniqueOrThrow({ where: { id: 'pair-zoe-amara' } })).status).toBe('paused');
    // The partner and the coordinators did nothing: their notices wait for working hours (docs/delivery-times.md).
    await deliverHeld(h, `participation-ended:${zoeId}:`);
    await deliverHeld(h, 'partner-left:pair-zoe-amara');

    const toAmara = await eventually(
      () => dmTexts(h, AMARA).find((t) => t.includes('has left the programme')),
      5000,
      'partner notice',
    );
    expect(toAmara).toContain('Your reverse-mentoring partner in Spring 2026 has left the programme');
    expect(toAmara).toContain('the coordinators may offer you a new partner');
    expect(toAmara).not.toContain(ZOE); // not named: nothing in it is Zoe's to erase later
    const dm = h.emulator.channelFor([COORDINATOR]);
    const notice = await eventually(
      () => h.emulator.messagesIn(dm).find((m) => String(m.text).includes(`<@${ZOE}> has left the programme`)),
      5000,
      'coordinator notice',
    );
    expect(String(notice.text)).toContain(`<@${AMARA}> is now without a pair`);
    const offer = JSON.stringify(notice.blocks);
    expect(offer).toContain('"action_id":"coordinator_rematch"');
    expect(offer).toContain(`"value":"${amaraId}"`);
    expect(offer).toContain('"confirm":{"type":"plain_text","text":"Rematch"');

    const press = (userId: string) =>
      h.driver.blockAction({
        userId,
        actionId: 'coordinator_rematch',
        container: { type: 'message', channelId: dm, messageTs: String(notice.ts) },
      });
    const replies = (userId: string) => h.emulator.responseUrlPosts({ userId }).map((p) => String(p.text));

    // Someone who is not a coordinator (a forged click) changes nothing.
    await press(KLAUS);
    await eventually(() => replies(KLAUS).find((t) => t.includes('Only programme coordinators')), 5000, 'refusal');
    expect(await db().pairing.count({ where: { menteeId: amaraId, status: 'active' } })).toBe(0);

    await press(COORDINATOR);
    const done = await eventually(() => replies(COORDINATOR).find((t) => t.startsWith('Paired')), 5000, 'rematched');
    expect(done).toContain(`Paired <@${AMARA}> with <@${LEO}>`);
    const pairs = await db().pairing.findMany({ where: { menteeId: amaraId }, include: { mentor: true, checkIns: true } });
    const fresh = pairs.find((p) => p.status === 'active')!;
    expect(fresh.mentor.slackUserId).toBe(LEO);
    expect(fresh.introducedAt).not.toBeNull();
    expect(fresh.checkIns).toHaveLength(1);
    expect(pairs.find((p) => p.id === 'pair-zoe-amara')).toMatchObject({ status: 'ended', endReason: 'partner_left' });
    // Its check-in was not due yet: cancelled, counted nowhere.
    expect((await db().checkIn.findUniqueOrThrow({ where: { id: 'ci-za-1' } })).status).toBe('cancelled');
    await deliverHeld(h, `match-intro:${fresh.id}`);
    // Los Angeles and London share no working hour: each is introduced in their own DM.
    const channels = await introChannels(h, fresh.id, LEO, AMARA);
    expect(channels).toEqual([h.emulator.channelFor([LEO]), h.emulator.channelFor([AMARA])]);
    for (const channel of channels)
      await eventually(
        () => h.emulator.messagesIn(channel).find((m) => String(m.text).includes('Meet your reverse-mentoring partner')),
        5000,
        'introduction',
      );
    // A second press (or another coordinator's) finds Amara paired.
    await press(COORDINATOR);
    await eventually(
      () => replies(COORDINATOR).find((t) => t.includes(`<@${AMARA}> already has a partner (<@${LEO}>)`)),
      5000,
      'second press',
    );
    expect(await db().pairing.count({ where: { menteeId: amaraId, status: 'active' } })).toBe(1);
  });

  test('someone who left and runs /rm-join again joins again (not "Edit your profile"), prefilled', async () => {
    const view = await joinModal(h, ZOE);
    expect(view.title?.text).toBe('Join the programme');
    const input = (b: string) => view.blocks.find((x) => x.block_id === b) as { element: Record<string, unknown> };
    expect(input('department').element.initial_value).toBe('Brand');
    const res = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: view.id, answers: {} });
    expect(res.json).toBeUndefined();
    expect(await db().participant.findUniqueOrThrow({ where: { id: await id(ZOE) } })).toMatchObject({
      status: 'active',
      leftAt: null,
    });
    await eventually(() => dmTexts(h, ZOE).find((t) => t.includes("You're in")), 5000, 'welcome back');
    expect(await home(h, ZOE)).toContain('Pause until...');
  });

  test('a pause ends at the start of the chosen day where the person is, and Home is published again', async () => {
    const leoId = await id(LEO);
    await home(h, LEO);
    await clickHome(h, LEO, 'home_pause', leoId);
    const modal = await openedModal(h, LEO, 'pause_until');
    const before = publishesFor(h, LEO).length;
    const ok = await h.driver.fillAndSubmitModal({ userId: LEO, viewId: modal.id, answers: { pausedUntil: '2026-03-20' } });
    expect(ok.json).toBeUndefined();
    expect(await published(h, LEO, before + 1)).toMatch(containsDays('Paused until [[Fri 20 Mar 2026]]'));
    // Leo is in Los Angeles (UTC-7 in March after the clocks change): his 20 March begins at 07:00 UTC.
    expect((await db().participant.findUniqueOrThrow({ where: { id: leoId } })).pausedUntil).toEqual(
      new Date('2026-03-20T07:00:00Z'),
    );
    expect((await tickAt(h, '2026-03-20T00:05:00Z')).resumedParticipants).toBe(0);
    expect((await tickAt(h, '2026-03-20T07:05:00Z')).resumedParticipants).toBe(1);
    h.clock.set(new Date('2026-03-10T09:00:00Z'));
  });

  test('after the deadline: /rm-join says when signup closed and whom to ask, Home offers no Join, people still edit', async () => {
    const before = await home(h, OUTSIDER); // published while signup is open: it has Join
    expect(before).toContain('home_join');
    h.clock.set(new Date('2026-03-17T09:00:00Z'));
    const closedText = withDays(
      `Signup for *Spring 2026* closed on [[Mon 16 Mar 2026]]. <@${COORDINATOR}> runs it: ask them about the next programme.`,
    );
    expect((await h.driver.slashCommand({ userId: OUTSIDER, command: '/rm-join' })).json?.text).toMatch(closedText);
    // Join on a Home published earlier: the same answer, in a notice.
    await clickHome(h, OUTSIDER, 'home_join', 'join');
    const notice = await openedModal(h, OUTSIDER, 'notice');
    expect(JSON.stringify(notice.blocks)).toMatch(containsDays('closed on [[Mon 16 Mar 2026]]'));
    await h.driver.closeView({ userId: OUTSIDER, viewId: notice.id });
    const after = await home(h, OUTSIDER);
    expect(after).not.toContain('home_join');
    expect(after).toContain('No programme is open for signup right now.');
    expect(await home(h, COORDINATOR)).toContain('*Spring 2026* (signup closed)');
    // Someone taking part still edits their profile.
    const edit = await submitJoin(h, AMARA, { goals: 'Still learning' });
    expect(edit.view.title?.text).toBe('Edit your profile');
    expect(edit.res.json).toBeUndefined();
  });

  test('the end: open check-ins close with the pairs, Home and the report say the programme has ended', async () => {
    const programme = await db().programme.findFirstOrThrow();
    expect(programme.endDate).toEqual(new Date('2026-09-30T00:00:00Z'));
    await tickAt(h, '2026-10-01T12:00:00Z');
    const checkIns = await db().checkIn.findMany({ where: { pairing: { programmeId: programme.id } } });
    expect(checkIns.filter((c) => c.status === 'due' || c.status === 'scheduled')).toEqual([]);
    expect(await db().pairing.count({ where: { status: { in: ['active', 'paused'] } } })).toBe(0);
    const built = await buildReport({ db: db() }, programme.id, h.clock.now());
    expect(built.ok && built.value.checkIns.open).toBe(0);

    const amara = await home(h, AMARA);
    expect(amara).toContain('The programme has ended: thank you for taking part');
    for (const gone of ['home_pause', 'home_edit_profile', 'home_leave']) expect(amara).not.toContain(gone);
    expect(amara).toContain('home_export');
    expect((await h.driver.slashCommand({ userId: AMARA, command: '/rm-join' })).json?.text).toContain(
      'No reverse-mentoring programme is open for signup right now',
    );

    const dm = h.emulator.channelFor([COORDINATOR]);
    const seen = h.emulator.ephemeralsIn(dm).length;
    await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: 'Spring 2026' });
    const report = await eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm)
          .slice(seen)
          .find((m) => m.user === COORDINATOR && JSON.stringify(m.blocks ?? []).includes('Programme health')),
      10000,
      'report',
    );
    // Its days are Slack date tokens (noon of each day in the coordinator's New York), fallbacks written out.
    const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    expect(JSON.stringify(report.blocks)).toMatch(
      new RegExp(
        `ended · <!date\\^${unix('2026-03-30T16:00:00Z')}\\^\\{date_long_pretty\\}\\|Mon 30 Mar 2026> to ` +
          `<!date\\^${unix('2026-09-30T16:00:00Z')}\\^\\{date_long_pretty\\}\\|Wed 30 Sept? 2026>`,
      ),
    );
    // A Rematch left on an old notice takes no new pairs in an ended programme.
    const notice = h.emulator.messagesIn(dm).find((m) => String(m.text).includes(`<@${ZOE}> has left the programme`))!;
    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'coordinator_rematch',
      container: { type: 'message', channelId: dm, messageTs: String(notice.ts) },
    });
    await eventually(
      () =>
        h.emulator
          .responseUrlPosts({ userId: COORDINATOR })
          .find((p) => String(p.text) === '*Spring 2026* has ended: it takes no new pairs.'),
      5000,
      'refused after the end',
    );
    await outboxDrained(h);
  });
});
