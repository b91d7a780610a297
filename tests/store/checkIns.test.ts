import type { Db } from '../../src/store/database.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import type { FeedbackKind } from '../../src/domain/feedback.js';
import * as store from '../../src/store/checkIns.js';
import type { NewFeedbackRequest } from '../../src/store/feedback.js';
import { enqueueMessages } from '../../src/store/outbox.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const msg = (key: string): OutgoingMessage => ({ idempotencyKey: key, kind: 'test', to: { users: ['UANA'] }, text: 'x' });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const prog = (id: string, a: string, b: string) =>
  aProgramme({ id, name: id, startDate: utc(a), endDate: utc(b), signupDeadline: utc('2025-08-01'), timezone: 'Europe/London' });
const req = (key: string, pairingId: string, remindAt: Date | null): NewFeedbackRequest => {
  const [kind, subject, participantId = ''] = key.split(':') as [FeedbackKind, string, string];
  return { key, kind, participantId, pairingId, checkInId: kind === 'checkin' ? subject : null, remindAt };
};

describe.each(testDatabaseKinds())('check-ins store on %s', (kind) => {
  let c: Db;
  const outbox = async () => (await c.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => m.idempotencyKey).sort();
  let one = '';

  useScratchDatabase(kind, async (db) => {
    c = db.client;
    await createProgramme(c, prog('prog-1', '2026-02-02', '2026-09-30'));
    await createProgramme(c, prog('prog-old', '2025-09-01', '2026-02-28'));
    for (const id of ['ana', 'ben', 'cy', 'dee', 'o1', 'o2']) {
      const [programmeId, status] = [id.startsWith('o') ? 'prog-old' : 'prog-1', id === 'cy' ? 'paused' : 'active'];
      const person = { slackUserId: `U${id.toUpperCase()}`, role: 'mentor', seniorityLevel: 3, timezone: 'Asia/Tokyo' };
      await c.participant.create({ data: { id, programmeId, status, ...person } });
    }
    for (const spec of ['pair-1 prog-1 ana ben', 'pair-2 prog-1 dee cy', 'pair-3 prog-old o1 o2', 'pair-4 prog-1 dee ben']) {
      const [id = '', programmeId = '', mentorId = '', menteeId = ''] = spec.split(' ');
      const [introducedAt, status] = id === 'pair-4' ? [null, 'draft'] : [day(-14), 'active'];
      await c.pairing.create({ data: { id, programmeId, mentorId, menteeId, status, introducedAt, cadenceDays: 21 } });
    }
  });

  test('first check-ins: pairs without any, created once per sequence, read back with the pair', async () => {
    expect(ids(await store.findPairingsWithoutCheckIns(c, 2))).toEqual(['pair-1', 'pair-2']);
    const first = (p: string, dueAt: Date, n: Date | null) =>
      store.createFirstCheckIn(c, { pairingId: p, sequence: 1, dueAt, nextNudgeAt: n });
    expect(await first('pair-1', day(0), null)).toBe(true);
    expect(await first('pair-1', day(7), day(1))).toBe(false);
    expect(await first('pair-2', day(0), day(-1))).toBe(true);
    expect(ids(await store.findPairingsWithoutCheckIns(c, 10))).toEqual(['pair-3']);
    one = (await c.checkIn.findFirstOrThrow({ where: { pairingId: 'pair-1' } })).id;
    const row = await store.findCheckIn(c, one);
    expect(row).toMatchObject({ pairingId: 'pair-1', sequence: 1, dueAt: day(0), status: 'due', nextNudgeAt: null });
    expect(row?.pairing).toMatchObject({ id: 'pair-1', status: 'active', cadenceDays: 21, introducedAt: day(-14) });
    expect(row?.pairing.mentor).toEqual({ id: 'ana', slackUserId: 'UANA', timezone: 'Asia/Tokyo', status: 'active' });
    const programme = {
      id: 'prog-1',
      name: 'prog-1',
      startDate: utc('2026-02-02'),
      endDate: utc('2026-09-30'),
      timezone: 'Europe/London',
      status: 'open',
    };
    expect(row?.pairing.programme).toEqual(programme);
    expect(await store.findPairing(c, 'pair-2')).toMatchObject({ mentor: { id: 'dee' }, mentee: { id: 'cy', status: 'paused' } });
    expect([await store.findCheckIn(c, 'nope'), await store.findPairing(c, 'nope')]).toEqual([null, null]);
  });

  test('recordGroupChannels copies the sent introduction’s channel onto the pair, page by page, once', async () => {
    await enqueueMessages(c, [msg('match-intro:pair-1'), msg('match-intro:pair-2'), msg('match-intro:pair-3')]);
    const sent = { idempotencyKey: { in: ['match-intro:pair-1', 'match-intro:pair-3'] } };
    await c.outboxMessage.updateMany({ where: sent, data: { status: 'sent', channelId: 'G0GROUP' } });
    expect([await store.recordGroupChannels(c, 1), await store.recordGroupChannels(c, 1)]).toEqual([2, 0]);
    const pairs = await c.pairing.findMany({ orderBy: { id: 'asc' }, select: { groupChannelId: true } });
    expect(pairs.map((p) => p.groupChannelId)).toEqual(['G0GROUP', null, 'G0GROUP', null]);
  });

  test('nudges: planned once, due only for reachable pairs, recorded and moved only as read', async () => {
    expect(ids(await store.findUnplannedCheckIns(c, 10))).toEqual([one]);
    expect([await store.planCheckIn(c, one, day(1)), await store.planCheckIn(c, one, day(2))]).toEqual([true, false]);
    expect(await store.findUnplannedCheckIns(c, 10)).toEqual([]);
    expect(await store.findDueNudges(c, new Date(day(1).getTime() - 1), 10)).toEqual([]); // pair-2: mentee paused
    const [due] = await store.findDueNudges(c, day(1), 10);
    expect(due).toMatchObject({ id: one, nextNudgeAt: day(1), pairing: { mentee: { slackUserId: 'UBEN' } } });
    expect(await store.recordNudge(c, due!, 1, day(3), msg('nudge:1'))).toBe(true);
    expect(await store.recordNudge(c, due!, 1, day(3), msg('nudge:1:again'))).toBe(false);
    expect(await store.moveNudge(c, due!, day(4))).toBe(false);
    const fresh = (await store.findCheckIn(c, one))!;
    expect(fresh).toMatchObject({ remindersSent: 1, nextNudgeAt: day(3) });
    expect(await store.moveNudge(c, fresh, day(4))).toBe(true);
    expect((await store.findCheckIn(c, one))?.nextNudgeAt?.toISOString()).toBe('2026-03-06T09:00:00.000Z');
    expect((await outbox()).filter((k) => k.startsWith('nudge'))).toEqual(['nudge:1']);
  });

  test('schedule, overdue, at-risk flag', async () => {
    expect(store.OPEN_STATUSES).toEqual(['due', 'scheduled']);
    const none = { id: one, invitationSequence: null };
    expect(await store.scheduleCheckIn(c, none, day(5), day(4), [msg('scheduled:1')])).toBe(true);
    // Slack's retry (read before the first was stored, or after) and the same time again change nothing
    expect(await store.scheduleCheckIn(c, none, day(6), day(5), [msg('scheduled:retry')])).toBe(false);
    expect(await store.scheduleCheckIn(c, { id: one, invitationSequence: 0 }, day(5), day(4), [msg('scheduled:again')])).toBe(
      false,
    );
    expect(await store.findCheckIn(c, one)).toMatchObject({
      status: 'scheduled',
      scheduledFor: day(5),
      nextNudgeAt: day(4),
      invitationSequence: 0,
    });
    // a reschedule: the invitation's SEQUENCE grows
    expect(await store.scheduleCheckIn(c, { id: one, invitationSequence: 0 }, day(7), day(8), [msg('scheduled:2')])).toBe(true);
    expect(await store.findCheckIn(c, one)).toMatchObject({ scheduledFor: day(7), nextNudgeAt: day(8), invitationSequence: 1 });
    expect(await store.scheduleCheckIn(c, { id: one, invitationSequence: 1 }, day(5), day(4), [msg('scheduled:3')])).toBe(true);
    expect(await store.findOverdueCheckIns(c, new Date(day(0).getTime() - 1), 10)).toEqual([]);
    expect(ids(await store.findOverdueCheckIns(c, day(0), 10))).toEqual([one]);
    const candidates = await store.findAtRiskCandidates(c, 10);
    expect(candidates.map((p) => [p.id, p.lastMetAt])).toEqual([
      ['pair-1', null],
      ['pair-2', null],
      ['pair-3', null],
    ]);
    expect(ids(await store.findAtRiskCandidates(c, 10, 'pair-2'))).toEqual(['pair-3']);
    expect(await store.flagAtRisk(c, 'pair-1', day(1), [msg('at-risk:pair-1')])).toBe(true);
    expect(await store.flagAtRisk(c, 'pair-1', day(2), [msg('at-risk:again')])).toBe(false);
    expect((await store.findPairing(c, 'pair-1'))?.atRiskFlaggedAt).toEqual(day(1));
    expect(ids(await store.findAtRiskCandidates(c, 10))).toEqual(['pair-2', 'pair-3']);
  });

  test('closeCheckIn: met once, opens the next, clears the flag, writes requests and messages', async () => {
    const request = req(`checkin:${one}:ana`, 'pair-1', day(8));
    const row = { id: one, pairingId: 'pair-1', sequence: 1 };
    const met = { status: 'met' as const, metAt: day(5), loggedBySlackId: 'UANA' };
    expect(await store.closeCheckIn(c, row, met, { dueAt: day(26), nextNudgeAt: day(25) }, [msg('met:1')], [request])).toBe(true);
    expect(await store.closeCheckIn(c, row, { status: 'skipped' }, null, [msg('skipped:1')])).toBe(false);
    expect(await c.checkIn.findUnique({ where: { id: one } })).toMatchObject({ ...met, nextNudgeAt: null });
    const next = await c.checkIn.findUniqueOrThrow({ where: { pairingId_sequence: { pairingId: 'pair-1', sequence: 2 } } });
    expect(next).toMatchObject({ status: 'due', dueAt: day(26), nextNudgeAt: day(25) });
    expect((await store.findPairing(c, 'pair-1'))?.atRiskFlaggedAt).toBeNull();
    expect(await c.feedbackRequest.findUnique({ where: { key: request.key } })).toMatchObject(request);
    expect(await store.countMet(c, 'pair-1')).toBe(1);
    expect((await store.findAtRiskCandidates(c, 1))[0]).toMatchObject({ id: 'pair-1', lastMetAt: day(5) });
    expect((await outbox()).filter((k) => !k.includes('intro'))).toEqual([
      'at-risk:pair-1',
      'met:1',
      'nudge:1',
      'scheduled:1',
      'scheduled:2',
      'scheduled:3',
    ]);
  });

  test("a nudge to each member's own DM is written with its claim; closing the check-in withdraws what has not gone", async () => {
    const second = await c.checkIn.findUniqueOrThrow({ where: { pairingId_sequence: { pairingId: 'pair-1', sequence: 2 } } });
    const key = (n: number, user?: string) => `nudge:${second.id}:${n}${user ? `:${user}` : ''}`;
    const own = (n: number, user: string): OutgoingMessage => ({
      ...msg(key(n, user)),
      to: { users: [user] },
      notBefore: day(40),
    });
    expect(await store.recordNudge(c, second, 1, day(28), [own(1, 'UANA'), own(1, 'UBEN')])).toBe(true);
    const fresh = (await store.findCheckIn(c, second.id))!;
    expect(await store.recordNudge(c, fresh, 2, null, msg(key(2)))).toBe(true);
    // one was tried already (it may have reached Slack): it stays, as does every other check-in's
    await c.outboxMessage.updateMany({ where: { idempotencyKey: key(1, 'UBEN') }, data: { attempts: 1 } });
    expect(
      await store.closeCheckIn(c, { id: second.id, pairingId: 'pair-1', sequence: 2 }, { status: 'skipped' }, null, []),
    ).toBe(true);
    expect((await outbox()).filter((k) => k.startsWith('nudge'))).toEqual(['nudge:1', key(1, 'UBEN')].sort());
  });

  test('pair buttons: cadence and pause change once; wrap-up ends the pair once with the final survey', async () => {
    expect(await store.setCadence(c, 'pair-1', 28, [msg('cadence:28')])).toBe(true);
    expect(await store.setCadence(c, 'pair-1', 28, [msg('cadence:28:again')])).toBe(false);
    expect(await store.setPairingStatus(c, 'pair-1', 'active', 'paused', [msg('paused')], day(20))).toBe(true);
    expect(await store.setPairingStatus(c, 'pair-1', 'active', 'paused', [msg('paused:again')], day(21))).toBe(false);
    expect(await store.findPairing(c, 'pair-1')).toMatchObject({ status: 'paused', cadenceDays: 28 });
    expect(await store.findDueNudges(c, day(30), 10)).toEqual([]); // a paused pair is not nudged
    expect(await store.setPairingStatus(c, 'pair-1', 'paused', 'active', [], day(24))).toBe(true);
    // one spell of pause for the at-risk flag to skip: from the pause to the resume
    const spells = await c.pauseSpell.findMany({ where: { pairingId: 'pair-1' } });
    expect(spells.map((s) => [s.startedAt, s.endsAt])).toEqual([[day(20), day(24)]]);
    expect(ids(await store.findPairingsToWrapUp(c, utc('2026-02-27'), 10))).toEqual([]);
    expect(ids(await store.findPairingsToWrapUp(c, utc('2026-02-28'), 10))).toEqual(['pair-3']);
    await c.checkIn.create({ data: { id: 'ci-old', pairingId: 'pair-3', sequence: 1, dueAt: day(-5), nextNudgeAt: day(-4) } });
    const survey = [req('final:pair-3:o1', 'pair-3', null)];
    expect(await store.endPairing(c, 'pair-3', T0, [msg('final:pair-3')], survey)).toBe(true);
    expect(await store.endPairing(c, 'pair-3', day(1), [msg('final:again')], survey)).toBe(false);
    const ended = { status: 'ended', endReason: 'programme_ended', endedAt: T0, finalSurveyAt: T0 };
    expect(await store.findPairing(c, 'pair-3')).toMatchObject(ended);
    expect(await store.findCheckIn(c, 'ci-old')).toMatchObject({ status: 'due', nextNudgeAt: null });
    expect(await c.feedbackRequest.count({ where: { kind: 'final' } })).toBe(1);
    expect(await store.findPairingsToWrapUp(c, day(0), 10)).toEqual([]);
    expect((await outbox()).filter((k) => /^(cadence|paused|final)/.test(k))).toEqual(['cadence:28', 'final:pair-3', 'paused']);
  });
});
