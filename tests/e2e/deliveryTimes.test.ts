// Humane timing (issue 17, item 4; docs/delivery-times.md): what answers someone's own action goes at once,
// everything else waits for its receiver's working hours, through the outbox's not-before time.
import { isWorkingTime, localTime, zonedInstant } from '../../src/domain/schedule/index.js';
import { isoDateOf } from '../../src/core/localDate.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { outboxDrained, plannedAt, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { COORDINATOR, joinWith, LEO, MENTEE_ANSWERS, MENTOR_ANSWERS, openProgramme } from '../support/programmeFlows.js';

const DANIEL = 'U0EMU0002'; // America/Los_Angeles
const PRIYA = 'U0EMU0003'; // Asia/Kolkata
const LA = 'America/Los_Angeles';
const KOLKATA = 'Asia/Kolkata';
const NEW_YORK = 'America/New_York'; // the coordinator's Slack zone in the emulator's workspace

/** The outbox row with this key, once written. */
const row = (h: Harness, key: string) =>
  eventually(
    () => h.bot.db.client.outboxMessage.findUnique({ where: { idempotencyKey: key } }).then((r) => r ?? undefined),
    5000,
    key,
  );

/** /rm-admin match, then "Approve and announce" in the preview. */
async function matchAndApprove(h: Harness) {
  const ack = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' });
  expect(ack.status).toBe(200);
  const preview = await eventually(
    () => {
      const v = h.emulator.lastViewFor(COORDINATOR);
      const ready = v && v.callback_id === 'match_preview' && JSON.stringify(v.blocks).includes('match_approve');
      return ready && h.emulator.isViewOpen(v.id) ? v : undefined;
    },
    10000,
    'the preview',
  );
  await h.driver.blockAction({ userId: COORDINATOR, actionId: 'match_approve', container: { type: 'view', viewId: preview.id } });
  return eventually(
    () =>
      h.bot.db.client.pairing
        .findFirst({ where: { status: 'active' }, include: { mentor: true, mentee: true } })
        .then((p) => p ?? undefined),
    10000,
    'the approved pair',
  );
}

async function joinPair(h: Harness, mentor: { id: string; tz: string }, mentee: { id: string; tz: string }) {
  await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16' });
  await eventually(async () => (await h.bot.db.client.programme.count()) === 1, 5000, 'programme');
  await joinWith(h, mentor.id, { ...MENTOR_ANSWERS, capacity: '1', department: 'Engineering', timezone: mentor.tz });
  await joinWith(h, mentee.id, { ...MENTEE_ANSWERS, department: 'Sales', timezone: mentee.tz });
  await eventually(async () => (await h.bot.db.client.participant.count()) === 2, 5000, 'participants');
}

const introText = (payloadJson: string) => JSON.stringify((JSON.parse(payloadJson) as { blocks: unknown }).blocks);

/** Monday to Friday, 09:00 to 17:00 in the zone. */
const inWorkingHours = (at: Date, zone: string) => isWorkingTime(localTime(at, zone));

/** The outbox keys that start with `prefix`, sorted. */
const keysFrom = async (h: Harness, prefix: string) =>
  (await h.bot.db.client.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: prefix } } }))
    .map((m) => m.idempotencyKey)
    .sort();

describe.each(testDatabaseKinds())('delivery times on %s', (kind) => {
  describe('an introduction approved on a Saturday night in Los Angeles', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T15:00:00Z') });
      await joinPair(h, { id: LEO, tz: LA }, { id: DANIEL, tz: LA });
    }, 60000);
    afterAll(async () => {
      await h?.stop();
    });

    test('arrives on Monday at 10:00 in Los Angeles; the coordinator who approved is answered at once', async () => {
      // Saturday 7 March, 22:00 PST; the clocks go forward on Sunday.
      h.clock.set(new Date('2026-03-08T06:00:00Z'));
      const pair = await matchAndApprove(h);
      const intro = await row(h, `match-intro:${pair.id}`);
      expect(intro.nextAttemptAt.toISOString()).toBe('2026-03-09T17:00:00.000Z'); // Monday 10:00 PDT
      // A pair that shares working hours: one introduction, in its group DM.
      expect(await keysFrom(h, `match-intro:${pair.id}`)).toEqual([intro.idempotencyKey]);
      expect(JSON.parse(intro.payloadJson).to).toEqual({ users: [LEO, DANIEL] });
      // The coordinator's preview says it was approved, now.
      await eventually(
        () => JSON.stringify(h.emulator.lastViewFor(COORDINATOR)?.blocks ?? []).includes('pproved'),
        5000,
        'approved',
      );
      await new Promise((r) => setTimeout(r, 300));
      expect((await row(h, intro.idempotencyKey)).status).toBe('pending');
      expect(h.emulator.callsTo('conversations.open').filter((c) => String(c.params.users ?? '').includes(','))).toEqual([]);
      // The same zone: "10:00 your time" is exactly what the nudges will do.
      expect(introText(intro.payloadJson)).toContain('I will nudge you both here on each due day at 10:00 your time');
      expect(introText(intro.payloadJson)).toContain('10:00 in America/Los_Angeles');
      h.clock.set(new Date('2026-03-09T17:00:00Z'));
      const sent = await sentRow(h, intro.idempotencyKey);
      expect(sent.sentAt!.toISOString()).toBe('2026-03-09T17:00:00.000Z');
    });
  });

  describe('a pair with no working hour in common (Los Angeles and Kolkata)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T15:00:00Z') });
      await joinPair(h, { id: LEO, tz: LA }, { id: PRIYA, tz: KOLKATA });
    }, 60000);
    afterAll(async () => {
      await h?.stop();
    });

    test('the introduction reaches each in their own DM in their own working hours; no group DM is opened', async () => {
      // Monday 2 March, 07:00 in Los Angeles, 20:30 in Kolkata.
      const pair = await matchAndApprove(h);
      const mine = await row(h, `match-intro:${pair.id}:dm:${PRIYA}`);
      const his = await row(h, `match-intro:${pair.id}:dm:${LEO}`);
      expect(await keysFrom(h, `match-intro:${pair.id}`)).toEqual([his.idempotencyKey, mine.idempotencyKey].sort());
      expect(mine.nextAttemptAt.toISOString()).toBe('2026-03-03T04:30:00.000Z'); // Tuesday 10:00 in Kolkata
      expect(his.nextAttemptAt.toISOString()).toBe('2026-03-02T18:00:00.000Z'); // Monday 10:00 in Los Angeles
      for (const [intro, me, partner, zone] of [
        [mine, PRIYA, LEO, KOLKATA],
        [his, LEO, PRIYA, LA],
      ] as const) {
        expect(JSON.parse(intro.payloadJson).to).toEqual({ users: [me] });
        expect(inWorkingHours(intro.nextAttemptAt, zone)).toBe(true);
        const text = introText(intro.payloadJson);
        expect(text).toContain(`You and <@${partner}> are a reverse-mentoring pair`);
        expect(text).toContain(`open a direct message with <@${partner}>`);
        expect(text).toContain('I will nudge each of you in your own DM at 10:00 your own time');
      }
      h.clock.set(new Date('2026-03-03T04:30:00Z'));
      expect((await sentRow(h, mine.idempotencyKey)).channelId).toBe(h.emulator.channelFor([PRIYA]));
      expect((await sentRow(h, his.idempotencyKey)).channelId).toBe(h.emulator.channelFor([LEO]));
      expect(h.emulator.callsTo('conversations.open').filter((c) => String(c.params.users ?? '').includes(','))).toEqual([]);
      // No group DM will ever be recorded for the pair, and nothing waits for one.
      await tickAt(h, '2026-03-03T05:00:00Z');
      expect((await h.bot.db.client.pairing.findUniqueOrThrow({ where: { id: pair.id } })).groupChannelId).toBeNull();
    });

    test('the nudges go to each in their own DM at their own 10:00', async () => {
      await eventually(async () => (await h.bot.db.client.checkIn.count()) === 1, 5000, 'the first check-in');
      const checkIn = await h.bot.db.client.checkIn.findFirstOrThrow();
      const due = isoDateOf(checkIn.dueAt);
      // The pass that finds the first of them due (Kolkata's 10:00) writes both, each with its own time.
      await tickAt(h, zonedInstant(due, 10 * 60 + 5, KOLKATA));
      for (const [who, zone] of [
        [PRIYA, KOLKATA],
        [LEO, LA],
      ] as const) {
        const nudge = await row(h, `nudge:${checkIn.id}:1:${who}`);
        const ten = zonedInstant(due, 10 * 60, zone);
        // Kolkata's goes at once (the pass is 5 minutes late), Los Angeles' at its own 10:00.
        if (zone === LA) expect(nudge.nextAttemptAt.toISOString()).toBe(ten.toISOString());
        expect(JSON.parse(nudge.payloadJson).metadata.planned_at).toBe(ten.toISOString());
        expect(JSON.parse(nudge.payloadJson).to).toEqual({ users: [who] });
      }
      expect(await h.bot.db.client.outboxMessage.count({ where: { idempotencyKey: `nudge:${checkIn.id}:1` } })).toBe(0);
    });

    test("a note for the pair's group DM reaches the partner in their own DM at their own 10:00, not the group DM", async () => {
      const checkIn = await h.bot.db.client.checkIn.findFirstOrThrow();
      const due = isoDateOf(checkIn.dueAt);
      const nudge = await sentRow(h, `nudge:${checkIn.id}:1:${PRIYA}`);
      // Priya, at 10:10 in Kolkata (21:40 the evening before in Los Angeles), answers "Not this time".
      h.clock.set(zonedInstant(due, 10 * 60 + 10, KOLKATA));
      const res = await h.driver.blockAction({
        userId: PRIYA,
        actionId: 'checkin_skip',
        value: checkIn.id,
        container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
      });
      expect(res.status).toBe(200);
      const note = await row(h, `checkin:${checkIn.id}:skipped:dm:${LEO}`);
      expect(JSON.parse(note.payloadJson).to).toEqual({ users: [LEO] });
      expect(note.nextAttemptAt.toISOString()).toBe(zonedInstant(due, 10 * 60, LA).toISOString());
      await new Promise((r) => setTimeout(r, 300));
      const keys = (
        await h.bot.db.client.outboxMessage.findMany({
          where: { idempotencyKey: { startsWith: `checkin:${checkIn.id}:skipped` } },
        })
      ).map((m) => m.idempotencyKey);
      // Neither the group DM (Leo asleep) nor a copy to Priya, who was answered at once.
      expect(keys).toEqual([`checkin:${checkIn.id}:skipped:dm:${LEO}`]);
    });
  });

  describe('the midpoint survey and the wrap-up of a pair with no working hour in common', () => {
    let h: Harness;
    const PRIYA_M: Member = { slackUserId: PRIYA, timezone: KOLKATA };
    const LEO_M: Member = { slackUserId: LEO, timezone: LA };
    const ZOE: Member = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
    const AISHA: Member = { slackUserId: 'U0EMU0009', timezone: KOLKATA };
    const prompt = (kind: string, pairing: string, role: string) => `survey-prompt:${kind}:${pairing}:${pairing}-${role}`;
    beforeAll(async () => {
      h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
      const db = h.bot.db.client;
      // 2 March to Monday 14 September 2026: the midpoint is Monday 8 June.
      await seedProgramme(db, 'prog', '2026-09-14');
      await seedPair(db, 'prog', 'apart', LEO_M, PRIYA_M, '2026-03-06');
      await seedPair(db, 'prog', 'near', ZOE, AISHA, '2026-03-06');
    }, 60000);
    afterAll(async () => {
      await h?.stop();
    });

    /** Each member's row, in their own DM, at their own 10:00 on `day`. */
    async function expectOwnTen(key: (role: string) => string, day: string) {
      for (const [role, m] of [
        ['mentee', PRIYA_M],
        ['mentor', LEO_M],
      ] as const) {
        const r = await row(h, key(role));
        expect(JSON.parse(r.payloadJson).to).toEqual({ users: [m.slackUserId] });
        expect(plannedAt(r).toISOString()).toBe(zonedInstant(day, 10 * 60, m.timezone).toISOString());
        expect(inWorkingHours(plannedAt(r), m.timezone)).toBe(true);
      }
    }

    test('the midpoint survey reaches each at their own 10:00 on the midpoint day, once', async () => {
      // Monday 8 June, 10:05 in Kolkata (Sunday 21:35 in Los Angeles).
      await tickAt(h, zonedInstant('2026-06-08', 10 * 60 + 5, KOLKATA));
      await expectOwnTen((role) => prompt('midpoint', 'apart', role), '2026-06-08');
      await tickAt(h, zonedInstant('2026-06-08', 10 * 60 + 5, LA));
      expect(await keysFrom(h, 'survey-prompt:midpoint:apart:')).toHaveLength(2);
    });

    test('the wrap-up and the final survey reach each in their own DM at their own 10:00 on the last day', async () => {
      // Monday 14 September, 10:05 in Kolkata (Sunday 21:35 in Los Angeles); then 10:05 in Los Angeles.
      await tickAt(h, zonedInstant('2026-09-14', 10 * 60 + 5, KOLKATA));
      await tickAt(h, zonedInstant('2026-09-14', 10 * 60 + 5, LA));
      await expectOwnTen((role) => `wrapup:apart:dm:${role === 'mentor' ? LEO : PRIYA}`, '2026-09-14');
      await expectOwnTen((role) => prompt('final', 'apart', role), '2026-09-14');
      // Never the group DM; and a later pass writes nothing again.
      await tickAt(h, '2026-09-15T18:00:00Z');
      expect(await keysFrom(h, 'wrapup:apart')).toEqual([`wrapup:apart:dm:${LEO}`, `wrapup:apart:dm:${PRIYA}`].sort());
      const wrap = await row(h, `wrapup:apart:dm:${LEO}`);
      expect(JSON.parse(wrap.payloadJson).text).toContain(`Thank you, <@${LEO}>: you and <@${PRIYA}> logged`);
      expect((await sentRow(h, wrap.idempotencyKey)).channelId).toBe(h.emulator.channelFor([LEO]));
      expect((await sentRow(h, `wrapup:apart:dm:${PRIYA}`)).channelId).toBe(h.emulator.channelFor([PRIYA]));
    });

    test('a pair that shares working hours still gets one wrap-up in its group DM', async () => {
      await tickAt(h, '2026-09-15T18:00:00Z');
      expect(await keysFrom(h, 'wrapup:near')).toEqual(['wrapup:near']);
      const wrap = await sentRow(h, 'wrapup:near');
      expect(wrap.channelId).toBe(h.emulator.channelFor([ZOE.slackUserId, AISHA.slackUserId]));
      expect(inWorkingHours(plannedAt(wrap), ZOE.timezone) && inWorkingHours(plannedAt(wrap), AISHA.timezone)).toBe(true);
    });
  });

  describe('a partner, and the coordinators, who did nothing', () => {
    let h: Harness;
    const ZOE: Member = { slackUserId: 'U0EMU0007', timezone: 'Europe/London' };
    const AISHA: Member = { slackUserId: 'U0EMU0009', timezone: KOLKATA };
    beforeAll(async () => {
      h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T15:00:00Z') });
      const db = h.bot.db.client;
      await seedProgramme(db, 'prog');
      await seedPair(db, 'prog', 'pair', ZOE, AISHA, '2026-03-10');
      await seedPair(
        db,
        'prog',
        'quiet',
        { slackUserId: LEO, timezone: LA },
        { slackUserId: DANIEL, timezone: LA },
        '2026-03-10',
      );
    }, 60000);
    afterAll(async () => {
      await h?.stop();
    });

    test("'We met' at 22:00 for the partner: the one who clicked hears at once, the partner next working morning", async () => {
      await tickAt(h, '2026-03-10T10:05:00Z'); // London 10:05, Kolkata 15:35: the group DM's nudge
      const nudge = await sentRow(h, 'nudge:pair-ci1:1');
      h.clock.set(new Date('2026-03-10T16:30:00Z')); // London 16:30, Kolkata 22:00
      const res = await h.driver.blockAction({
        userId: ZOE.slackUserId,
        actionId: 'checkin_met',
        container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
      });
      expect(res.status).toBe(200);
      const mine = await sentRow(h, `met:pair-ci1:${ZOE.slackUserId}`);
      expect(mine.sentAt!.toISOString()).toBe('2026-03-10T16:30:00.000Z');
      const theirs = await row(h, `met:pair-ci1:${AISHA.slackUserId}`);
      const prompt = await row(h, 'feedback-prompt:pair-ci1:pair-mentee');
      const morning = '2026-03-11T04:30:00.000Z'; // Wednesday 10:00 in Kolkata
      expect(theirs.nextAttemptAt.toISOString()).toBe(morning);
      expect(prompt.nextAttemptAt.toISOString()).toBe(morning);
      expect((await row(h, 'feedback-prompt:pair-ci1:pair-mentor')).nextAttemptAt.getTime()).toBeLessThanOrEqual(
        new Date('2026-03-10T16:30:00Z').getTime(),
      );
      await new Promise((r) => setTimeout(r, 300));
      expect((await row(h, theirs.idempotencyKey)).status).toBe('pending');
      h.clock.set(new Date(morning));
      expect((await sentRow(h, theirs.idempotencyKey)).sentAt!.toISOString()).toBe(morning);
      await sentRow(h, prompt.idempotencyKey);
    });

    test('an alert at night reaches the coordinator in their own morning: their zone comes from users.info', async () => {
      // The coordinator's first /rm-admin teaches the directory their zone.
      const help = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
      expect(help.status).toBe(200);
      const entry = await eventually(
        () => h.bot.db.client.slackUser.findUnique({ where: { slackUserId: COORDINATOR } }).then((e) => e ?? undefined),
        5000,
        'directory entry',
      );
      expect(entry).toMatchObject({ timezone: NEW_YORK, locale: 'en-US', realName: 'Margaret Liu' });
      const info = h.emulator.callsTo('users.info').find((c) => c.params.user === COORDINATOR)!;
      expect(String(info.params.include_locale)).toBe('true');
      // Two cadences without a meeting: the quiet pair is at risk; the pass runs at 23:00 in New York.
      await tickAt(h, '2026-03-31T03:00:00Z');
      const alert = await row(h, `atrisk:quiet:${COORDINATOR}`);
      expect(alert.nextAttemptAt.toISOString()).toBe('2026-03-31T14:00:00.000Z'); // Tuesday 10:00 EDT
      await outboxDrained(h);
      expect((await row(h, alert.idempotencyKey)).status).toBe('pending');
    });

    test('user_change refreshes the directory; a deleted user leaves it', async () => {
      h.emulator.updateUser(COORDINATOR, (u) => {
        u.tz = 'Asia/Tokyo';
      });
      await h.driver.userChange(COORDINATOR, { eventId: 'EvTZ1' });
      await eventually(
        async () =>
          (await h.bot.db.client.slackUser.findUnique({ where: { slackUserId: COORDINATOR } }))?.timezone === 'Asia/Tokyo',
        5000,
        'refreshed zone',
      );
      // Someone the directory does not hold is not added by an event about them.
      await h.driver.userChange(PRIYA, { eventId: 'EvTZ2' });
      await new Promise((r) => setTimeout(r, 300));
      expect(await h.bot.db.client.slackUser.findUnique({ where: { slackUserId: PRIYA } })).toBeNull();
      h.emulator.deleteUser(COORDINATOR);
      await h.driver.userChange(COORDINATOR, { eventId: 'EvTZ3' });
      await eventually(
        async () => (await h.bot.db.client.slackUser.findUnique({ where: { slackUserId: COORDINATOR } })) === null,
        5000,
        'forgotten',
      );
    });
  });
});
