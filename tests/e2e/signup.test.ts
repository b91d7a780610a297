import type { Answers } from '../../src/devtools/emulator/index.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
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
  resend,
  ZOE,
} from '../support/programmeFlows.js';
import { containsDays, withDays } from '../support/slackDates.js';

describe.each(testDatabaseKinds())('programmes and signup on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('before any programme, /rm-join says none is open', async () => {
    const res = await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    expect(res.json?.text).toContain('No reverse-mentoring programme is open');
  });

  test('a coordinator removed while the modal is open cannot open the programme; the right is told before the form', async () => {
    const FORMER = 'U0EMU0010'; // a colleague no other test here uses
    const admin = (userId: string, text: string) => h.driver.slashCommand({ userId, command: '/rm-admin', text });
    expect((await admin(COORDINATOR, `coordinator add <@${FORMER}>`)).status).toBe(200);
    expect((await admin(FORMER, 'open')).status).toBe(200);
    const view = await openedModal(h, FORMER, 'programme_open');
    expect((await admin(COORDINATOR, `coordinator remove <@${FORMER}>`)).status).toBe(200);
    const attempts: Answers[] = [{ name: 'Hijacked' }, { name: null, startDate: '2026-04-01', signupDeadline: '2026-02-20' }];
    for (const answers of attempts) {
      const res = await h.driver.fillAndSubmitModal({ userId: FORMER, viewId: view.id, answers, force: true });
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { name: 'Only programme coordinators can open a programme.' },
      });
    }
    expect(await h.bot.db.client.programme.count()).toBe(0);
  });

  test('a coordinator opens a programme; bad dates are shown inline and nothing is stored', async () => {
    const bad = await openProgramme(h, { startDate: '2026-04-01', signupDeadline: '2026-02-20' });
    expect(bad.res.json).toEqual({
      response_action: 'errors',
      errors: { signupDeadline: 'The signup deadline has already passed: choose today or later.' },
    });
    const late = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: bad.view.id,
      answers: { startDate: '2026-04-01', signupDeadline: '2026-04-10', name: null },
      force: true,
    });
    expect(late.json?.errors).toEqual({
      signupDeadline: 'Signup must close on or before the start date.',
      name: 'Give the programme a name.',
    });
    expect(await h.bot.db.client.programme.count()).toBe(0);

    const ok = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: bad.view.id,
      answers: {
        name: 'Spring 2026',
        startDate: '2026-03-30',
        signupDeadline: '2026-03-16',
        durationMonths: '6',
        cadenceDays: '21',
        minSeniorityGap: '2',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toBeUndefined(); // the modal closes
    // Slack retries / a double click: the same submission again opens no second programme.
    expect((await resend(h, ok)).status).toBe(200);
    const programmes = await h.bot.db.client.programme.findMany({ include: { topics: true } });
    expect(programmes).toHaveLength(1);
    expect(programmes[0]).toMatchObject({
      name: 'Spring 2026',
      status: 'open',
      durationMonths: 6,
      cadenceDays: 21,
      minSeniorityGap: 2,
      startDate: new Date('2026-03-30T00:00:00Z'),
      endDate: new Date('2026-09-30T00:00:00Z'),
      signupDeadline: new Date('2026-03-16T00:00:00Z'),
    });
    expect(programmes[0]!.topics).toHaveLength(13);
    await eventually(
      () => dmTexts(h, COORDINATOR).find((t) => t.includes('Spring 2026 is open for signup')),
      5000,
      'coordinator DM',
    );
    expect(dmTexts(h, COORDINATOR)).toHaveLength(1);
    // Its days are Slack date tokens: each reader sees them in their own locale.
    const opened = h.emulator.messagesIn(h.emulator.channelFor([COORDINATOR]))[0]!;
    expect(JSON.stringify(opened.blocks)).toMatch(
      containsDays('Signup is open until [[Mon 16 Mar 2026]]; the programme starts on [[Mon 30 Mar 2026]]'),
    );
  });

  test('anyone else asking to open a programme is refused and nothing changes', async () => {
    const res = await h.driver.slashCommand({ userId: ZOE, command: '/rm-admin', text: 'open' });
    expect(res.json?.text).toContain('is for programme coordinators');
    expect(h.emulator.lastViewFor(ZOE)).toBeUndefined();
    expect(await h.bot.db.client.programme.count()).toBe(1);
  });

  test('a coordinator shares the role; the new coordinator can open programmes; only Slack-added ones can be removed', async () => {
    const say = (userId: string, text: string) =>
      h.driver.slashCommand({ userId, command: '/rm-admin', text }).then((r) => String(r.json?.text));
    expect(await say(ZOE, `coordinator add <@${KLAUS}|klaus>`)).toContain('is for programme coordinators');
    expect(await say(COORDINATOR, 'coordinator add klaus')).toContain('Usage: `/rm-admin coordinator add @person');
    expect(await say(COORDINATOR, `coordinator add <@${KLAUS}|klaus.becker> all`)).toBe(
      `<@${KLAUS}> is now a coordinator of every programme.`,
    );
    expect(await say(COORDINATOR, `coordinator add <@${KLAUS}> ALL`)).toBe(
      `<@${KLAUS}> is already a coordinator of every programme.`,
    );
    expect(await say(KLAUS, 'coordinator list')).toContain(`Coordinators of every programme: <@${KLAUS}>, <@${COORDINATOR}>.`);
    expect(await say(KLAUS, `coordinator remove <@${COORDINATOR}> all`)).toContain('RM_COORDINATORS');
    expect(await say(KLAUS, 'help')).toContain('What coordinators can do');
    expect(await say(COORDINATOR, `coordinator remove <@${KLAUS}> all`)).toBe(
      `<@${KLAUS}> is no longer a coordinator of every programme.`,
    );
    expect(await say(KLAUS, 'help')).toContain('is for programme coordinators');
    expect(await h.bot.db.client.coordinator.count()).toBe(0);
  });

  test('/rm-join opens the modal within the trigger window, prefilled from Slack', async () => {
    h.emulator.reset();
    await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    const view = await openedModal(h, ZOE, 'signup');
    const open = h.emulator.callsTo('views.open')[0]!;
    expect(open.response.ok).toBe(true);
    const input = (id: string) => view.blocks.find((b) => b.block_id === id) as { element: Record<string, unknown> };
    expect(input('title').element.initial_value).toBe('Marketing Associate, Marketing');
    expect(input('timezone').element.initial_value).toBe('Europe/London');
    expect((input('teaches').element.options as unknown[]).length).toBe(13);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  test('every validation problem shows inline under its field, and nothing is stored', async () => {
    const view = await openedModal(h, ZOE, 'signup');
    // What a tampered or buggy client could send: bypasses the client-side limits.
    const values = structuredClone(view.state.values);
    const set = (block: string, state: Record<string, unknown>) => {
      values[block] = { value: { type: 'x', ...state } };
    };
    set('role', { type: 'radio_buttons', selected_option: null });
    set('teaches', { type: 'multi_static_select', selected_options: [] });
    set('learns', { type: 'multi_static_select', selected_options: [{ value: 'astrology' }] });
    set('goals', { type: 'plain_text_input', value: 'x'.repeat(1001) });
    set('managerSlackId', { type: 'users_select', selected_user: ZOE });
    set('avoidSlackIds', { type: 'multi_users_select', selected_users: [ZOE] });
    set('department', { type: 'plain_text_input', value: '' });
    set('timezone', { type: 'plain_text_input', value: 'Mars/Olympus' });
    const res = await h.driver.submitView({ userId: ZOE, viewId: view.id, values });
    expect(res.json?.response_action).toBe('errors');
    expect(res.json?.errors).toEqual({
      role: 'Choose whether you join as a mentor or a mentee.',
      teaches: 'Choose at least one topic you can teach.',
      learns: 'Choose topics from the list.',
      seniorityLevel: 'Choose your career stage.',
      meetingPreference: 'Choose how you prefer to meet.',
      goals: 'Keep your goals under 1000 characters (now 1001).',
      managerSlackId: 'You cannot be your own manager.',
      avoidSlackIds: 'You cannot list yourself here.',
      department: 'Tell us your department.',
      timezone: 'Choose your time zone.',
    });
    expect(h.emulator.viewErrors(view.id)).toMatchObject({ role: expect.any(String) });

    set('role', { type: 'radio_buttons', selected_option: { value: 'mentor' } });
    set('teaches', { type: 'multi_static_select', selected_options: [{ value: 'social-media' }] });
    set('learns', { type: 'multi_static_select', selected_options: [{ value: 'leadership' }] });
    set('goals', { type: 'plain_text_input', value: 'ok' });
    set('department', { type: 'plain_text_input', value: 'Marketing' });
    set('timezone', { type: 'plain_text_input', value: 'Europe/London' });
    set('managerSlackId', { type: 'users_select', selected_user: AMARA });
    set('avoidSlackIds', { type: 'multi_users_select', selected_users: [AMARA] });
    set('capacity', { type: 'static_select', selected_option: { value: '3' } });
    set('seniorityLevel', { type: 'static_select', selected_option: { value: '2' } });
    set('meetingPreference', { type: 'radio_buttons', selected_option: { value: 'video' } });
    const second = await h.driver.submitView({ userId: ZOE, viewId: view.id, values });
    expect(second.json?.errors).toEqual({
      avoidSlackIds: 'Your manager is never paired with you anyway: no need to list them.',
      capacity: 'A mentor takes 1 or 2 mentees.',
    });
    expect(await h.bot.db.client.participant.count()).toBe(0);
    expect(await h.bot.db.client.outboxMessage.count({ where: { kind: { startsWith: 'signup' } } })).toBe(0);
  });

  test('a full signup stores one profile and sends one confirmation DM, even when submitted twice', async () => {
    const view = await openedModal(h, ZOE, 'signup');
    const answers = { ...MENTOR_ANSWERS, managerSlackId: AMARA, avoidSlackIds: [LEO] };
    const first = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: view.id, answers });
    expect(first.status).toBe(200);
    expect(first.json).toBeUndefined();
    expect((await resend(h, first)).status).toBe(200); // a double click, or Slack retrying
    const db = h.bot.db.client;
    const rows = await db.participant.findMany({ include: { topics: true, avoid: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      slackUserId: ZOE,
      role: 'mentor',
      seniorityLevel: 2,
      generation: 'gen-z',
      department: 'Marketing',
      managerSlackId: AMARA,
      meetingPreference: 'video',
      capacity: 2,
      timezone: 'Europe/London',
      title: 'Marketing Associate, Marketing',
      status: 'active',
    });
    expect(rows[0]!.topics.map((t) => `${t.kind}:${t.topicKey}`).sort()).toEqual([
      'learn:leadership',
      'learn:strategy',
      'teach:ai-new-tech',
      'teach:social-media',
    ]);
    expect(rows[0]!.avoid.map((a) => a.avoidSlackUserId)).toEqual([LEO]);

    const dm = await eventually(
      () => h.emulator.messagesIn(h.emulator.channelFor([ZOE])).find((m) => String(m.text).includes("You're in")),
      5000,
      'confirmation DM',
    );
    const body = JSON.stringify(dm.blocks);
    expect(body).toContain('Social media and personal brand');
    expect(body).toMatch(containsDays('Signup closes on [[Mon 16 Mar 2026]]'));
    expect(body).toMatch(containsDays('starts on [[Mon 30 Mar 2026]]'));
    expect(body).toContain('Tips for young mentors');
    expect(body).toContain('Celebrate small wins');
    expect(body).toContain('You asked not to be paired with 1 person');
    await new Promise((r) => setTimeout(r, 200));
    expect(dmTexts(h, ZOE).filter((t) => t.includes("You're in"))).toHaveLength(1);
  });

  test('someone already registered gets the same modal prefilled, and can edit', async () => {
    await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    const view = await openedModal(h, ZOE, 'signup');
    const input = (id: string) => view.blocks.find((b) => b.block_id === id) as { element: Record<string, unknown> };
    expect((input('role').element.initial_option as { value: string }).value).toBe('mentor');
    expect(input('department').element.initial_value).toBe('Marketing');
    expect(input('avoidSlackIds').element.initial_users).toEqual([LEO]);
    expect(JSON.stringify(view.blocks)).toContain('Delete my data');
    const res = await h.driver.fillAndSubmitModal({
      userId: ZOE,
      viewId: view.id,
      answers: { department: 'Brand', learns: ['leadership'] },
    });
    expect(res.json).toBeUndefined();
    const zoe = await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: ZOE }, include: { topics: true } });
    expect(zoe.department).toBe('Brand');
    expect(zoe.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey)).toEqual(['leadership']);
    expect(await h.bot.db.client.participant.count()).toBe(1);
    await eventually(() => dmTexts(h, ZOE).find((t) => t.includes('profile for Spring 2026 is updated')), 5000, 'update DM');
  });

  test('a mentee signs up with the senior guidance', async () => {
    await joinWith(h, AMARA, MENTEE_ANSWERS);
    const dm = await eventually(
      () => h.emulator.messagesIn(h.emulator.channelFor([AMARA])).find((m) => String(m.text).includes("You're in")),
      5000,
      'mentee DM',
    );
    expect(JSON.stringify(dm.blocks)).toContain('Leave the ego aside');
    expect(await h.bot.db.client.participant.count({ where: { role: 'mentee' } })).toBe(1);
  });

  test('with several programmes open the person chooses one', async () => {
    await openProgramme(h, { name: 'Autumn 2026', startDate: '2026-09-01', signupDeadline: '2026-08-15' });
    await eventually(async () => (await h.bot.db.client.programme.count()) === 2, 5000, 'second programme');
    const res = await h.driver.slashCommand({ userId: KLAUS, command: '/rm-join' });
    expect(res.json?.text).toBe('Several programmes are open: choose one.');
    const channelId = h.emulator.channelFor([KLAUS]);
    const chooser = h.emulator
      .ephemeralsIn(channelId)
      .filter((e) => e.user === KLAUS)
      .pop()!;
    expect(JSON.stringify(chooser.blocks)).toMatch(containsDays('Signup closes [[Sat 15 Aug 2026]]'));
    const autumn = await h.bot.db.client.programme.findFirstOrThrow({ where: { name: 'Autumn 2026' } });
    await h.driver.blockAction({
      userId: KLAUS,
      actionId: 'join_programme',
      value: autumn.id,
      container: { type: 'message', channelId, messageTs: chooser.ts, isEphemeral: true },
    });
    const view = await openedModal(h, KLAUS, 'signup');
    expect(JSON.parse(view.private_metadata ?? '{}')).toEqual({ programmeId: autumn.id, name: 'Klaus B.' }); // the name Slack shows travels to the submission
    expect(JSON.stringify(view.blocks)).toContain('Autumn 2026');
    expect(JSON.stringify(view.blocks)).toMatch(containsDays('Signup closes on [[Sat 15 Aug 2026]].'));
  });

  test('after the deadline a newcomer is told signup has closed, and a late submission is refused', async () => {
    await h.bot.db.client.programme.updateMany({ where: { name: 'Autumn 2026' }, data: { status: 'closed' } });
    await h.driver.slashCommand({ userId: LEO, command: '/rm-join' });
    const view = await openedModal(h, LEO, 'signup');
    h.clock.set(new Date('2026-03-17T08:00:00Z')); // the deadline (16 March) has passed while the modal was open
    const late = await h.driver.fillAndSubmitModal({ userId: LEO, viewId: view.id, answers: MENTOR_ANSWERS });
    expect(late.json?.errors).toMatchObject({ role: expect.stringContaining('Signup for this programme has closed') });
    expect(await h.bot.db.client.participant.count({ where: { slackUserId: LEO } })).toBe(0);
    // /rm-join no longer offers the programme: it says when signup closed and whom to ask.
    const answer = await h.driver.slashCommand({ userId: LEO, command: '/rm-join' });
    expect(answer.json?.text).toMatch(
      withDays(
        `Signup for *Spring 2026* closed on [[Mon 16 Mar 2026]]. <@${COORDINATOR}> runs it: ask them about the next programme.`,
      ),
    );
    // Someone already registered may still edit.
    await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    const edit = await openedModal(h, ZOE, 'signup');
    const res = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: edit.id, answers: { goals: 'Still here' } });
    expect(res.json).toBeUndefined();
    h.clock.set(new Date('2026-03-02T09:00:00Z'));
  });
});
