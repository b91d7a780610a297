import { isWorkingTime, localTime, zonedInstant } from '../../src/domain/schedule/index.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { nudgeInstant } from '../../src/domain/schedule/index.js';
import { outboxDrained, plannedAt, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { COORDINATOR, dmTexts, resend } from '../support/programmeFlows.js';
import { enqueueMessages } from '../../src/store/outbox.js';

const user = (slackUserId: string, timezone: string): Member => ({ slackUserId, timezone });
const AMARA = user('U0EMU0001', 'Europe/London');
const DANIEL = user('U0EMU0002', 'America/Los_Angeles');
const PRIYA = user('U0EMU0003', 'Asia/Kolkata');
const KLAUS = user('U0EMU0004', 'Europe/Berlin');
const HEMI = user('U0EMU0006', 'Pacific/Auckland');
const ZOE = user('U0EMU0007', 'Europe/London');
const LEO = user('U0EMU0008', 'America/Los_Angeles');
const AISHA = user('U0EMU0009', 'Asia/Kolkata');
const JONAS = user('U0EMU0010', 'Europe/Berlin');

const DAY = 24 * 3600_000;
const iso = (d: Date) => d.toISOString();

function assertDaytimeWeekday(at: Date, zones: string[], what: string) {
  for (const zone of zones) {
    const t = localTime(at, zone);
    const ok = t.weekday !== 0 && t.weekday !== 6 && t.minute >= 7 * 60 && t.minute < 22 * 60;
    if (!ok) throw new Error(`${what} at ${iso(at)} is ${JSON.stringify(t)} in ${zone}`);
  }
}

/** Nudges and reminders: in working hours (Mon-Fri 09:00-17:00) for each of their receivers. */
function assertWorkingHours(at: Date, zones: string[], what: string) {
  for (const zone of zones) {
    const t = localTime(at, zone);
    if (!isWorkingTime(t)) throw new Error(`${what} at ${iso(at)} is ${JSON.stringify(t)} in ${zone}`);
  }
}

async function click(
  h: Harness,
  userId: string,
  actionId: string,
  row: { channelId: string; messageTs: string },
  selection: { selectedDateTime?: number; selectedOption?: string } = {},
) {
  const res = await h.driver.blockAction({
    userId,
    actionId,
    ...selection,
    container: { type: 'message', channelId: row.channelId, messageTs: row.messageTs },
  });
  expect(res.status).toBe(200);
  return res;
}

describe.each(testDatabaseKinds())('check-in series on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('six months, four pairs in several zones: nudges at the right local time, reminders capped, at-risk once, wrap-up', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    const pairs = {
      eager: {
        id: await seedPair(db, 'prog', 'eager', LEO, HEMI, '2026-03-09'),
        zones: [LEO.timezone, HEMI.timezone],
        people: [LEO, HEMI],
      },
      // no working hour in common: each gets the nudges in their own DM, at their own 10:00
      late: {
        id: await seedPair(db, 'prog', 'late', AISHA, DANIEL, '2026-03-09'),
        zones: [AISHA.timezone, DANIEL.timezone],
        people: [AISHA, DANIEL],
      },
      silent: {
        id: await seedPair(db, 'prog', 'silent', ZOE, PRIYA, '2026-03-09'),
        zones: [ZOE.timezone, PRIYA.timezone],
        people: [ZOE, PRIYA],
      },
      local: {
        id: await seedPair(db, 'prog', 'local', JONAS, KLAUS, '2026-03-09', 21),
        zones: [JONAS.timezone],
        people: [JONAS, KLAUS],
      },
    };
    // eager meets at the nudge, late at the first reminder, silent never, local at the nudge
    const meetsAt: Record<string, number> = { eager: 1, late: 2, local: 1 };
    const handled = new Set<string>();
    // node-cron ticks every few minutes; this loop wakes a few minutes after each planned nudge and wrap-up, and daily.
    const wrapUps = Object.values(pairs).map((p) =>
      nudgeInstant('2026-09-02', { mentorZone: p.people[0]!.timezone, menteeZone: p.people[1]!.timezone }),
    );
    let now = new Date('2026-03-02T09:00:00Z');
    const end = new Date('2026-09-04T12:00:00Z');
    while (now < end) {
      const next = await db.checkIn.findFirst({
        where: { status: { in: ['due', 'scheduled'] }, nextNudgeAt: { gt: now } },
        orderBy: { nextNudgeAt: 'asc' },
      });
      // a nudge written for later (a member's own 10:00) goes when its time comes
      const held = await db.outboxMessage.findFirst({
        where: { status: 'pending', nextAttemptAt: { gt: now } },
        orderBy: { nextAttemptAt: 'asc' },
      });
      const wakes = [next?.nextNudgeAt, held?.nextAttemptAt, ...wrapUps]
        .filter((d): d is Date => d !== undefined && d !== null && d > now)
        .map((d) => d.getTime() + 5 * 60_000);
      now = new Date(Math.min(now.getTime() + DAY, ...wakes));
      await tickAt(h, now);
      await outboxDrained(h);
      const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'nudge:' }, status: 'sent' } });
      for (const row of rows) {
        if (handled.has(row.idempotencyKey)) continue;
        handled.add(row.idempotencyKey);
        const [, checkInId, n, recipient] = row.idempotencyKey.split(':') as [string, string, string, string | undefined];
        const c = await db.checkIn.findUniqueOrThrow({ where: { id: checkInId } });
        if (meetsAt[c.pairingId] !== Number(n) || c.status === 'met') continue;
        const sent = await sentRow(h, row.idempotencyKey);
        // in the group DM the mentor answers; in a member's own DM, that member
        const mentor = pairs[c.pairingId as keyof typeof pairs].people[0]!;
        await click(h, recipient ?? mentor.slackUserId, 'checkin_met', sent);
        await eventually(
          async () => (await db.checkIn.findUniqueOrThrow({ where: { id: checkInId } })).status === 'met',
          5000,
          `check-in ${checkInId} met`,
        );
      }
    }
    await outboxDrained(h);

    // Every nudge and reminder: working hours for its receivers; the nudge on or after the due day (their own
    // day, in their own DM); same zone: 10:00 local. The pair with no common working hour: only in their own DMs.
    const nudges = await db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'nudge:' } } });
    const checkIns = await db.checkIn.findMany({ orderBy: [{ pairingId: 'asc' }, { sequence: 'asc' }] });
    const byId = new Map(checkIns.map((c) => [c.id, c]));
    const numbers = new Map<string, Set<string>>();
    for (const row of nudges) {
      expect(row.status).toBe('sent');
      const [, checkInId, n, recipient] = row.idempotencyKey.split(':') as [string, string, string, string | undefined];
      const c = byId.get(checkInId)!;
      const pair = pairs[c.pairingId as keyof typeof pairs];
      const at = plannedAt(row);
      const zones = recipient ? [pair.people.find((p) => p.slackUserId === recipient)!.timezone] : pair.zones;
      assertWorkingHours(at, zones, row.idempotencyKey);
      expect(recipient !== undefined).toBe(c.pairingId === 'late');
      if (n === '1') expect(localTime(at, zones.at(-1)!).date >= c.dueAt.toISOString().slice(0, 10)).toBe(true);
      if (c.pairingId === 'local' || recipient) expect(localTime(at, zones.at(-1)!).minute).toBe(600);
      numbers.set(checkInId, new Set([...(numbers.get(checkInId) ?? []), n]));
    }
    const perCheckIn = new Map([...numbers].map(([id, ns]) => [id, ns.size]));
    // At most the nudge and two reminders; the silent pair got exactly that for each check-in.
    expect(Math.max(...perCheckIn.values())).toBe(3);
    const silent = checkIns.filter((c) => c.pairingId === 'silent');
    expect(silent.length).toBeGreaterThanOrEqual(10);
    for (const c of silent.slice(0, -1)) {
      expect([c.status, perCheckIn.get(c.id)]).toEqual(['missed', 3]);
    }
    // The eager pair met every time, every cadence; the series stops before the end date.
    const eager = checkIns.filter((c) => c.pairingId === 'eager');
    expect(eager.length).toBeGreaterThanOrEqual(10);
    expect(eager.every((c) => c.status === 'met' && c.dueAt < new Date('2026-09-02T00:00:00Z'))).toBe(true);
    const late = checkIns.filter((c) => c.pairingId === 'late');
    // the late pair met at each first reminder, except the last check-in: the programme ended before its reminder
    expect(late.slice(0, -1).map((c) => [c.sequence, c.status, perCheckIn.get(c.id)])).toEqual(
      late.slice(0, -1).map((c) => [c.sequence, 'met', 2]),
    );
    expect(late.length).toBeGreaterThanOrEqual(9);
    const local = checkIns.filter((c) => c.pairingId === 'local');
    expect(local.length).toBeGreaterThanOrEqual(7); // every 3 weeks for 6 months

    // Only the silent pair was flagged, once, to the coordinator.
    const pairings = await db.pairing.findMany({ orderBy: { id: 'asc' } });
    expect(pairings.map((p) => [p.id, p.atRiskFlaggedAt !== null, p.status])).toEqual([
      ['eager', false, 'ended'],
      ['late', false, 'ended'],
      ['local', false, 'ended'],
      ['silent', true, 'ended'],
    ]);
    expect(dmTexts(h, COORDINATOR).filter((t) => t.includes('Pair at risk'))).toHaveLength(1);

    // Each group DM: every message once, the wrap-up last. The late pair, with no working hour in common, has its
    // wrap-up in each member's own DM at their own 10:00 on the end date (docs/delivery-times.md).
    for (const pair of Object.values(pairs)) {
      const messages = h.emulator.messagesIn(h.emulator.channelFor(pair.people.map((p) => p.slackUserId)));
      const keys = messages.map((m) => String(m.metadata?.event_payload?.idempotency_key));
      expect(new Set(keys).size).toBe(keys.length);
      if (pair.id === 'late') {
        expect(keys.filter((k) => k.startsWith('wrapup:'))).toEqual([]);
        for (const m of pair.people) {
          const wrap = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `wrapup:late:dm:${m.slackUserId}` } });
          expect(plannedAt(wrap).toISOString()).toBe(zonedInstant('2026-09-02', 10 * 60, m.timezone).toISOString());
          const own = h.emulator.messagesIn(h.emulator.channelFor([m.slackUserId]));
          const delivered = own.filter((x) => x.metadata?.event_payload?.idempotency_key === wrap.idempotencyKey);
          expect(delivered.map((x) => x.metadata?.event_payload?.planned_at)).toEqual([plannedAt(wrap).toISOString()]);
        }
        expect(await db.outboxMessage.count({ where: { idempotencyKey: 'wrapup:late' } })).toBe(0);
        continue;
      }
      expect(keys.at(-1)).toBe(`wrapup:${pair.id}`);
      const wrap = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `wrapup:${pair.id}` } });
      expect(localTime(plannedAt(wrap), pair.people[1]!.timezone).date).toBe('2026-09-02');
      assertDaytimeWeekday(plannedAt(wrap), pair.zones, wrap.idempotencyKey);
      // what Slack received carries the same planned time
      const delivered = messages.find((m) => m.metadata?.event_payload?.idempotency_key === wrap.idempotencyKey);
      expect(delivered?.metadata?.event_payload?.planned_at).toBe(plannedAt(wrap).toISOString());
    }
    // Thank-you DMs to each of the eager pair, one per meeting.
    expect(dmTexts(h, LEO.slackUserId).filter((t) => t.includes('logged as met'))).toHaveLength(eager.length);
    expect(dmTexts(h, HEMI.slackUserId).filter((t) => t.includes(`logged as met (by <@${LEO.slackUserId}>)`))).toHaveLength(
      eager.length,
    );
  }, 120_000);
});

describe.each(testDatabaseKinds())('check-in buttons on %s', (kind) => {
  let h: Harness;
  const pair = [ZOE.slackUserId, AMARA.slackUserId];
  let channel: string;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(db, 'prog', 'p', ZOE, AMARA, '2026-03-04');
    await seedPair(db, 'prog', 'q', LEO, DANIEL, '2026-03-04');
    await seedPair(db, 'prog', 'r', AISHA, PRIYA, '2026-03-04');
    // Aisha pauses herself until 20 March, before r's first check-in.
    await db.participant.update({
      where: { id: 'r-mentor' },
      data: { status: 'paused', pausedUntil: new Date('2026-03-20T00:00:00Z') },
    });
    channel = h.emulator.channelFor(pair);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const checkIn = (pairingId: string, sequence: number) =>
    h.bot.db.client.checkIn.findUniqueOrThrow({ where: { pairingId_sequence: { pairingId, sequence } } });
  const texts = () => h.emulator.messagesIn(channel).map((m) => m.text);

  test('the nudge: on the due day at 10:00 local, with its buttons; a second pass sends nothing more', async () => {
    await tickAt(h, '2026-03-04T09:55:00Z');
    expect(await h.bot.db.client.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'nudge:' } } })).toBe(0);
    await tickAt(h, '2026-03-04T10:05:00Z');
    await tickAt(h, '2026-03-04T10:06:00Z');
    const row = await sentRow(h, 'nudge:p-ci1:1');
    expect(iso(plannedAt(row))).toBe('2026-03-04T10:00:00.000Z');
    expect(row.channelId).toBe(channel);
    const blocks = JSON.stringify(h.emulator.messagesIn(channel)[0]?.blocks);
    for (const label of ['We met', 'Scheduled for...', 'Not this time', 'Change cadence', 'Pause'])
      expect(blocks).toContain(label);
    expect(texts()).toHaveLength(1);
    // the due day as Slack's date formatting, noon of 4 March in the mentee's zone (London), with a fallback
    expect(texts()[0]).toContain(`due today (<!date^${Date.UTC(2026, 2, 4, 12) / 1000}^{date_long_pretty}|Wed 4 Mar 2026>)`);
  });

  test('"Scheduled for..." a day and a time: no reminder before it, one the day after', async () => {
    const row = await sentRow(h, 'nudge:p-ci1:1');
    const at = Date.parse('2026-03-10T14:30:00Z') / 1000;
    const res = await click(h, AMARA.slackUserId, 'checkin_scheduled', row, { selectedDateTime: at });
    await resend(h, res);
    await eventually(async () => (await checkIn('p', 1)).status === 'scheduled', 5000, 'scheduled');
    const c = await checkIn('p', 1);
    expect(iso(c.scheduledFor!)).toBe('2026-03-10T14:30:00.000Z');
    expect(iso(c.nextNudgeAt!)).toBe('2026-03-11T10:00:00.000Z');
    await outboxDrained(h);
    await eventually(() => texts().length === 2 || undefined, 5000, 'scheduled note');
    expect(texts()[1]).toContain(`your time: Tue 10 Mar 2026, 14:30 for <@${AMARA.slackUserId}> (Europe/London)`);
    for (const at of ['2026-03-07T10:05:00Z', '2026-03-09T10:05:00Z', '2026-03-10T10:05:00Z']) await tickAt(h, at);
    expect(await h.bot.db.client.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'nudge:p-ci1' } } })).toBe(1);
    await tickAt(h, '2026-03-11T10:05:00Z');
    const reminder = await sentRow(h, 'nudge:p-ci1:2');
    expect(iso(plannedAt(reminder))).toBe('2026-03-11T10:00:00.000Z');
    expect(JSON.parse(reminder.payloadJson).text).toContain('you planned check-in 1');
  });

  test('"We met" logs the check-in once (Slack retries too), thanks each privately, opens the next', async () => {
    const reminder = await sentRow(h, 'nudge:p-ci1:2');
    const res = await click(h, ZOE.slackUserId, 'checkin_met', reminder);
    await resend(h, res);
    await click(h, AMARA.slackUserId, 'checkin_met', reminder); // the other one clicks too
    await eventually(async () => (await checkIn('p', 1)).status === 'met', 5000, 'met');
    const c = await checkIn('p', 1);
    expect([c.loggedBySlackId, iso(c.metAt!)]).toEqual([ZOE.slackUserId, '2026-03-11T10:05:00.000Z']);
    const next = await checkIn('p', 2);
    expect([next.dueAt.toISOString().slice(0, 10), next.status, iso(next.nextNudgeAt!)]).toEqual([
      '2026-03-25',
      'due',
      '2026-03-25T10:00:00.000Z',
    ]);
    await outboxDrained(h);
    await eventually(() => dmTexts(h, AMARA.slackUserId).some((t) => t.includes('logged as met')) || undefined, 5000, 'thanks');
    expect(dmTexts(h, ZOE.slackUserId).filter((t) => t.includes('logged as met'))).toEqual([
      `Thank you! Check-in 1 of Programme prog is logged as met. Your next check-in is due <!date^${Date.UTC(2026, 2, 25, 12) / 1000}^{date_long_pretty}|Wed 25 Mar 2026>.`,
    ]);
    expect(dmTexts(h, AMARA.slackUserId).filter((t) => t.includes('logged as met'))).toHaveLength(1);
    expect(await h.bot.db.client.checkIn.count({ where: { pairingId: 'p' } })).toBe(2);
  });

  test('"Change cadence" applies from the next check-in; "Not this time" skips one', async () => {
    await tickAt(h, '2026-03-25T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:2'.replace('p-ci1:2', `${(await checkIn('p', 2)).id}:1`));
    const change = await click(h, ZOE.slackUserId, 'checkin_cadence', nudge, { selectedOption: '21' });
    await resend(h, change);
    await eventually(
      async () => (await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: 'p' } })).cadenceDays === 21,
      5000,
      'cadence',
    );
    // The pair chose its own: a new programme default (/rm-admin edit) leaves it alone.
    expect((await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: 'p' } })).cadenceChosen).toBe(true);
    const skip = await click(h, AMARA.slackUserId, 'checkin_skip', nudge);
    await resend(h, skip);
    await eventually(async () => (await checkIn('p', 2)).status === 'skipped', 5000, 'skipped');
    expect((await checkIn('p', 3)).dueAt.toISOString().slice(0, 10)).toBe('2026-04-15');
    expect(await h.bot.db.client.checkIn.count({ where: { pairingId: 'p' } })).toBe(3);
    await outboxDrained(h);
    await eventually(() => texts().some((t) => t.includes('skipped this check-in')) || undefined, 5000, 'skip note');
    expect(texts().filter((t) => t.includes('changed your check-ins to every 3 weeks'))).toHaveLength(1);
    expect(
      texts().filter((t) =>
        t.includes(
          `skipped this check-in. The next one is due <!date^${Date.UTC(2026, 3, 15, 11) / 1000}^{date_long_pretty}|Wed 15 Apr 2026>`,
        ),
      ),
    ).toHaveLength(1);
  });

  test('"Pause": no nudge or reminder while paused; "Resume": the reminder comes at the next working hour', async () => {
    await tickAt(h, '2026-04-15T09:05:00Z'); // 10:05 BST
    const third = await checkIn('p', 3);
    const nudge = await sentRow(h, `nudge:${third.id}:1`);
    expect(iso(plannedAt(nudge))).toBe('2026-04-15T09:00:00.000Z');
    const res = await click(h, ZOE.slackUserId, 'checkin_pause', nudge);
    await resend(h, res);
    await eventually(
      async () => (await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: 'p' } })).status === 'paused',
      5000,
      'paused',
    );
    const before = await h.bot.db.client.outboxMessage.count();
    for (let d = 16; d <= 24; d++) await tickAt(h, `2026-04-${d}T09:05:00Z`);
    expect(await h.bot.db.client.outboxMessage.count({ where: { idempotencyKey: { startsWith: `nudge:${third.id}` } } })).toBe(1);
    await outboxDrained(h);
    const pausedNote = await eventually(
      () => h.emulator.messagesIn(channel).find((m) => m.text.includes('paused your check-ins')),
      5000,
      'paused note',
    );
    expect(h.emulator.messagesIn(channel).filter((m) => m.text.includes('paused your check-ins'))).toHaveLength(1);
    // Resume on Friday evening: the pending reminder waits for Monday 10:00, not the weekend.
    h.clock.set(new Date('2026-04-24T18:00:00Z'));
    await h.driver.blockAction({
      userId: AMARA.slackUserId,
      actionId: 'checkin_resume',
      container: { type: 'message', channelId: channel, messageTs: pausedNote.ts },
    });
    await eventually(
      async () => (await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: 'p' } })).status === 'active',
      5000,
      'resumed',
    );
    // The pass that finds it writes it at once, for Monday 10:00: no later pass has to find it again.
    await tickAt(h, '2026-04-24T18:05:00Z');
    const held = await h.bot.db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `nudge:${third.id}:2` } });
    expect([held.status, iso(held.nextAttemptAt), iso(plannedAt(held))]).toEqual([
      'pending',
      '2026-04-27T09:00:00.000Z',
      '2026-04-27T09:00:00.000Z',
    ]);
    expect((await checkIn('p', 3)).remindersSent).toBe(2);
    await tickAt(h, '2026-04-27T09:05:00Z');
    const reminder = await sentRow(h, `nudge:${third.id}:2`);
    expect(iso(plannedAt(reminder))).toBe('2026-04-27T09:00:00.000Z');
    expect(before).toBeLessThan(await h.bot.db.client.outboxMessage.count());
  });

  test('a paused participant gets nothing: the check-in due during the pause is missed, nudges resume after it', async () => {
    const db = h.bot.db.client;
    const rChannel = h.emulator.channelFor([AISHA.slackUserId, PRIYA.slackUserId]);
    await tickAt(h, '2026-04-27T09:30:00Z'); // 15:00 in Kolkata
    expect(await db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'nudge:r-ci1:' } } })).toBe(0);
    expect((await checkIn('r', 1)).status).toBe('missed');
    expect((await db.participant.findUniqueOrThrow({ where: { id: 'r-mentor' } })).status).toBe('active');
    const rIds = (await db.checkIn.findMany({ where: { pairingId: 'r' } })).map((c) => c.id);
    const rows = await db.outboxMessage.findMany({
      where: { OR: rIds.map((id) => ({ idempotencyKey: { startsWith: `nudge:${id}:` } })) },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(plannedAt(row) >= new Date('2026-03-20T00:00:00Z')).toBe(true);
      assertDaytimeWeekday(plannedAt(row), [AISHA.timezone, PRIYA.timezone], row.idempotencyKey);
    }
    await outboxDrained(h);
    expect(h.emulator.messagesIn(rChannel)).toHaveLength(rows.length);
  });

  test('a departure mid-series: the pair pauses, nothing more is sent to it, the partner alone gets the wrap-up', async () => {
    const db = h.bot.db.client;
    const qChannel = h.emulator.channelFor([LEO.slackUserId, DANIEL.slackUserId]);
    const before = h.emulator.messagesIn(qChannel).length;
    h.emulator.deleteUser(LEO.slackUserId);
    await h.driver.userChange(LEO.slackUserId, { eventId: 'EvLEO1' });
    await eventually(
      async () => (await db.pairing.findUniqueOrThrow({ where: { id: 'q' } })).status === 'paused',
      5000,
      'q paused',
    );
    for (let d = 0; d < 125; d += 3) await tickAt(h, new Date(Date.parse('2026-04-28T10:05:00Z') + d * DAY));
    await tickAt(h, '2026-09-02T20:00:00Z');
    await outboxDrained(h);
    expect(h.emulator.messagesIn(qChannel)).toHaveLength(before);
    await eventually(
      () => dmTexts(h, DANIEL.slackUserId).some((t) => t.includes('has come to an end')) || undefined,
      5000,
      'wrap-up to Daniel',
    );
    expect(dmTexts(h, LEO.slackUserId).some((t) => t.includes('has come to an end'))).toBe(false);
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'q' } })).status).toBe('ended');
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'p' } })).status).toBe('ended');
  });
});

describe.each(testDatabaseKinds())('the group DM opened by the introduction on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('is stored on the pairing once the intro is sent, and the nudge goes there without conversations.open', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(db, 'prog', 'g', JONAS, KLAUS, '2026-03-04');
    await enqueueMessages(db, [
      {
        idempotencyKey: 'match-intro:g',
        kind: 'pairing.intro',
        to: { users: [JONAS.slackUserId, KLAUS.slackUserId] },
        text: 'Meet your pair',
      },
    ]);
    const intro = await sentRow(h, 'match-intro:g');
    expect(intro.channelId).toBe(h.emulator.channelFor([JONAS.slackUserId, KLAUS.slackUserId]));
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'g' } })).groupChannelId).toBeNull();
    const opens = h.emulator.callsTo('conversations.open').length;

    await tickAt(h, '2026-03-04T09:05:00Z'); // 10:05 in Berlin
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'g' } })).groupChannelId).toBe(intro.channelId);
    const nudge = await sentRow(h, 'nudge:g-ci1:1');
    expect(JSON.parse(nudge.payloadJson).to).toEqual({ channel: intro.channelId });
    expect(nudge.channelId).toBe(intro.channelId);
    expect(h.emulator.callsTo('conversations.open')).toHaveLength(opens);
  });
});
