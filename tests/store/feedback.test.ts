import type { Db } from '../../src/store/database.js';
import type { FeedbackKind } from '../../src/domain/feedback.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import * as store from '../../src/store/feedback.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';
import { releaseEachAnswerAsWritten } from '../support/releasedCopies.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const msg = (key: string): OutgoingMessage => ({ idempotencyKey: key, kind: 'test', to: { users: ['UCOORD'] }, text: 'x' });
const rules = { objectives: 'Post often', signupDeadline: utc('2026-01-01') };
const req = (key: string, pairingId: string, remindAt: Date | null): store.NewFeedbackRequest => {
  const [kind, subject, participantId = ''] = key.split(':') as [FeedbackKind, string, string];
  return { key, kind, participantId, pairingId, checkInId: kind === 'checkin' ? subject : null, remindAt };
};

describe.each(testDatabaseKinds())('feedback store on %s', (kind) => {
  let c: Db;
  const outbox = async () => (await c.outboxMessage.findMany()).map((m) => m.idempotencyKey).sort();
  const context = async (key: string) => (await store.findRequest(c, key))!;

  useScratchDatabase(kind, async (db) => {
    c = db.client;
    const starts = { 'prog-1': '2026-02-02', 'prog-later': '2026-06-01', 'prog-closed': '2026-01-05' };
    for (const [id, start] of Object.entries(starts)) {
      await createProgramme(c, aProgramme({ id, name: id, startDate: utc(start), ...rules }));
    }
    await c.programme.update({ where: { id: 'prog-closed' }, data: { status: 'closed' } });
    for (const id of ['ana', 'ben', 'cy', 'dee', 'eve']) {
      const person = { slackUserId: `U${id.toUpperCase()}`, role: id === 'ana' ? 'mentor' : 'mentee', seniorityLevel: 3 };
      await c.participant.create({ data: { id, programmeId: 'prog-1', timezone: 'Europe/Paris', ...person } });
    }
    for (const spec of ['pair-1 ana ben active -20', 'pair-2 ana cy active -1', 'pair-3 dee eve ended -20']) {
      const [id = '', mentorId = '', menteeId = '', status, n] = spec.split(' ');
      await c.pairing.create({ data: { id, programmeId: 'prog-1', mentorId, menteeId, status, introducedAt: day(Number(n)) } });
    }
    const met = { status: 'met', metAt: day(-7) };
    await c.checkIn.create({ data: { id: 'ci-1', pairingId: 'pair-1', sequence: 1, dueAt: day(-6), ...met } });
  });

  test('createRequests writes each key once and keeps the caller’s transaction; findRequest reads its context', async () => {
    const [ana, ben] = [req('checkin:ci-1:ana', 'pair-1', day(3)), req('checkin:ci-1:ben', 'pair-1', null)];
    await c.$transaction((tx) => store.createRequests(tx, [ana, ben]));
    await c.$transaction(async (tx) => {
      await store.createRequests(tx, [req('checkin:ci-1:ana', 'pair-1', day(9))]);
      await tx.coordinator.create({ data: { slackUserId: 'UAFTER' } });
    });
    expect(await c.coordinator.count({ where: { slackUserId: 'UAFTER' } })).toBe(1);
    const r = await store.findRequest(c, 'checkin:ci-1:ana');
    expect(r).toMatchObject({ ...ana, answeredAt: null, answer: null });
    const who = { id: 'ana', slackUserId: 'UANA', role: 'mentor', status: 'active', timezone: 'Europe/Paris' };
    expect(r?.participant).toEqual(who);
    expect(r?.pairing).toMatchObject({ mentor: { id: 'ana' }, mentee: { id: 'ben' }, programme: { objectives: 'Post often' } });
    expect(r?.checkIn).toEqual({ id: 'ci-1', sequence: 1, status: 'met', metAt: day(-7) });
    expect(await store.findRequest(c, 'checkin:nope:ana')).toBeNull();
  });

  test('saveAnswer stores the answer under the request key; a second answer edits it', async () => {
    const pairs: store.PairRequests[] = [];
    const afterPair = (p: store.PairRequests) => (pairs.push(p), []);
    const first = { rating: 3, learned: 'TikTok', topics: ['strategy', 'ai'], concern: 'a worry' };
    const saved = await store.saveAnswer(c, await context('checkin:ci-1:ana'), first, T0, () => [msg('concern:ana')], afterPair);
    expect(saved).toEqual({ edited: false });
    const second = { rating: 4, learned: 'Reels', topics: ['leadership'], concern: null };
    const edit = await store.saveAnswer(c, await context('checkin:ci-1:ana'), second, day(1), (s) => [msg(`thanks:${s.edited}`)]);
    expect(edit).toEqual({ edited: true });
    await store.saveAnswer(c, await context('checkin:ci-1:ben'), { rating: 2, concern: null }, day(1), () => [], afterPair);
    expect(pairs.map((p) => `${p.asked}/${p.unanswered}`)).toEqual(['2/1', '2/0']);
    const r = await store.findRequest(c, 'checkin:ci-1:ana');
    expect(r).toMatchObject({ answeredAt: T0, remindAt: null });
    expect(r?.answer).toMatchObject({ kind: 'checkin', rating: 4, learned: 'Reels', concern: null, createdAt: T0 });
    expect(r?.answer?.topics.map((t) => t.topicKey)).toEqual(['leadership']);
    expect(await c.feedback.count({ where: { answerKey: 'checkin:ci-1:ana' } })).toBe(1);
    expect(await outbox()).toEqual(['concern:ana', 'thanks:true']);
  });

  test('midpoint surveys: programmes started, candidates, one claim per pair', async () => {
    expect((await store.findSurveyableProgrammes(c, T0)).map((p) => p.id)).toEqual(['prog-1']);
    expect(await store.findSurveyableProgrammes(c, utc('2026-06-01'))).toHaveLength(2);
    const due = [{ id: 'prog-1', introducedBefore: day(-10) }];
    const candidate = { id: 'pair-1', mentor: { id: 'ana' }, programme: { startDate: utc('2026-02-02') } };
    expect(await store.findMidpointCandidates(c, due, 10)).toMatchObject([candidate]); // and only it
    const after = await store.findMidpointCandidates(c, [{ id: 'prog-1', introducedBefore: T0 }], 10, 'pair-1');
    expect(after.map((p) => p.id)).toEqual(['pair-2']);
    const requests = [req('midpoint:pair-1:ana', 'pair-1', day(3)), req('midpoint:pair-1:ben', 'pair-1', day(2))];
    expect(await store.claimMidpointSurvey(c, 'pair-1', T0, requests, [msg('midpoint:pair-1')])).toBe(true);
    expect(await store.claimMidpointSurvey(c, 'pair-1', day(1), requests, [msg('midpoint:again')])).toBe(false);
    expect(await store.claimMidpointSurvey(c, 'pair-3', T0, [], [])).toBe(false); // ended
    expect((await c.pairing.findUniqueOrThrow({ where: { id: 'pair-1' } })).midpointSurveyAt).toEqual(T0);
    expect(await store.findMidpointCandidates(c, due, 10)).toEqual([]);
    expect((await outbox()).filter((k) => k.startsWith('midpoint'))).toEqual(['midpoint:pair-1']);
  });

  test('reminders: due unanswered requests, oldest first; a claim takes one once', async () => {
    const due = await store.findDueReminders(c, day(3), 10);
    const read = due.map((r) => [r.key, r.remindAt?.getUTCDate(), r.participant.slackUserId, r.pairing.programme.name].join(' '));
    expect(read).toEqual(['midpoint:pair-1:ben 4 UBEN prog-1', 'midpoint:pair-1:ana 5 UANA prog-1']);
    expect(await store.claimReminder(c, 'midpoint:pair-1:ben', day(2), day(3), [msg('remind:ben')])).toBe(true);
    expect(await store.claimReminder(c, 'midpoint:pair-1:ben', day(2), day(3), [msg('remind:again')])).toBe(false);
    expect(await store.claimReminder(c, 'midpoint:pair-1:ana', day(9), day(3), [])).toBe(false); // not as read
    expect(await store.claimReminder(c, 'midpoint:pair-1:ana', day(3), day(3), [])).toBe(true); // dropped, not sent
    const rows = await c.feedbackRequest.findMany({ where: { kind: 'midpoint' }, orderBy: { key: 'asc' } });
    expect(rows.map((r) => `${r.remindAt} ${r.remindedAt?.getUTCDate()}`)).toEqual(['null undefined', 'null 5']);
    expect(await store.findDueReminders(c, day(30), 10)).toEqual([]);
    expect((await outbox()).filter((k) => k.startsWith('remind'))).toEqual(['remind:ben']);
  });

  test('objectives: the pair is read with its programme; set only while the pair runs', async () => {
    const pair = await store.findPairForObjectives(c, 'pair-2');
    expect(pair).toMatchObject({ objectives: '', mentor: { slackUserId: 'UANA' }, programme: { objectives: rules.objectives } });
    expect(await store.setObjectives(c, 'pair-2', 'Vlog', day(4), [msg('objectives:pair-2')])).toBe(true);
    expect(await store.findPairForObjectives(c, 'pair-2')).toMatchObject({ objectives: 'Vlog', objectivesUpdatedAt: day(4) });
    expect(await store.setObjectives(c, 'pair-3', 'Too late', day(4), [msg('objectives:pair-3')])).toBe(false);
    expect(await store.findPairForObjectives(c, 'nope')).toBeNull();
    expect((await outbox()).filter((k) => k.startsWith('objectives'))).toEqual(['objectives:pair-2']);
  });

  test('readers: own answers newest first (updatedAt set: Prisma stamps the wall clock), answers, totals, members, partners', async () => {
    const other = (who: string, rating: number) => ({ id: who, answerKey: who, participantId: who, kind: 'checkin', rating });
    await c.feedback.createMany({ data: [other('dee', 5), other('eve', 4)] });
    const survey = { progress: 5, recommendScore: 9, changed: 'more', commitment: 'weekly', concern: null };
    await store.saveAnswer(c, await context('midpoint:pair-1:ana'), survey, day(5), () => []);
    await c.feedback.updateMany({ where: { answerKey: 'checkin:ci-1:ana' }, data: { updatedAt: day(1) } });
    await c.feedback.updateMany({ where: { answerKey: 'midpoint:pair-1:ana' }, data: { updatedAt: day(5) } });
    const own = (await store.listOwnFeedback(c, 'ana')).map((f) => `${f.kind} ${f.progress} ${f.rating}`);
    expect(own).toEqual(['midpoint 5 null', 'checkin null 4']);
    expect((await store.listOwnFeedback(c, 'ana', 1)).map((f) => f.kind)).toEqual(['midpoint']);
    await releaseEachAnswerAsWritten(c);
    const answers = await store.listProgrammeAnswers(c, 'prog-1');
    const read = answers.map((a) => [a.participantId, a.kind, a.rating, a.commitment, a.topics.map((t) => t.topicKey)].join('/'));
    const expected = ['ana/checkin/4//leadership', 'ana/midpoint//weekly/', 'ben/checkin/2//'];
    expect(read.sort()).toEqual([...expected, 'dee/checkin/5//', 'eve/checkin/4//']);
    expect(await store.listProgrammeAnswers(c, 'prog-later')).toEqual([]);
    expect(await store.ratingTotals(c, 'prog-1')).toEqual({ responses: 4, people: 3, average: 3.75 });
    expect(await store.ratingTotals(c, 'prog-later')).toEqual({ responses: 0, people: 0, average: null });
    const members = { mentor: { id: 'ana', slackUserId: 'UANA' }, mentee: { id: 'ben', slackUserId: 'UBEN' } };
    expect(await store.findCheckInMembers(c, 'ci-1')).toEqual({ status: 'met', pairing: members });
    const partners = [await store.partnerSlackIdOf(c, 'pair-1', 'ana'), await store.partnerSlackIdOf(c, 'pair-1', 'ben')];
    expect([...partners, await store.partnerSlackIdOf(c, 'nope', 'ana')]).toEqual(['UBEN', 'UANA', undefined]);
  });
});
