import { midpointDate } from '../../src/domain/feedback.js';
import { nudgeInstant } from '../../src/domain/schedule/index.js';
import type { StateValues } from '../../src/devtools/emulator/viewStore.js';
import { tick } from '../../src/jobs/tick.js';
import { summariseFeedback } from '../../src/flows/feedback/index.js';
import { outboxDrained, plannedAt, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { deliverHeld } from '../support/heldMessages.js';
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
import { COORDINATOR, dmTexts, resend } from '../support/programmeFlows.js';

const user = (slackUserId: string, timezone: string): Member => ({ slackUserId, timezone });
const ZOE = user('U0EMU0007', 'Europe/London'); // mentor of p
const AMARA = user('U0EMU0001', 'Europe/London'); // mentee of p
const LEO = user('U0EMU0008', 'America/Los_Angeles'); // mentor of q
const DANIEL = user('U0EMU0002', 'America/Los_Angeles'); // mentee of q
const JONAS = user('U0EMU0010', 'Europe/Berlin'); // mentor of r, in a programme a coordinator closed
const KLAUS = user('U0EMU0004', 'Europe/Berlin'); // mentee of r

const PROGRAMME_OBJECTIVES = 'Every mentee posts on LinkedIn twice a month by June.';
const PAIR_OBJECTIVES = 'Amara publishes one short video a month; Zoe leads a team meeting.';
const AMARA_CHANGED = 'Amara-survey: I now ask juniors before choosing tools';
const AMARA_COMMIT = 'Amara-commit: reverse-mentoring slot in every team offsite';
const ZOE_CHANGED = 'Zoe-survey: I speak up in leadership meetings';

const surveyKey = (kind: 'midpoint' | 'final', pairingId: string, role: 'mentor' | 'mentee') =>
  `${kind}:${pairingId}:${pairingId}-${role}`;
const promptKey = (kind: 'midpoint' | 'final', pairingId: string, role: 'mentor' | 'mentee') =>
  `survey-prompt:${surveyKey(kind, pairingId, role)}`;

function surveyValues(v: { progress?: string; recommend?: string; changed?: string; commitment?: string }): StateValues {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });
  return {
    progress: { value: { type: 'static_select', selected_option: v.progress ? option(v.progress) : null } },
    recommend: { value: { type: 'static_select', selected_option: v.recommend ? option(v.recommend) : null } },
    changed: { value: { type: 'plain_text_input', value: v.changed ?? null } },
    commitment: { value: { type: 'plain_text_input', value: v.commitment ?? null } },
    concern: { value: { type: 'plain_text_input', value: null } },
    concern_consent: { value: { type: 'checkboxes', selected_options: [] } },
  };
}

describe.each(testDatabaseKinds())('milestone surveys on %s', (kind) => {
  let h: Harness;
  let group: string;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog'); // 2 March to 2 September 2026
    await db.programme.update({ where: { id: 'prog' }, data: { objectives: PROGRAMME_OBJECTIVES } });
    await seedTopics(db, 'prog');
    await seedPair(db, 'prog', 'p', ZOE, AMARA, '2026-03-04');
    await seedPair(db, 'prog', 'q', LEO, DANIEL, '2026-03-04');
    await seedProgramme(db, 'shut');
    await seedPair(db, 'shut', 'r', JONAS, KLAUS, '2026-03-04');
    await db.programme.update({ where: { id: 'shut' }, data: { status: 'closed' } });
    group = h.emulator.channelFor([ZOE.slackUserId, AMARA.slackUserId]);
  });
  afterAll(async () => {
    await h?.stop();
  });
  const db = () => h.bot.db.client;

  test('the pair sets its objectives from the group DM ("Our objectives" on the nudge); both see them', async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    await sentRow(h, 'nudge:p-ci1:1');
    const view = await openFrom(h, ZOE.slackUserId, 'nudge:p-ci1:1', 'objectives_edit', 'pair_objectives');
    expect(JSON.stringify(view.blocks)).toContain(PROGRAMME_OBJECTIVES);
    const tooLong = await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: view.id,
      answers: { objectives: 'x'.repeat(1001) },
    });
    expect(tooLong.responseAction).toBe('errors');
    expect((await db().pairing.findUniqueOrThrow({ where: { id: 'p' } })).objectives).toBe('');
    const res = await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: view.id,
      answers: { objectives: PAIR_OBJECTIVES },
    });
    expect(res.responseAction).toBe('close');
    await resend(h, res);
    const pair = await db().pairing.findUniqueOrThrow({ where: { id: 'p' } });
    expect([pair.objectives, pair.objectivesUpdatedAt?.toISOString()]).toEqual([PAIR_OBJECTIVES, '2026-03-04T10:05:00.000Z']);
    await outboxDrained(h);
    const notes = h.emulator.messagesIn(group).filter((m) => String(m.text).includes("updated your pair's objectives"));
    expect(notes).toHaveLength(1);
    // Someone outside the pair cannot open them.
    const click = await clickIn(h, ZOE.slackUserId, 'nudge:p-ci1:1', 'objectives_edit');
    const responseUrl = h.emulator.issueResponseUrl({
      userId: LEO.slackUserId,
      channelId: h.emulator.channelFor([LEO.slackUserId]),
    });
    await forged(h, click.payload, (p) => {
      p.user = { ...(p.user as object), id: LEO.slackUserId };
      p.response_url = responseUrl;
    });
    expect(await ephemeralAnswer(h, { ...click, responseUrl })).toContain('Only the two people of this pair');
  });

  test('at the midpoint, at 10:00 local on a weekday, each member gets the survey in their own DM, once (replicas too)', async () => {
    const midpoint = midpointDate('2026-03-02', '2026-09-02');
    expect(midpoint).toBe('2026-06-02');
    const pAt = nudgeInstant(midpoint, { menteeZone: AMARA.timezone, mentorZone: ZOE.timezone });
    expect(pAt.toISOString()).toBe('2026-06-02T09:00:00.000Z'); // 10:00 in London (BST)
    await tickAt(h, '2026-06-02T08:55:00Z');
    expect(await db().outboxMessage.count({ where: { idempotencyKey: { startsWith: 'survey-prompt:' } } })).toBe(0);
    h.clock.set(new Date('2026-06-02T09:05:00Z'));
    const deps = { db: h.bot.db.client, coordinators: [COORDINATOR] };
    const reports = await Promise.all([tick(deps, h.clock.now()), tick(deps, h.clock.now())]);
    expect(reports.map((r) => r.feedback.midpointSurveys).sort()).toEqual([0, 1]);
    await tickAt(h, '2026-06-02T17:05:00Z'); // 10:05 in Los Angeles: pair q
    await outboxDrained(h);
    const prompts = await db().outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'survey-prompt:midpoint:' } },
      orderBy: { idempotencyKey: 'asc' },
    });
    expect(prompts.map((r) => [r.idempotencyKey, r.channelId, plannedAt(r).toISOString()])).toEqual([
      [promptKey('midpoint', 'p', 'mentee'), h.emulator.channelFor([AMARA.slackUserId]), '2026-06-02T09:00:00.000Z'],
      [promptKey('midpoint', 'p', 'mentor'), h.emulator.channelFor([ZOE.slackUserId]), '2026-06-02T09:00:00.000Z'],
      [promptKey('midpoint', 'q', 'mentee'), h.emulator.channelFor([DANIEL.slackUserId]), '2026-06-02T17:00:00.000Z'],
      [promptKey('midpoint', 'q', 'mentor'), h.emulator.channelFor([LEO.slackUserId]), '2026-06-02T17:00:00.000Z'],
    ]);
    expect(JSON.stringify(h.emulator.messagesIn(group))).not.toContain('survey_open');
    expect((await db().pairing.findUniqueOrThrow({ where: { id: 'r' } })).midpointSurveyAt).toBeNull(); // closed programme
    expect((await db().pairing.findUniqueOrThrow({ where: { id: 'p' } })).midpointSurveyAt?.toISOString()).toBe(
      '2026-06-02T09:05:00.000Z',
    );
  });

  test("the mentee's survey: objectives shown, progress, 0-10, what changed, a commitment (required); a retry edits", async () => {
    const view = await openFrom(h, AMARA.slackUserId, promptKey('midpoint', 'p', 'mentee'), 'survey_open', 'survey_midpoint');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(PROGRAMME_OBJECTIVES);
    expect(text).toContain(PAIR_OBJECTIVES);
    expect(view.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining(['progress', 'recommend', 'changed', 'commitment', 'concern', 'concern_consent']),
    );
    const recommend = view.blocks.find((b) => b.block_id === 'recommend') as { element: { options: { value: string }[] } };
    expect(recommend.element.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

    const before = await feedbackCount(db());
    const noCommitment = await h.driver.fillAndSubmitModal({
      userId: AMARA.slackUserId,
      viewId: view.id,
      answers: { progress: '4', recommend: '9', changed: AMARA_CHANGED },
      force: true,
    });
    expect(noCommitment.responseAction).toBe('errors');
    expect(h.emulator.viewErrors(view.id)).toEqual({ commitment: 'Name one thing you commit to change.' });
    const outOfRange = await h.driver.submitView({
      userId: AMARA.slackUserId,
      viewId: view.id,
      values: surveyValues({ progress: '7', recommend: '11', commitment: 'x' }),
    });
    expect(outOfRange.responseAction).toBe('errors');
    expect(Object.keys(h.emulator.viewErrors(view.id) ?? {}).sort()).toEqual(['progress', 'recommend']);
    const tooLong = await h.driver.submitView({
      userId: AMARA.slackUserId,
      viewId: view.id,
      values: surveyValues({ progress: '3', recommend: '5', changed: 'y'.repeat(1501), commitment: 'x' }),
    });
    expect(Object.keys((tooLong.json?.errors as object) ?? {})).toEqual(['changed']);
    expect(await feedbackCount(db())).toEqual(before);

    const res = await h.driver.fillAndSubmitModal({
      userId: AMARA.slackUserId,
      viewId: view.id,
      answers: { progress: '4', recommend: '9', changed: AMARA_CHANGED, commitment: AMARA_COMMIT },
    });
    expect(res.responseAction).toBe('update');
    await resend(h, res);
    const rows = await db().feedback.findMany({ where: { participantId: 'p-mentee', kind: 'midpoint' } });
    expect(rows.map((f) => [f.answerKey, f.pairingId, f.progress, f.recommendScore, f.changed, f.commitment, f.rating])).toEqual([
      [surveyKey('midpoint', 'p', 'mentee'), 'p', 4, 9, AMARA_CHANGED, AMARA_COMMIT, null],
    ]);
    await outboxDrained(h);
    expect(dmTexts(h, AMARA.slackUserId).filter((t) => t.includes('Thank you for your answers'))).toHaveLength(1);
  });

  test("the mentor's survey has no commitment question", async () => {
    const view = await openFrom(h, ZOE.slackUserId, promptKey('midpoint', 'p', 'mentor'), 'survey_open', 'survey_midpoint');
    expect(view.blocks.map((b) => b.block_id)).not.toContain('commitment');
    await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: view.id,
      answers: { progress: '3', recommend: '10', changed: ZOE_CHANGED },
    });
    expect(await db().feedback.findUniqueOrThrow({ where: { answerKey: surveyKey('midpoint', 'p', 'mentor') } })).toMatchObject({
      progress: 3,
      recommendScore: 10,
      changed: ZOE_CHANGED,
      commitment: '',
    });
  });

  test('one reminder at most for an unanswered survey', async () => {
    // Sent Tuesday 2 June: reminded Friday 5 June at 10:00 in Los Angeles (17:00 UTC), then never again.
    for (const at of ['2026-06-05T16:55:00Z', '2026-06-05T17:05:00Z', '2026-06-08T17:05:00Z', '2026-06-20T17:05:00Z'])
      await tickAt(h, at);
    await outboxDrained(h);
    const reminders = await db().outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'feedback-reminder:midpoint:' } },
      orderBy: { idempotencyKey: 'asc' },
    });
    expect(reminders.map((r) => [r.idempotencyKey, plannedAt(r).toISOString()])).toEqual([
      [`feedback-reminder:${surveyKey('midpoint', 'q', 'mentee')}`, '2026-06-05T17:00:00.000Z'],
      [`feedback-reminder:${surveyKey('midpoint', 'q', 'mentor')}`, '2026-06-05T17:00:00.000Z'],
    ]);
    expect(dmTexts(h, DANIEL.slackUserId).filter((t) => t.includes('gentle reminder'))).toHaveLength(1);
    expect(dmTexts(h, AMARA.slackUserId).filter((t) => t.includes('gentle reminder'))).toHaveLength(0);
  });

  test('at the end date: the wrap-up in the group DM, the final survey in each DM, the pair ended, once', async () => {
    await tickAt(h, '2026-09-02T09:05:00Z');
    await tickAt(h, '2026-09-02T09:10:00Z');
    await tickAt(h, '2026-09-02T17:05:00Z');
    await outboxDrained(h);
    const pairs = await db().pairing.findMany({ orderBy: { id: 'asc' } });
    expect(pairs.map((p) => [p.id, p.status, p.finalSurveyAt?.toISOString()])).toEqual([
      ['p', 'ended', '2026-09-02T09:05:00.000Z'],
      ['q', 'ended', '2026-09-02T17:05:00.000Z'],
      ['r', 'ended', '2026-09-02T09:05:00.000Z'], // its programme is closed: a wrap-up, no survey
    ]);
    const finals = await db().outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'survey-prompt:final:' } } });
    expect(finals.map((r) => r.idempotencyKey).sort()).toEqual([
      promptKey('final', 'p', 'mentee'),
      promptKey('final', 'p', 'mentor'),
      promptKey('final', 'q', 'mentee'),
      promptKey('final', 'q', 'mentor'),
    ]);
    expect(await db().feedbackRequest.count({ where: { pairingId: 'r' } })).toBe(0);
    expect((await sentRow(h, promptKey('final', 'p', 'mentor'))).channelId).toBe(h.emulator.channelFor([ZOE.slackUserId]));
    expect(h.emulator.messagesIn(group).filter((m) => String(m.text).includes('has come to an end'))).toHaveLength(1);
    expect(JSON.stringify(h.emulator.messagesIn(group))).not.toContain('survey_open');
  });

  test('each final answer gets a thank-you; when both answered, one closing thanks in the group DM', async () => {
    const closing = () =>
      h.emulator.messagesIn(group).filter((m) => String(m.text).includes('you both completed the final survey'));
    const amara = await openFrom(h, AMARA.slackUserId, promptKey('final', 'p', 'mentee'), 'survey_open', 'survey_final');
    const first = await h.driver.fillAndSubmitModal({
      userId: AMARA.slackUserId,
      viewId: amara.id,
      answers: { progress: '5', recommend: '9', changed: AMARA_CHANGED, commitment: AMARA_COMMIT },
    });
    await outboxDrained(h);
    await eventually(() => dmTexts(h, AMARA.slackUserId).find((t) => t.includes('Your pairing is now closed')), 5000, 'thanks');
    expect(closing()).toHaveLength(0);
    const zoe = await openFrom(h, ZOE.slackUserId, promptKey('final', 'p', 'mentor'), 'survey_open', 'survey_final');
    const second = await h.driver.fillAndSubmitModal({
      userId: ZOE.slackUserId,
      viewId: zoe.id,
      answers: { progress: '4', recommend: '10', changed: ZOE_CHANGED },
    });
    await resend(h, second);
    await resend(h, first);
    await outboxDrained(h);
    // The partner did not act: the group DM's closing word waits for a time that suits both.
    await deliverHeld(h, 'survey-closing:');
    await eventually(() => closing().length === 1 || undefined, 5000, 'closing thanks');
    await new Promise((r) => setTimeout(r, 200));
    expect(closing()).toHaveLength(1);
    expect(dmTexts(h, ZOE.slackUserId).filter((t) => t.includes('Your pairing is now closed'))).toHaveLength(1);
    expect(dmTexts(h, AMARA.slackUserId).filter((t) => t.includes('Your pairing is now closed'))).toHaveLength(1);
    // Neither sees what the other wrote.
    expect(everythingShownTo(h, ZOE.slackUserId)).not.toMatch(/Amara-survey|Amara-commit/);
    expect(everythingShownTo(h, AMARA.slackUserId)).not.toContain('Zoe-survey');
  });

  test('survey figures in aggregate only over three people: recommendation as NPS', async () => {
    // Two answers of each kind are not a release: nothing of them reaches coordinators yet.
    let summary = await summariseFeedback(db(), 'prog');
    expect(summary.midpoint.recommend).toEqual({ shown: false, responses: 0, note: 'not enough responses' });
    expect(summary.final.progress).toEqual({ shown: false, responses: 0, note: 'not enough responses' });
    const leo = await openFrom(h, LEO.slackUserId, promptKey('final', 'q', 'mentor'), 'survey_open', 'survey_final');
    await h.driver.fillAndSubmitModal({ userId: LEO.slackUserId, viewId: leo.id, answers: { progress: '2', recommend: '6' } });
    summary = await summariseFeedback(db(), 'prog');
    // 9, 10 promoters, 6 a detractor: (2 - 1) / 3 = 33
    expect(summary.final.recommend).toEqual({ shown: true, responses: 3, respondents: 3, nps: 33, average: 8.3 });
    expect(summary.final.progress).toMatchObject({ shown: true, average: 3.7 });
    expect(summary.final.commitments).toEqual({ shown: false, responses: 1, note: 'not enough responses' });
  });

  test('after the programme closes, a survey is refused with a clear message and nothing is stored', async () => {
    const view = await openFrom(h, DANIEL.slackUserId, promptKey('final', 'q', 'mentee'), 'survey_open', 'survey_final');
    await db().programme.update({ where: { id: 'prog' }, data: { status: 'closed' } });
    const before = await feedbackCount(db());
    const res = await h.driver.fillAndSubmitModal({
      userId: DANIEL.slackUserId,
      viewId: view.id,
      answers: { progress: '3', recommend: '8', commitment: 'Daniel-commit' },
    });
    expect(res.responseAction).toBe('errors');
    expect(h.emulator.viewErrors(view.id)).toEqual({
      progress: 'Programme prog is closed: it no longer takes feedback or survey answers. Nothing was saved.',
    });
    const click = await clickIn(h, DANIEL.slackUserId, promptKey('final', 'q', 'mentee'), 'survey_open');
    expect(await ephemeralAnswer(h, click)).toContain('is closed');
    expect(await feedbackCount(db())).toEqual(before);
    expect(await db().feedbackRequest.findUniqueOrThrow({ where: { key: surveyKey('final', 'q', 'mentee') } })).toMatchObject({
      answeredAt: null,
    });
  });

  test('export includes the surveys with progress; erase removes them; survey text never reaches the logs', async () => {
    await h.driver.appHomeOpened(AMARA.slackUserId);
    await h.emulator.waitUntil(() => h.emulator.homeViewFor(AMARA.slackUserId) !== undefined, 5000);
    const homeText = JSON.stringify(h.emulator.homeViewFor(AMARA.slackUserId)?.blocks);
    expect(homeText).toContain('Final survey');
    expect(homeText).toContain('progress 5/5');
    await h.driver.blockAction({
      userId: AMARA.slackUserId,
      actionId: 'home_export',
      value: 'p-mentee',
      container: { type: 'view', viewId: h.emulator.homeViewFor(AMARA.slackUserId)!.id },
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
    expect(
      data.surveys.map((s: { kind: string; progress: number; recommendScore: number; commitment: string }) => [
        s.kind,
        s.progress,
        s.recommendScore,
        s.commitment,
      ]),
    ).toEqual([
      ['midpoint', 4, 9, AMARA_COMMIT],
      ['final', 5, 9, AMARA_COMMIT],
    ]);
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
    const rows = await db().outboxMessage.findMany({ select: { payloadJson: true } });
    expect(rows.filter((r) => r.payloadJson.includes('Amara-survey'))).toEqual([]);
    expect(h.logLines.filter((l) => /Amara-survey|Amara-commit|Zoe-survey|Daniel-commit/.test(l))).toEqual([]);
    expect(h.logLines.filter((l) => l.includes('feedback saved: final:')).length).toBeGreaterThanOrEqual(3);
  });
});
