// Issue 18 item 2: coordinators' reminders and the weekly digest with buttons that act, through the emulator.
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { plannedAt, seedPair, seedProgramme, sentRow, tickAt } from '../support/checkInFlows.js';
import { COORDINATOR } from '../support/programmeFlows.js';
import type { Db } from '../../src/store/database.js';
import { containsDays } from '../support/slackDates.js';

const LEO = 'U0EMU0008'; // not a coordinator
const ZOE = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
const AMARA = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };
const JONAS = { slackUserId: 'U0EMU0010', timezone: 'Europe/Berlin' };
const KLAUS = { slackUserId: 'U0EMU0004', timezone: 'Europe/Berlin' };
const AISHA = 'U0EMU0009';

const iso = (d: Date) => d.toISOString();
const keysLike = (db: Db, prefix: string) => db.outboxMessage.count({ where: { idempotencyKey: { startsWith: prefix } } });

async function seedPerson(db: Db, programmeId: string, id: string, slackUserId: string, role: string, level: number) {
  await db.participant.create({ data: { id, programmeId, slackUserId, role, seniorityLevel: level, timezone: 'Europe/London' } });
}

describe.each(testDatabaseKinds())('coordinator reminders on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('signup closed: once, in working hours, with the counts and a button to the preview', async () => {
    const db = h.bot.db.client;
    await db.programme.create({
      data: {
        id: 'sig',
        name: 'Spring <b>',
        status: 'open',
        startDate: new Date('2026-03-16T00:00:00Z'),
        durationMonths: 6,
        endDate: new Date('2026-09-16T00:00:00Z'),
        signupDeadline: new Date('2026-03-05T00:00:00Z'),
        timezone: 'Europe/London',
        createdBySlackId: COORDINATOR,
      },
    });
    await seedPerson(db, 'sig', 'sig-1', ZOE.slackUserId, 'mentor', 2);
    await seedPerson(db, 'sig', 'sig-2', LEO, 'mentor', 2);
    await seedPerson(db, 'sig', 'sig-3', AMARA.slackUserId, 'mentee', 7);
    const key = `reminder:signup-closed:sig:${COORDINATOR}`;

    await tickAt(h, '2026-03-05T12:00:00Z'); // the deadline's own day: signup is still open
    expect(await keysLike(db, 'reminder:')).toBe(0);
    await tickAt(h, '2026-03-07T12:00:00Z'); // Saturday: written now, for Monday 10:00
    await tickAt(h, '2026-03-07T13:00:00Z');
    expect(await keysLike(db, 'reminder:signup-closed:')).toBe(1);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(iso(row.nextAttemptAt)).toBe('2026-03-09T10:00:00.000Z');
    expect(iso(plannedAt(row))).toBe('2026-03-09T10:00:00.000Z');

    await tickAt(h, '2026-03-09T10:00:00Z');
    const sent = await sentRow(h, key);
    const message = h.emulator.messagesIn(sent.channelId).find((m) => m.ts === sent.messageTs)!;
    expect(message.text).toContain('3 joined, 2 mentors and 1 mentee');
    expect(message.text).toContain('Spring &lt;b&gt;');
    expect(JSON.stringify(message.blocks)).toContain('Preview the matching');
    expect(await keysLike(db, 'reminder:signup-closed:')).toBe(1);

    const container = { type: 'message' as const, channelId: sent.channelId, messageTs: sent.messageTs };
    expect((await h.driver.blockAction({ userId: COORDINATOR, actionId: 'home_preview_matching', container })).status).toBe(200);
    await eventually(() => h.emulator.lastViewFor(COORDINATOR)?.callback_id === 'notice' || undefined, 5000, 'preview opened');
    expect(JSON.stringify(h.emulator.lastViewFor(COORDINATOR)?.title)).toContain('Matching preview');
  });

  test('a draft waiting two working days: once, with a button to open it', async () => {
    const db = h.bot.db.client;
    // The preview (previous test) writes its draft after opening the modal: wait for it, then set it aside.
    await eventually(async () => (await db.matchRun.count({ where: { programmeId: 'sig' } })) > 0, 10000, "the preview's draft");
    await db.matchRun.updateMany({ where: { programmeId: 'sig' }, data: { status: 'superseded' } });
    await db.matchRun.create({
      data: {
        id: 'run-fri',
        programmeId: 'sig',
        status: 'draft',
        inputHash: 'x',
        createdBySlackId: COORDINATOR,
        createdAt: new Date('2026-03-13T15:00:00Z'), // Friday 15:00
      },
    });
    const key = `reminder:draft-waiting:run-fri:${COORDINATOR}`;
    await tickAt(h, '2026-03-16T15:30:00Z'); // Monday: one working day
    await tickAt(h, '2026-03-17T14:59:00Z');
    expect(await keysLike(db, key)).toBe(0);
    await tickAt(h, '2026-03-17T15:00:00Z'); // Tuesday 15:00: two working days, in working hours
    await tickAt(h, '2026-03-17T15:05:00Z');
    expect(await keysLike(db, 'reminder:draft-waiting:')).toBe(1);
    const sent = await sentRow(h, key);
    expect(iso(plannedAt(sent))).toBe('2026-03-17T15:00:00.000Z');
    const message = h.emulator.messagesIn(sent.channelId).find((m) => m.ts === sent.messageTs)!;
    expect(message.text).toMatch(containsDays('waiting for your approval since [[Fri 13 Mar 2026]]'));
    expect(JSON.stringify(message.blocks)).toContain('Open the draft');
  });

  test('the programme ends in two weeks: once, with a button to the report', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'end', '2026-04-13');
    await seedPair(db, 'end', 'end-p', ZOE, AMARA, '2026-03-04');
    const key = `reminder:ending-soon:end:${COORDINATOR}`;
    await tickAt(h, '2026-03-29T12:00:00Z'); // Sunday, 15 days before
    expect(await keysLike(db, key)).toBe(0);
    await tickAt(h, '2026-03-30T06:00:00Z'); // Monday 07:00 in London (summer time): for 10:00
    await tickAt(h, '2026-03-30T07:00:00Z');
    expect(await keysLike(db, 'reminder:ending-soon:')).toBe(1);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(iso(plannedAt(row))).toBe('2026-03-30T09:00:00.000Z');
    await tickAt(h, '2026-03-30T09:00:00Z');
    const sent = await sentRow(h, key);
    const message = h.emulator.messagesIn(sent.channelId).find((m) => m.ts === sent.messageTs)!;
    expect(message.text).toMatch(containsDays('ends on [[Mon 13 Apr 2026]]'));
    expect(JSON.stringify(message.blocks)).toContain('Open the report');
    const container = { type: 'message' as const, channelId: sent.channelId, messageTs: sent.messageTs };
    await h.driver.blockAction({ userId: COORDINATOR, actionId: 'report_open', container });
    const report = await eventually(
      () => h.emulator.ephemeralsIn(sent.channelId).find((m) => m.user === COORDINATOR),
      5000,
      'report',
    );
    expect(String(report.text)).toContain('Programme end');
    expect(await keysLike(db, 'reminder:signup-closed:end')).toBe(0); // matched already
  });
});

describe.each(testDatabaseKinds())('the weekly digest on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const digestKey = (weekOf: string) => `digest:dig:${COORDINATOR}:${weekOf}`;

  test('Monday 09:00 in the zone, once; buttons act once, refuse others, and say when already handled', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'dig');
    await seedPair(db, 'dig', 'risk', ZOE, AMARA, '2026-03-04');
    await seedPair(db, 'dig', 'left', JONAS, KLAUS, '2026-03-04');
    await seedPerson(db, 'dig', 'spare', AISHA, 'mentor', 2);
    await db.pairing.update({ where: { id: 'risk' }, data: { atRiskFlaggedAt: new Date('2026-03-05T10:00:00Z') } });
    await db.participant.update({
      where: { id: 'left-mentor' },
      data: { status: 'departed', leftAt: new Date('2026-03-04T12:00:00Z') },
    });
    await db.pairing.update({ where: { id: 'left' }, data: { status: 'paused' } });
    await db.outboxMessage.create({
      data: {
        id: 'failed-1',
        idempotencyKey: 'test:failed-1',
        kind: 'checkin.nudge',
        payloadJson: JSON.stringify({ to: { users: [ZOE.slackUserId] }, text: 'secret words' }),
        status: 'failed',
        updatedAt: new Date('2026-03-06T11:00:00Z'),
      },
    });

    await tickAt(h, '2026-03-08T12:00:00Z'); // Sunday: the first digest waits for a Monday
    await tickAt(h, '2026-03-09T08:59:00Z');
    expect(await db.coordinatorDigest.count()).toBe(0);
    await tickAt(h, '2026-03-09T09:00:00Z');
    await tickAt(h, '2026-03-09T09:30:00Z');
    expect(await db.coordinatorDigest.count()).toBe(1);
    expect(await keysLike(db, 'digest:')).toBe(1);
    const sent = await sentRow(h, digestKey('2026-03-09'));
    expect(iso(plannedAt(sent))).toBe('2026-03-09T09:00:00.000Z');
    const message = h.emulator.messagesIn(sent.channelId).find((m) => m.ts === sent.messageTs)!;
    const blocks = JSON.stringify(message.blocks);
    for (const part of [
      'New pairs at risk* (1)',
      'People who left* (1)',
      'waiting for a rematch* (1)',
      'could not be delivered* (1)',
    ])
      expect(blocks).toContain(part);
    expect(blocks).not.toContain('secret words');
    expect(message.text).toContain('4 new things');

    const container = { type: 'message' as const, channelId: sent.channelId, messageTs: sent.messageTs };
    const notes = (userId: string) =>
      h.emulator
        .ephemeralsIn(sent.channelId)
        .filter((m) => m.user === userId)
        .map((m) => String(m.text));
    const click = async (userId: string, actionId: string, blockId: string) => {
      const before = notes(userId).length;
      expect((await h.driver.blockAction({ userId, actionId, blockId, container })).status).toBe(200);
      return eventually(() => notes(userId)[before], 5000, `note for ${userId} after ${actionId}`);
    };

    // Not a coordinator: refused, nothing changes.
    expect(await click(LEO, 'digest_nudge', 'digest:atrisk:risk')).toBe(
      'Only the coordinators of Programme dig can use these buttons. Nothing was changed.',
    );
    expect(await keysLike(db, 'digest-nudge:')).toBe(0);

    // Nudge again: once, however often it is pressed.
    expect(await click(COORDINATOR, 'digest_nudge', 'digest:atrisk:risk')).toContain('get one more check-in reminder (now)');
    expect(await click(COORDINATOR, 'digest_nudge', 'digest:atrisk:risk')).toContain(
      'Already handled: this pair was nudged again',
    );
    expect(await keysLike(db, 'digest-nudge:risk:')).toBe(1);
    const nudge = await sentRow(h, `digest-nudge:risk:${new Date('2026-03-05T10:00:00Z').getTime()}`);
    expect(JSON.stringify(JSON.parse(nudge.payloadJson).blocks)).toContain('We met');

    // Pause the pair: once; then the nudge is stale.
    expect(await click(LEO, 'digest_pause', 'digest:atrisk:risk')).toContain('Only the coordinators');
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'risk' } })).status).toBe('active');
    expect(await click(COORDINATOR, 'digest_pause', 'digest:atrisk:risk')).toContain('are paused');
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'risk' } })).status).toBe('paused');
    expect(await click(COORDINATOR, 'digest_pause', 'digest:atrisk:risk')).toContain(
      'Already handled: this pair is already paused',
    );
    expect(await keysLike(db, 'pairing:risk:paused:')).toBe(1);
    expect(await click(COORDINATOR, 'digest_nudge', 'digest:atrisk:risk')).toContain('no longer at risk');

    // Offer a rematch to the partner left behind: the existing rematch, once.
    expect(await click(LEO, 'digest_rematch', 'digest:waiting:left')).toContain('Only the coordinators');
    const rematched = await click(COORDINATOR, 'digest_rematch', 'digest:waiting:left');
    expect(rematched).toContain(`<@${AISHA}>`);
    expect(await click(COORDINATOR, 'digest_rematch', 'digest:waiting:left')).toContain('Already handled');
    expect(await db.pairing.count({ where: { programmeId: 'dig', menteeId: 'left-mentee', status: 'active' } })).toBe(1);

    // The profile of the person who left: a modal for a coordinator, a refusal for anyone else.
    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'digest_profile',
      blockId: 'digest:left:left-mentor',
      container,
    });
    const profile = await eventually(
      () => h.emulator.lastViewFor(COORDINATOR)?.callback_id === 'digest_profile' && h.emulator.lastViewFor(COORDINATOR),
      5000,
      'profile',
    );
    expect(JSON.stringify(profile.blocks)).toContain(`<@${JONAS.slackUserId}>`);
    expect(JSON.stringify(profile.blocks)).toContain('left the company');
    await h.driver.blockAction({ userId: LEO, actionId: 'digest_profile', blockId: 'digest:left:left-mentor', container });
    const refusal = await eventually(() => h.emulator.lastViewFor(LEO), 5000, 'refusal');
    expect(JSON.stringify(refusal.blocks)).toContain('Only the coordinators');
  });

  test('silent when nothing is new; the next news comes the Monday after, without repeating the old', async () => {
    const db = h.bot.db.client;
    await tickAt(h, '2026-03-16T09:00:00Z');
    expect(
      await db.coordinatorDigest.findUnique({
        where: { programmeId_coordinator_weekOf: { programmeId: 'dig', coordinator: COORDINATOR, weekOf: '2026-03-16' } },
      }),
    ).toMatchObject({ items: 0 });
    expect(await keysLike(db, digestKey('2026-03-16'))).toBe(0);

    await db.outboxMessage.create({
      data: {
        id: 'failed-2',
        idempotencyKey: 'test:failed-2',
        kind: 'coordinator.pair_at_risk',
        payloadJson: JSON.stringify({ to: { channel: 'C0NEWS' }, text: 'x' }),
        status: 'failed',
        updatedAt: new Date('2026-03-17T11:00:00Z'),
      },
    });
    await tickAt(h, '2026-03-23T08:00:00Z'); // Monday 08:00 UTC = 08:00 London: not yet
    expect(await keysLike(db, digestKey('2026-03-23'))).toBe(0);
    await tickAt(h, '2026-03-23T09:00:00Z');
    const sent = await sentRow(h, digestKey('2026-03-23'));
    const message = h.emulator.messagesIn(sent.channelId).find((m) => m.ts === sent.messageTs)!;
    expect(message.text).toContain('1 new thing');
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain('could not be delivered* (1)');
    expect(blocks).not.toContain('pairs at risk');
  });
});
