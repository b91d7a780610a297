// /rm-admin edit through the emulator: the opening form filled in, the same rules, one record per submission,
// "Recent changes" in App Home, and the effects: topics retired and added, signup reopened, the default cadence for
// pairs that kept it, a new end date moving check-ins, the wrap-up and the final survey.
import type { Answers } from '../../src/devtools/emulator/index.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { tickAt } from '../support/checkInFlows.js';
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
  resend,
  ZOE,
} from '../support/programmeFlows.js';

const OUTSIDER = 'U0EMU0006'; // neither a coordinator nor a participant
const DANIEL = 'U0EMU0002';
const JONAS = 'U0EMU0010'; // a second coordinator

const publishesFor = (h: Harness, userId: string) =>
  h.emulator.callsTo('views.publish').filter((c) => c.params.user_id === userId);

async function home(h: Harness, userId: string): Promise<string> {
  const before = publishesFor(h, userId).length;
  await h.driver.appHomeOpened(userId);
  await h.emulator.waitUntil(() => publishesFor(h, userId).length > before, 5000, `views.publish for ${userId}`);
  return JSON.stringify(publishesFor(h, userId).at(-1)!.params.view);
}

/** `/rm-admin edit` now: the modal it opens (a new one, not one still open from before). */
async function editModal(h: Harness, userId = COORDINATOR) {
  const earlier = h.emulator.lastViewFor(userId)?.id;
  const ack = await h.driver.slashCommand({ userId, command: '/rm-admin', text: 'edit' });
  expect(ack.status).toBe(200);
  await eventually(() => h.emulator.lastViewFor(userId)?.id !== earlier, 5000, 'a new modal');
  return openedModal(h, userId, 'programme_edit');
}

async function submitEdit(h: Harness, answers: Answers) {
  const view = await editModal(h);
  const res = await h.driver.fillAndSubmitModal({ userId: COORDINATOR, viewId: view.id, answers });
  if (res.json) await h.driver.closeView({ userId: COORDINATOR, viewId: view.id });
  return res;
}

const element = (view: { blocks: Array<Record<string, unknown>> }, blockId: string) =>
  view.blocks.find((b) => b.block_id === blockId)!.element as Record<string, unknown>;

describe.each(testDatabaseKinds())('editing a programme on %s', (kind) => {
  let h: Harness;
  let programmeId: string;
  const db = () => h.bot.db.client;
  const programme = () => db().programme.findUniqueOrThrow({ where: { id: programmeId } });
  const participant = (slackUserId: string) => db().participant.findFirstOrThrow({ where: { slackUserId } });

  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR, JONAS], now: new Date('2026-03-02T09:00:00Z') });
    await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16', durationMonths: '7' });
    programmeId = (await eventually(() => db().programme.findFirst(), 5000, 'programme'))!.id;
    await joinWith(h, ZOE, MENTOR_ANSWERS);
    await joinWith(h, AMARA, MENTEE_ANSWERS);
    await joinWith(h, LEO, { ...MENTOR_ANSWERS, capacity: '1' });
    await joinWith(h, KLAUS, MENTEE_ANSWERS);
    await eventually(async () => (await db().participant.count()) === 4, 5000, 'participants');
  }, 60000);
  afterAll(async () => {
    await h?.stop();
  });

  test('/rm-admin edit and the Home button open the opening form filled in with the settings and the topics', async () => {
    const view = await editModal(h);
    expect(element(view, 'name').initial_value).toBe('Spring 2026');
    expect(element(view, 'startDate').initial_date).toBe('2026-03-30');
    expect(element(view, 'durationMonths').initial_option).toMatchObject({ value: '7' });
    expect(element(view, 'cadenceDays').initial_option).toMatchObject({ value: '14' });
    expect(element(view, 'signupDeadline').initial_date).toBe('2026-03-16');
    expect(element(view, 'objectives').initial_value).toBe('Every mentee posts on LinkedIn twice a month by June.');
    expect((element(view, 'topics').initial_options as unknown[]).length).toBe(13);
    await h.driver.closeView({ userId: COORDINATOR, viewId: view.id });

    const text = await home(h, COORDINATOR);
    expect(text).toContain('Edit programme');
    const opens = h.emulator.callsTo('views.open').length;
    const res = await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'home_edit_programme',
      value: programmeId,
      container: { type: 'view', viewId: h.emulator.homeViewFor(COORDINATOR)!.id },
    });
    expect(res.status).toBe(200);
    await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
    const fromHome = await openedModal(h, COORDINATOR, 'programme_edit');
    expect(JSON.parse(String(fromHome.private_metadata))).toMatchObject({ programmeId });
    await h.driver.closeView({ userId: COORDINATOR, viewId: fromHome.id });
    // A name that matches no programme is answered, with the programmes there are.
    const unknown = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'edit Autumn' });
    // (On a busy machine the ack goes out empty and the answer follows through the response_url.)
    const answer =
      unknown.json?.text ??
      (
        await eventually(
          () => h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === unknown.responseUrl),
          5000,
          'answer',
        )
      ).text;
    expect(answer).toBe('I know no open programme called "Autumn". Programmes: *Spring 2026*.');
  });

  test('the opening form’s rules apply; a refused edit changes nothing and records nothing', async () => {
    const res = await submitEdit(h, {
      signupDeadline: '2026-04-02',
      newUpwardTopics: 'AI and new technology\nPodcasting',
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        signupDeadline: 'Signup must close on or before the start date.',
        newUpwardTopics: '"AI and new technology" is a topic already: select it in the list above.',
      },
    });
    const past = await submitEdit(h, { signupDeadline: '2026-03-01', name: ' ' });
    expect(past.json).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Give the programme a name.',
        signupDeadline: 'The signup deadline has already passed: choose today or later.',
      },
    });
    expect(await db().programmeChange.count()).toBe(0);
    expect((await programme()).signupDeadline.toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });

  test('a double submit records one change; App Home lists who, when and what, with typed text escaped', async () => {
    const before = publishesFor(h, COORDINATOR).length;
    const others = [JONAS, ZOE, AMARA, LEO, KLAUS, OUTSIDER].map((u) => [u, publishesFor(h, u).length] as const);
    const res = await submitEdit(h, { name: 'Spring <!channel> 2026', objectives: 'Ask <@U0EMU0001> about *AI*' });
    expect(res.json).toBeUndefined();
    // Slack's retry of the same submission is answered as the first was (the modal closes), not as a stale form.
    const again = await resend(h, res);
    expect(again.status).toBe(200);
    expect(again.body).toBe('');
    // A double click: the same modal submitted again, as a request of its own (its own trigger id).
    const twice = await h.driver.raw({
      body: new URLSearchParams({
        payload: JSON.stringify({ ...res.payload, trigger_id: `${String(res.payload.trigger_id)}2` }),
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(twice.status).toBe(200);
    expect(twice.body).toBe('');
    await new Promise((r) => setTimeout(r, 300));
    const changes = await db().programmeChange.findMany({ orderBy: { field: 'asc' } });
    expect(changes.map((c) => [c.field, c.before, c.after, c.changedBySlackId])).toEqual([
      ['name', 'Spring 2026', 'Spring <!channel> 2026', COORDINATOR],
      ['objectives', 'Every mentee posts on LinkedIn twice a month by June.', 'Ask <@U0EMU0001> about *AI*', COORDINATOR],
    ]);
    expect((await programme()).name).toBe('Spring <!channel> 2026');
    // The editor's Home was published again after the save.
    await h.emulator.waitUntil(() => publishesFor(h, COORDINATOR).length > before, 5000, 'Home refreshed');
    const view = publishesFor(h, COORDINATOR).at(-1)!.params.view;
    // What Slack reads as mrkdwn (accessibility labels are plain text: nothing in them is parsed).
    const mrkdwn: string[] = [];
    JSON.parse(String(typeof view === 'string' ? view : JSON.stringify(view)), (_k, v: unknown) => {
      const o = v as { type?: string; text?: unknown };
      if (o && o.type === 'mrkdwn' && typeof o.text === 'string') mrkdwn.push(o.text);
      return v;
    });
    const text = mrkdwn.join('\n');
    expect(text).toContain('Recent changes');
    expect(text).toContain(`<@${COORDINATOR}>: name`);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U0EMU0001&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U0EMU0001>');
    // When: Slack's token, its fallback on the reader's own clock (the coordinator is in New York, by users.info).
    expect(text).toMatch(/<!date\^1772442000\^\{date_short_pretty\} \{time\}\|2026-03-02 04:00 America\/New_York>/);
    // Everyone whose Home shows the programme gets it again without opening the tab: the other coordinator and
    // each participant, once (the retry and the double click publish nothing more); nobody else.
    for (const [u, n] of others.filter(([u]) => u !== OUTSIDER)) {
      await h.emulator.waitUntil(() => publishesFor(h, u).length > n, 5000, `Home of ${u} refreshed`);
      expect(JSON.stringify(publishesFor(h, u).at(-1)!.params.view)).toContain('Spring &lt;!channel&gt; 2026');
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const [u, n] of others) expect([u, publishesFor(h, u).length]).toEqual([u, u === OUTSIDER ? n : n + 1]);
  });

  test('an edit saved since the form opened wins: the older form is refused and saves nothing', async () => {
    const older = await editModal(h, JONAS);
    const newer = await submitEdit(h, { name: 'Spring 2026' });
    expect(newer.json).toBeUndefined();
    const res = await h.driver.fillAndSubmitModal({ userId: JONAS, viewId: older.id, answers: { minSeniorityGap: '3' } });
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { name: expect.stringContaining('Someone saved changes') },
    });
    await h.driver.closeView({ userId: JONAS, viewId: older.id });
    expect((await programme()).minSeniorityGap).toBe(2);
  });

  test('topics: a retired one leaves the forms but not the answers that name it; a new one is offered', async () => {
    const view = await editModal(h);
    const kept = (element(view, 'topics').initial_options as Array<{ value: string }>)
      .map((o) => o.value)
      .filter((k) => k !== 'social-media');
    const res = await h.driver.fillAndSubmitModal({
      userId: COORDINATOR,
      viewId: view.id,
      answers: { topics: kept, newUpwardTopics: '• Podcasting\n\n', newDownwardTopics: 'Negotiation' },
    });
    expect(res.json).toBeUndefined();
    const topics = await db().programmeTopic.findMany({ where: { programmeId }, orderBy: { position: 'asc' } });
    expect(topics.find((t) => t.key === 'social-media')!.retiredAt).not.toBeNull();
    expect(topics.slice(-2).map((t) => [t.key, t.label, t.direction, t.retiredAt])).toEqual([
      ['podcasting', 'Podcasting', 'upward', null],
      ['negotiation', 'Negotiation', 'downward', null],
    ]);
    const changes = await db().programmeChange.findMany({
      where: { field: { startsWith: 'topics' } },
      orderBy: { field: 'asc' },
    });
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['topicsAdded', '', 'Podcasting, Negotiation'],
      ['topicsRetired', 'Social media and personal brand', ''],
    ]);
    // Zoe's answers still name the retired topic, and her Home still words it.
    expect(
      await db().participantTopic.count({ where: { participantId: (await participant(ZOE)).id, topicKey: 'social-media' } }),
    ).toBe(1);
    expect(await home(h, ZOE)).toContain('Social media and personal brand');
    // Her own form still shows it, chosen: saving it unchanged keeps it.
    await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' });
    const own = await openedModal(h, ZOE, 'signup');
    expect((element(own, 'teaches').initial_options as Array<{ value: string }>).map((o) => o.value)).toContain('social-media');
    expect((await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: own.id, answers: {} })).json).toBeUndefined();
    expect(
      await db().participantTopic.count({ where: { participantId: (await participant(ZOE)).id, topicKey: 'social-media' } }),
    ).toBe(1);
    // A newcomer's form offers the new topics and not the retired one.
    await h.driver.slashCommand({ userId: DANIEL, command: '/rm-join' });
    const signup = await openedModal(h, DANIEL, 'signup');
    const offered = JSON.stringify(signup.blocks);
    expect(offered).toContain('"value":"podcasting"');
    expect(offered).toContain('"value":"negotiation"');
    expect(offered).not.toContain('"value":"social-media"');
    await h.driver.closeView({ userId: DANIEL, viewId: signup.id });
  });

  test('a later signup deadline reopens signup once it had closed; the Home of people outside shows it at once', async () => {
    h.clock.set(new Date('2026-03-20T09:00:00Z'));
    // The outsider opens the tab (so they have a Home); Daniel never did (his Home is not published by an edit).
    expect(await home(h, OUTSIDER)).toContain('No programme is open for signup right now.');
    const audience = [COORDINATOR, JONAS, ZOE, AMARA, LEO, KLAUS];
    const counts = () => [...audience, OUTSIDER, DANIEL].map((u) => [u, publishesFor(h, u).length] as const);
    /** Waits until the editor's, the coordinators' and the participants' Homes were published again, and a bit. */
    const settled = async (before: ReadonlyArray<readonly [string, number]>) => {
      for (const [u, n] of before.filter(([u]) => audience.includes(u)))
        await h.emulator.waitUntil(() => publishesFor(h, u).length > n, 5000, `Home of ${u} refreshed`);
      await new Promise((r) => setTimeout(r, 300));
    };

    // A change outsiders do not see (the seniority gap): their Home is not published again.
    const quiet = counts();
    expect((await submitEdit(h, { minSeniorityGap: '3' })).json).toBeUndefined();
    await settled(quiet);
    expect(counts().filter(([u]) => !audience.includes(u))).toEqual(quiet.filter(([u]) => !audience.includes(u)));

    // Signup reopens: the outsider's Home is published again without their opening the tab, once (Slack's retry of
    // the submission publishes nothing more), showing the programme open for signup.
    const before = counts();
    const res = await submitEdit(h, { signupDeadline: '2026-03-27' });
    expect(res.json).toBeUndefined();
    expect((await resend(h, res)).status).toBe(200);
    await settled(before);
    await h.emulator.waitUntil(
      () => publishesFor(h, OUTSIDER).length > before.find(([u]) => u === OUTSIDER)![1],
      5000,
      'outsider',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(counts().filter(([u]) => !audience.includes(u))).toEqual([
      [OUTSIDER, before.find(([u]) => u === OUTSIDER)![1] + 1],
      [DANIEL, 0],
    ]);
    expect(JSON.stringify(publishesFor(h, OUTSIDER).at(-1)!.params.view)).toContain('A programme is open for signup.');
    expect(await home(h, OUTSIDER)).toContain('A programme is open for signup.');
  });

  test('once running: the start stays; a new cadence reaches pairs that kept the default; the end date moves check-ins, wrap-up and final survey', async () => {
    h.clock.set(new Date('2026-04-01T09:00:00Z'));
    const pair = async (id: string, mentor: string, mentee: string, cadenceDays: number, cadenceChosen: boolean) => {
      await db().pairing.create({
        data: {
          id,
          programmeId,
          mentorId: (await participant(mentor)).id,
          menteeId: (await participant(mentee)).id,
          status: 'active',
          cadenceDays,
          cadenceChosen,
          introducedAt: new Date('2026-03-30T09:00:00Z'),
        },
      });
    };
    await pair('pair-kept', ZOE, AMARA, 14, false);
    await pair('pair-chose', LEO, KLAUS, 28, true);
    await db().checkIn.create({
      data: { id: 'kept-1', pairingId: 'pair-kept', sequence: 1, dueAt: new Date('2026-10-05T00:00:00Z') },
    });
    await db().checkIn.create({
      data: { id: 'chose-1', pairingId: 'pair-chose', sequence: 1, dueAt: new Date('2026-09-14T00:00:00Z'), status: 'met' },
    });

    const started = await submitEdit(h, { startDate: '2026-04-06', signupDeadline: '2026-04-02' });
    expect(started.json).toEqual({
      response_action: 'errors',
      errors: {
        startDate: 'The programme has started: its start date stays as it is.',
        signupDeadline: 'The programme has started: signup cannot reopen. Leave the deadline as it is.',
      },
    });

    // Seven months (to 30 October) become six: the check-in due after the new end is cancelled.
    expect((await submitEdit(h, { durationMonths: '6', cadenceDays: '21' })).json).toBeUndefined();
    expect((await programme()).endDate.toISOString()).toBe('2026-09-30T00:00:00.000Z');
    const cadence = async (id: string) => (await db().pairing.findUniqueOrThrow({ where: { id } })).cadenceDays;
    expect([await cadence('pair-kept'), await cadence('pair-chose')]).toEqual([21, 28]);
    expect((await db().checkIn.findUniqueOrThrow({ where: { id: 'kept-1' } })).status).toBe('cancelled');

    // Eight months: both series, stopped at the old end, go on a whole number of cadences later.
    expect((await submitEdit(h, { durationMonths: '8' })).json).toBeUndefined();
    const open = await db().checkIn.findMany({ where: { status: 'due' }, orderBy: { pairingId: 'asc' } });
    expect(open.map((c) => [c.pairingId, c.sequence, c.dueAt.toISOString().slice(0, 10)])).toEqual([
      ['pair-chose', 2, '2026-10-12'],
      ['pair-kept', 2, '2026-10-26'],
    ]);
    const ends = await db().programmeChange.findMany({ where: { field: 'endDate' }, orderBy: { changedAt: 'asc' } });
    expect(ends.map((c) => [c.before, c.after])).toEqual([
      ['2026-10-30', '2026-09-30'],
      ['2026-09-30', '2026-11-30'],
    ]);

    // The old end dates pass without a wrap-up; the new one brings it and the final survey.
    for (const at of ['2026-09-30T15:00:00Z', '2026-10-30T15:00:00Z']) await tickAt(h, at);
    expect(await db().pairing.count({ where: { status: 'ended' } })).toBe(0);
    expect(await db().feedbackRequest.count({ where: { kind: 'final' } })).toBe(0);
    await tickAt(h, '2026-11-30T15:00:00Z');
    expect(await db().pairing.count({ where: { id: { in: ['pair-kept', 'pair-chose'] }, status: 'ended' } })).toBe(2);
    expect(await db().feedbackRequest.count({ where: { kind: 'final' } })).toBe(4);
  }, 60000);
});
