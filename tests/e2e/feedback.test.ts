import { MIN_AGGREGATE_RESPONSES, TEXT_LIMIT } from '../../src/domain/feedback.js';
import type { StateValues } from '../../src/devtools/emulator/viewStore.js';
import { tick } from '../../src/jobs/tick.js';
import { summariseFeedback } from '../../src/flows/feedback/index.js';
import { outboxDrained, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import {
  clickIn,
  ephemeralAnswer,
  everythingShownTo,
  feedbackCount,
  forged,
  openFrom,
  seedTopics,
} from '../support/feedbackFlows.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, dmTexts, openedModal, resend } from '../support/programmeFlows.js';

const user = (slackUserId: string, timezone: string): Member => ({ slackUserId, timezone });
const ZOE = user('U0EMU0007', 'Europe/London'); // mentor of pair p
const AMARA = user('U0EMU0001', 'Europe/London'); // mentee of pair p
const LEO = user('U0EMU0008', 'America/Los_Angeles'); // mentor of pair q
const DANIEL = user('U0EMU0002', 'America/Los_Angeles'); // mentee of pair q

// Distinctive words, so that any leak into a message, a view or a log line is found.
const ZOE_TEXT = 'Zoe-private: showed Amara how short video captions work';
const AMARA_TEXT = 'Amara-private: learned that Gen Z colleagues prefer async updates';
const AMARA_CONCERN = 'Amara-concern: our meetings keep getting cancelled at short notice';
const LEO_TEXT = 'Leo-private: we compared prompt styles for AI assistants';

const promptKey = (pairingId: string, sequence: number, role: 'mentor' | 'mentee') =>
  `feedback-prompt:${pairingId}-ci${sequence}:${pairingId}-${role}`;
const requestKey = (pairingId: string, sequence: number, role: 'mentor' | 'mentee') =>
  `checkin:${pairingId}-ci${sequence}:${pairingId}-${role}`;

/** A check-in form's state.values as Slack would send them, including values the client would not offer. */
function feedbackValues(v: {
  rating?: string;
  learned?: string;
  topics?: string[];
  concern?: string;
  consent?: boolean;
}): StateValues {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });
  return {
    rating: { value: { type: 'static_select', selected_option: v.rating ? option(v.rating) : null } },
    learned: { value: { type: 'plain_text_input', value: v.learned ?? null } },
    topics: { value: { type: 'multi_static_select', selected_options: (v.topics ?? []).map(option) } },
    concern: { value: { type: 'plain_text_input', value: v.concern ?? null } },
    concern_consent: { value: { type: 'checkboxes', selected_options: v.consent ? [option('share')] : [] } },
  };
}

describe.each(testDatabaseKinds())('check-in feedback on %s', (kind) => {
  let h: Harness;
  let group: string;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedTopics(db, 'prog');
    await seedPair(db, 'prog', 'p', ZOE, AMARA, '2026-03-04');
    await seedPair(db, 'prog', 'q', LEO, DANIEL, '2026-03-04');
    group = h.emulator.channelFor([ZOE.slackUserId, AMARA.slackUserId]);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const db = () => h.bot.db.client;
  const home = async (userId: string) => {
    const before = h.emulator.callsTo('views.publish').length;
    await h.driver.appHomeOpened(userId);
    await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    return JSON.stringify(h.emulator.homeViewFor(userId)?.blocks);
  };

  async function meet(pairingId: string, by: string) {
    const nudge = await sentRow(h, `nudge:${pairingId}-ci1:1`);
    const res = await h.driver.blockAction({
      userId: by,
      actionId: 'checkin_met',
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    expect(res.status).toBe(200);
    return res;
  }

  test('"We met": each of the two gets a private prompt in their own DM, never in the group DM, once', async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    // In working hours for both (the partner's prompt does not answer anything they did: docs/delivery-times.md).
    const res = await meet('p', ZOE.slackUserId);
    await resend(h, res); // a double click / Slack's retry
    await tickAt(h, '2026-03-04T18:05:00Z'); // 10:05 in Los Angeles: pair q's nudge
    await meet('q', LEO.slackUserId);
    await eventually(
      async () => (await db().feedbackRequest.count({ where: { pairingId: 'p' } })) === 2 || undefined,
      5000,
      'two requests',
    );
    await outboxDrained(h);
    for (const [who, role] of [
      [ZOE, 'mentor'],
      [AMARA, 'mentee'],
    ] as const) {
      const prompt = await sentRow(h, promptKey('p', 1, role));
      expect(prompt.channelId).toBe(h.emulator.channelFor([who.slackUserId]));
      expect(prompt.channelId).not.toBe(group);
      const messages = h.emulator
        .messagesIn(prompt.channelId)
        .filter((m) => JSON.stringify(m.blocks ?? []).includes('feedback_open'));
      expect(messages).toHaveLength(1);
      const button = JSON.stringify(messages[0]!.blocks);
      expect(button).toContain('Give feedback');
      expect(button).toContain(`"value":"${requestKey('p', 1, role)}"`);
    }
    expect(JSON.stringify(h.emulator.messagesIn(group))).not.toContain('feedback_open');
    // The one reminder is planned three days later at 10:00 local: Sat 7 March is a weekend, so Mon 9 March.
    const requests = await db().feedbackRequest.findMany({ where: { pairingId: 'p' }, orderBy: { key: 'asc' } });
    expect(requests.map((r) => [r.key, r.kind, r.remindAt?.toISOString(), r.answeredAt])).toEqual([
      [requestKey('p', 1, 'mentee'), 'checkin', '2026-03-09T10:00:00.000Z', null],
      [requestKey('p', 1, 'mentor'), 'checkin', '2026-03-09T10:00:00.000Z', null],
    ]);
  });

  test('the modal: rating, text, topics from the catalogue, a private concern with consent; a retry or a second answer edits the first', async () => {
    const view = await openFrom(h, ZOE.slackUserId, promptKey('p', 1, 'mentor'), 'feedback_open', 'feedback_checkin');
    const blockIds = view.blocks.map((b) => b.block_id).filter(Boolean);
    expect(blockIds).toEqual(expect.arrayContaining(['rating', 'learned', 'topics', 'concern', 'concern_consent']));
    const topics = view.blocks.find((b) => b.block_id === 'topics') as { element: { options: { value: string }[] } };
    expect(topics.element.options.map((o) => o.value)).toHaveLength(13);
    expect(JSON.stringify(view.blocks)).toContain('Send my concern to the coordinators with my name');

    const res = await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: view.id,
      answers: { rating: '4', learned: ZOE_TEXT, topics: ['social-media', 'ai-new-tech'] },
    });
    expect(res.responseAction).toBe('update');
    await resend(h, res); // Slack retries the same submission
    const stored = () =>
      db().feedback.findMany({ where: { participantId: 'p-mentor' }, include: { topics: { orderBy: { topicKey: 'asc' } } } });
    expect(
      (await stored()).map((f) => [
        f.answerKey,
        f.kind,
        f.rating,
        f.learned,
        f.pairingId,
        f.checkInId,
        f.topics.map((t) => t.topicKey),
      ]),
    ).toEqual([[requestKey('p', 1, 'mentor'), 'checkin', 4, ZOE_TEXT, 'p', 'p-ci1', ['ai-new-tech', 'social-media']]]);

    // Opening it again shows the answer; saving again edits the same row.
    const again = await openFrom(h, ZOE.slackUserId, promptKey('p', 1, 'mentor'), 'feedback_open', 'feedback_checkin');
    expect(JSON.stringify(again.blocks)).toContain(ZOE_TEXT);
    expect(
      (again.blocks.find((b) => b.block_id === 'rating') as { element: { initial_option: { value: string } } }).element
        .initial_option.value,
    ).toBe('4');
    await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: again.id,
      answers: { rating: '5', topics: ['leadership'] },
    });
    const edited = await stored();
    expect(edited.map((f) => [f.rating, f.learned, f.topics.map((t) => t.topicKey)])).toEqual([[5, ZOE_TEXT, ['leadership']]]);
    const request = await db().feedbackRequest.findUniqueOrThrow({ where: { key: requestKey('p', 1, 'mentor') } });
    expect(request.answeredAt).not.toBeNull();
    expect(request.remindAt).toBeNull();
  });

  test('one gentle reminder at most, only to whoever has not answered, even with two replicas ticking', async () => {
    await tickAt(h, '2026-03-09T09:55:00Z');
    expect(await db().outboxMessage.count({ where: { idempotencyKey: { startsWith: 'feedback-reminder:' } } })).toBe(0);
    h.clock.set(new Date('2026-03-09T10:05:00Z'));
    const deps = { db: h.bot.db.client, coordinators: [COORDINATOR] };
    await Promise.all([tick(deps, h.clock.now()), tick(deps, h.clock.now())]);
    for (const at of ['2026-03-10T10:05:00Z', '2026-03-12T10:05:00Z', '2026-03-20T10:05:00Z']) await tickAt(h, at);
    await outboxDrained(h);
    const reminders = await db().outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'feedback-reminder:' }, NOT: { idempotencyKey: { contains: ':q-' } } },
    });
    expect(reminders.map((r) => [r.idempotencyKey, r.channelId])).toEqual([
      [`feedback-reminder:${requestKey('p', 1, 'mentee')}`, h.emulator.channelFor([AMARA.slackUserId])],
    ]);
    expect(dmTexts(h, AMARA.slackUserId).filter((t) => t.includes('gentle reminder'))).toHaveLength(1);
    expect(dmTexts(h, ZOE.slackUserId).filter((t) => t.includes('gentle reminder'))).toHaveLength(0);
    const amara = await db().feedbackRequest.findUniqueOrThrow({ where: { key: requestKey('p', 1, 'mentee') } });
    expect([amara.remindAt, amara.remindedAt?.toISOString()]).toEqual([null, '2026-03-09T10:05:00.000Z']);
  });

  test('a concern needs consent; with it, it goes straight to the coordinators in a DM, and to nobody else', async () => {
    const view = await openFrom(
      h,
      AMARA.slackUserId,
      `feedback-reminder:${requestKey('p', 1, 'mentee')}`,
      'feedback_open',
      'feedback_checkin',
    );
    const before = await feedbackCount(db());
    const refused = await h.driver.fillAndSubmitModal({
      userId: AMARA.slackUserId,
      viewId: view.id,
      answers: { rating: '2', learned: AMARA_TEXT, concern: AMARA_CONCERN },
    });
    expect(refused.responseAction).toBe('errors');
    expect(h.emulator.viewErrors(view.id)).toEqual({ concern_consent: expect.stringContaining('Tick the box') });
    expect(await feedbackCount(db())).toEqual(before);
    expect(await db().outboxMessage.count({ where: { kind: 'feedback.concern' } })).toBe(0);

    const res = await h.driver.fillAndSubmitModal({
      userId: AMARA.slackUserId,
      viewId: view.id,
      answers: { rating: '2', learned: AMARA_TEXT, concern: AMARA_CONCERN, concern_consent: ['share'] },
    });
    expect(res.responseAction).toBe('update');
    await resend(h, res);
    await outboxDrained(h);
    const concerns = await db().outboxMessage.findMany({ where: { kind: 'feedback.concern' } });
    expect(concerns.map((c) => c.channelId)).toEqual([h.emulator.channelFor([COORDINATOR])]);
    const dm = await eventually(() => dmTexts(h, COORDINATOR).find((t) => t.includes(AMARA_CONCERN)), 5000, 'concern DM');
    expect(dm).toContain(`<@${AMARA.slackUserId}>`);
    expect(dm).toContain('with their consent');
    expect(everythingShownTo(h, ZOE.slackUserId)).not.toContain('Amara-concern');
    expect((await db().feedback.findUniqueOrThrow({ where: { answerKey: requestKey('p', 1, 'mentee') } })).concern).toBe(
      AMARA_CONCERN,
    );
  });

  test('nothing one person writes is ever shown to their partner (every message, ephemeral, modal and App Home they have)', async () => {
    await home(ZOE.slackUserId);
    await home(AMARA.slackUserId);
    // Amara tries Zoe's button value: refused, and no modal with Zoe's answer opens.
    await openFrom(h, AMARA.slackUserId, promptKey('p', 1, 'mentee'), 'feedback_open', 'feedback_checkin');
    const own = await clickIn(h, AMARA.slackUserId, promptKey('p', 1, 'mentee'), 'feedback_open');
    await eventually(
      () => h.emulator.callsTo('views.open').filter((c) => JSON.stringify(c).includes(own.triggerId!)).length === 1 || undefined,
      5000,
      'her own form',
    );
    const viewsBefore = h.emulator.callsTo('views.open').length;
    const tampered = await forged(h, own.payload, (p) => {
      (p.actions as { value: string }[])[0]!.value = requestKey('p', 1, 'mentor');
      p.response_url = h.emulator.issueResponseUrl({
        userId: AMARA.slackUserId,
        channelId: h.emulator.channelFor([AMARA.slackUserId]),
      });
    });
    expect(tampered.status).toBe(200);
    await eventually(
      () => h.emulator.responseUrlPosts({ userId: AMARA.slackUserId }).find((p) => String(p.text).includes('not yours')),
      5000,
      'refusal',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.emulator.callsTo('views.open').length).toBe(viewsBefore); // no form opened with Zoe's answer

    const seenByAmara = everythingShownTo(h, AMARA.slackUserId);
    const seenByZoe = everythingShownTo(h, ZOE.slackUserId);
    expect(seenByAmara).toContain('Amara-private'); // her own answer, in her own App Home and form
    expect(seenByAmara).not.toContain('Zoe-private');
    expect(seenByZoe).toContain('Zoe-private');
    expect(seenByZoe).not.toContain('Amara-private');
    expect(seenByZoe).not.toContain('Amara-concern');
    // Nor does the group DM hold anything either wrote.
    expect(JSON.stringify(h.emulator.messagesIn(group))).not.toMatch(/Zoe-private|Amara-private|Amara-concern/);
  });

  test('App Home shows each person their own past feedback', async () => {
    const zoe = await home(ZOE.slackUserId);
    expect(zoe).toContain('Your feedback');
    expect(zoe).toContain('rated 5/5');
    expect(zoe).toContain(ZOE_TEXT);
    expect(zoe).toContain('Leadership');
    const amara = await home(AMARA.slackUserId);
    expect(amara).toContain('rated 2/5');
    expect(amara).toContain(AMARA_TEXT);
  });

  test('coordinators see ratings and text only in aggregate over at least three people', async () => {
    expect(MIN_AGGREGATE_RESPONSES).toBe(3);
    // Two answers from two people are not a batch: nothing of them is released, not even their count.
    expect(await db().feedback.count({ where: { kind: 'checkin' } })).toBe(2);
    let summary = await summariseFeedback(db(), 'prog');
    expect(summary.checkIns.ratings).toEqual({ shown: false, responses: 0, note: 'not enough responses' });
    expect(summary.checkIns.learned).toEqual({ shown: false, responses: 0, note: 'not enough responses' });
    expect(JSON.stringify(summary)).not.toMatch(/private|concern/i);
    let coordinator = await home(COORDINATOR);
    expect(coordinator).toContain('Check-in ratings: none yet (answers are added in groups of at least 3 people)');
    expect(coordinator).not.toContain('average');

    // A third person (Leo, of another pair) answers: now the average (5 + 2 + 3) / 3 shows, without names.
    const view = await openFrom(h, LEO.slackUserId, promptKey('q', 1, 'mentor'), 'feedback_open', 'feedback_checkin');
    // Two deliveries of his first answer at once (Slack's retry racing the original): one row.
    const values = feedbackValues({ rating: '3', learned: LEO_TEXT, topics: ['ai-new-tech', 'leadership'] });
    const both = await Promise.all([
      h.driver.submitView({ userId: LEO.slackUserId, viewId: view.id, values }),
      h.driver.submitView({ userId: LEO.slackUserId, viewId: view.id, values }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await db().feedback.count({ where: { participantId: 'q-mentor' } })).toBe(1);
    expect(await db().feedbackTopic.count({ where: { feedback: { participantId: 'q-mentor' } } })).toBe(2);
    summary = await summariseFeedback(db(), 'prog');
    expect(summary.checkIns.ratings).toEqual({
      shown: true,
      responses: 3,
      respondents: 3,
      average: 3.3,
      distribution: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 1 },
    });
    expect(summary.checkIns.learned).toEqual({
      shown: true,
      responses: 3,
      respondents: 3,
      texts: [AMARA_TEXT, LEO_TEXT, ZOE_TEXT],
    });
    expect(summary.checkIns.topics).toMatchObject({
      shown: true,
      topics: [
        { key: 'leadership', count: 2 },
        { key: 'ai-new-tech', count: 1 },
      ],
    });
    expect(JSON.stringify(summary)).not.toContain(AMARA_CONCERN);
    expect(JSON.stringify(summary)).not.toMatch(/U0EMU|p-mentor|p-mentee/);
    coordinator = await home(COORDINATOR);
    expect(coordinator).toContain('Check-in ratings: 3.3 average over 3 answers');
  });

  test('validation: each bad answer gets an inline error or an ephemeral message, and nothing is stored', async () => {
    const daniel = DANIEL.slackUserId;
    const before = await feedbackCount(db());
    const outboxBefore = await db().outboxMessage.count();
    const view = await openFrom(h, daniel, promptKey('q', 1, 'mentee'), 'feedback_open', 'feedback_checkin');
    const submit = async (values: StateValues, viewId = view.id) => {
      const res = await h.driver.submitView({ userId: daniel, viewId, values });
      expect(res.responseAction).toBe('errors');
      return { res, errors: h.emulator.viewErrors(viewId) };
    };
    expect((await submit(feedbackValues({ rating: '6', learned: 'ok' }))).errors).toEqual({
      rating: 'Choose a rating from 1 to 5.',
    });
    expect((await submit(feedbackValues({ rating: '0' }))).errors).toEqual({ rating: 'Choose a rating from 1 to 5.' });
    expect((await submit(feedbackValues({ rating: '3', learned: 'x'.repeat(TEXT_LIMIT + 1) }))).errors).toEqual({
      learned: expect.stringContaining(`under ${TEXT_LIMIT} characters`),
    });
    expect((await submit(feedbackValues({ rating: '3', topics: ['astrology'] }))).errors).toEqual({
      topics: expect.stringContaining("programme's list"),
    });
    // A forged submission naming someone else's check-in feedback (Zoe's) in the metadata.
    const { res } = await submit(feedbackValues({ rating: '9' }));
    const notTheirs = await forged(h, res.payload, (p) => {
      const v = p.view as { private_metadata: string; state: { values: StateValues } };
      v.private_metadata = JSON.stringify({ key: requestKey('p', 1, 'mentor') });
      v.state.values = feedbackValues({ rating: '1', learned: 'overwrite' });
    });
    expect(notTheirs.json).toEqual({ response_action: 'errors', errors: { rating: expect.stringContaining('not yours') } });
    // A check-in of his own that is not logged (the next one, still open) and one that is not his.
    const click = await clickIn(h, daniel, promptKey('q', 1, 'mentee'), 'feedback_open');
    const withValue = async (value: string) => {
      const responseUrl = h.emulator.issueResponseUrl({ userId: daniel, channelId: h.emulator.channelFor([daniel]) });
      await forged(h, click.payload, (p) => {
        (p.actions as { value: string }[])[0]!.value = value;
        p.response_url = responseUrl;
        p.trigger_id = h.emulator.issueTriggerId(daniel);
      });
      return ephemeralAnswer(h, { ...click, responseUrl });
    };
    const next = await db().checkIn.findUniqueOrThrow({ where: { pairingId_sequence: { pairingId: 'q', sequence: 2 } } });
    expect(next.status).toBe('due');
    expect(await withValue(`checkin:${next.id}:q-mentee`)).toContain('not logged as met');
    expect(await withValue(requestKey('p', 1, 'mentee'))).toContain('not yours');
    expect(await withValue('nonsense')).toContain('not yours');
    // The programme closes (/rm-admin close): the button and an open form both refuse.
    await db().programme.update({ where: { id: 'prog' }, data: { status: 'closed' } });
    expect(await withValue(requestKey('q', 1, 'mentee'))).toContain('Programme prog is closed');
    // (the genuine click above opened a fresh form, which replaced the first)
    const current = await openedModal(h, daniel, 'feedback_checkin');
    expect((await submit(feedbackValues({ rating: '4' }), current.id)).errors).toEqual({
      rating: expect.stringContaining('is closed'),
    });
    await db().programme.update({ where: { id: 'prog' }, data: { status: 'running' } });

    expect(await feedbackCount(db())).toEqual(before);
    expect(await db().feedback.count({ where: { participantId: 'q-mentee' } })).toBe(0);
    expect(await db().feedback.findUniqueOrThrow({ where: { answerKey: requestKey('p', 1, 'mentor') } })).toMatchObject({
      rating: 5,
      learned: ZOE_TEXT,
    });
    expect(await db().outboxMessage.count()).toBe(outboxBefore);
  });

  test('feedback text never appears in the logs (debug level, Bolt and Web API client included)', async () => {
    await outboxDrained(h);
    // The feedback paths do log (without content): saves, edits, refusals.
    expect(h.logLines.filter((l) => l.includes('feedback saved')).length).toBeGreaterThanOrEqual(4);
    expect(h.logLines.some((l) => l.includes('feedback refused'))).toBe(true);
    const leaks = h.logLines.filter((l) => /Zoe-private|Amara-private|Amara-concern|Leo-private/.test(l));
    expect(leaks).toEqual([]);
  });

  test('export includes the feedback; erase removes feedback, requests, topics and the concern copy', async () => {
    await home(AMARA.slackUserId);
    const homeView = h.emulator.homeViewFor(AMARA.slackUserId)!;
    await h.driver.blockAction({
      userId: AMARA.slackUserId,
      actionId: 'home_export',
      value: 'p-mentee',
      container: { type: 'view', viewId: homeView.id },
    });
    const dm = await eventually(
      () =>
        h.emulator
          .messagesIn(h.emulator.channelFor([AMARA.slackUserId]))
          .find((m) => String(m.text).includes('Here is everything I store about you')),
      5000,
      'export DM',
    );
    const text = String(dm.text);
    const data = JSON.parse(text.slice(text.indexOf('```') + 3, text.lastIndexOf('```')));
    expect(data.feedback).toEqual([
      expect.objectContaining({ checkInId: 'p-ci1', rating: 2, learned: AMARA_TEXT, concern: AMARA_CONCERN, topicsCovered: [] }),
    ]);
    expect(data.feedbackRequests).toHaveLength(1);
    expect(text).not.toContain('Zoe-private');

    await h.driver.blockAction({
      userId: AMARA.slackUserId,
      actionId: 'home_erase',
      value: 'p-mentee',
      container: { type: 'view', viewId: h.emulator.homeViewFor(AMARA.slackUserId)!.id },
    });
    await eventually(
      async () => (await db().participant.findUniqueOrThrow({ where: { id: 'p-mentee' } })).erasedAt !== null || undefined,
      5000,
      'erased',
    );
    expect(await db().feedback.count({ where: { participantId: 'p-mentee' } })).toBe(0);
    expect(await db().feedbackRequest.count({ where: { participantId: 'p-mentee' } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { kind: 'feedback.concern' } })).toBe(0);
    const rows = await db().outboxMessage.findMany({ select: { payloadJson: true } });
    expect(rows.filter((r) => r.payloadJson.includes('Amara-concern'))).toEqual([]);
    // Zoe's answer and its topics stay: only Amara's data went.
    expect(await db().feedback.count({ where: { participantId: 'p-mentor' } })).toBe(1);
    const zoeTopics = await db().feedbackTopic.findMany({ where: { feedback: { participantId: 'p-mentor' } } });
    expect(zoeTopics.map((t) => t.topicKey)).toEqual(['leadership']);

    await h.driver.blockAction({
      userId: ZOE.slackUserId,
      actionId: 'home_erase',
      value: 'p-mentor',
      container: { type: 'view', viewId: h.emulator.homeViewFor(ZOE.slackUserId)!.id },
    });
    await eventually(
      async () => (await db().participant.findUniqueOrThrow({ where: { id: 'p-mentor' } })).erasedAt !== null || undefined,
      5000,
      'erased',
    );
    expect(await db().feedbackTopic.count({ where: { feedback: { participantId: 'p-mentor' } } })).toBe(0);
    expect(await db().feedback.count({ where: { pairingId: 'p' } })).toBe(0);
    // The released figures do not move (no rating can be worked out by difference), and the comments of the
    // batch that held their words are withdrawn whole: Leo's too, so no vanished comment points at one person.
    const after = await summariseFeedback(db(), 'prog');
    expect(after.checkIns.ratings).toMatchObject({ shown: true, responses: 3, average: 3.3 });
    expect(JSON.stringify(after)).not.toMatch(new RegExp(`${AMARA_TEXT}|${ZOE_TEXT}|${LEO_TEXT}`));
    const copies = await db().releasedAnswer.findMany({ where: { programmeId: 'prog' } });
    expect(copies.map((c) => c.personKey).filter((k) => k === 'p-mentee' || k === 'p-mentor')).toEqual([]);
    expect(copies.every((c) => c.learned === '' && c.changed === '' && c.commitment === '')).toBe(true);
  });
});
