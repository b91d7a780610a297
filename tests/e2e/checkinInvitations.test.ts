// "Scheduled for..." (issue 18, item 3): a day and a time from Slack's datetimepicker; both members get an .ics
// invitation in their group DM (RFC 5545, parsed here with ical.js), updated on a reschedule, cancelled on a skip;
// the file is shared once per invitation even when Slack's answers fail or get lost.
import ICAL from 'ical.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { outboxDrained, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { COORDINATOR, resend } from '../support/programmeFlows.js';

const AMARA: Member = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };
const KLAUS: Member = { slackUserId: 'U0EMU0004', timezone: 'Europe/Berlin' };
const seconds = (iso: string) => Date.parse(iso) / 1000;

interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  startIsUtc: boolean;
  status: string;
}

function parse(bytes: Buffer): Invitation {
  const cal = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    startIsUtc: event.startDate.zone.tzid === 'UTC' && /DTSTART:\d{8}T\d{6}Z\r\n/.test(bytes.toString('utf8')),
    status: String(vevent.getFirstPropertyValue('status')),
  };
}

describe.each(testDatabaseKinds())('calendar invitations on %s', (kind) => {
  let h: Harness;
  let channel: string;
  beforeAll(async () => {
    h = await startHarness(kind, {
      coordinators: [COORDINATOR],
      now: new Date('2026-03-02T09:00:00Z'),
      env: { SLACK_TIMEOUT_MS: '1000' },
    });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(db, 'prog', 'p', KLAUS, AMARA, '2026-03-04');
    channel = h.emulator.channelFor([KLAUS.slackUserId, AMARA.slackUserId]);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The messages in the group DM that share a file, with the file's parsed invitation. */
  const shared = () =>
    h.emulator
      .messagesIn(channel)
      .filter((m) => Array.isArray(m.files) && m.files.length > 0)
      .map((m) => {
        const id = String((m.files as { id: string }[])[0]!.id);
        const file = h.emulator.files.find((f) => f.id === id)!;
        return { text: String(m.text), filename: file.filename, invitation: parse(file.bytes!) };
      });
  // A shared file has no message ts of its own (files.completeUploadExternal answers with the file): sent is enough.
  const shareSent = (key: string) =>
    eventually(
      async () => (await h.bot.db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })).status === 'sent',
      5000,
      `${key} sent`,
    );
  const checkIn = () => h.bot.db.client.checkIn.findUniqueOrThrow({ where: { id: 'p-ci1' } });
  const pick = async (userId: string, iso: string) => {
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const res = await h.driver.blockAction({
      userId,
      actionId: 'checkin_scheduled',
      selectedDateTime: seconds(iso),
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    expect(res.status).toBe(200);
    return res;
  };

  test('the nudge offers a datetimepicker; a day and a time send both an invitation with both local times', async () => {
    await tickAt(h, '2026-03-04T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    expect(nudge.channelId).toBe(channel);
    const picker = JSON.parse(nudge.payloadJson).blocks.flatMap((b: { elements?: unknown[] }) => b.elements ?? []);
    expect(picker).toContainEqual({ type: 'datetimepicker', action_id: 'checkin_scheduled' });
    // the action payload Slack sends: selected_date_time in UNIX seconds
    const res = await pick(AMARA.slackUserId, '2026-03-10T14:30:00Z');
    expect((res.payload as { actions: { selected_date_time?: number }[] }).actions[0]!.selected_date_time).toBe(
      seconds('2026-03-10T14:30:00Z'),
    );
    await resend(h, res); // Slack's retry, or a double click
    await eventually(async () => (await checkIn()).status === 'scheduled', 5000, 'scheduled');
    await outboxDrained(h);
    await eventually(() => shared().length === 1, 5000, 'the invitation in the group DM');
    const [first] = shared();
    expect(first!.invitation).toEqual({
      method: 'REQUEST',
      uid: 'checkin-p-ci1@reverse-mentoring-bot',
      sequence: 0,
      start: '2026-03-10T14:30:00.000Z',
      startIsUtc: true,
      status: 'CONFIRMED',
    });
    expect(first!.filename).toBe('check-in-1-invitation.ics');
    expect(first!.text).toBe(
      `<@${AMARA.slackUserId}> scheduled check-in 1 of Programme prog for <!date^1773153000^{date_short_pretty} at {time}|Tue 10 Mar 2026, 14:30 (Europe/London)> your time: Tue 10 Mar 2026, 14:30 for <@${AMARA.slackUserId}> (Europe/London) ` +
        `and Tue 10 Mar 2026, 15:30 for <@${KLAUS.slackUserId}> (Europe/Berlin). Open the attached invitation to add it to your calendar; no reminder before then.`,
    );
    expect(await checkIn()).toMatchObject({ scheduledFor: new Date('2026-03-10T14:30:00Z'), invitationSequence: 0 });
    expect(h.emulator.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });

  test('a reschedule whose sharing call fails: the same file is shared on the retry, once, with a higher SEQUENCE', async () => {
    h.emulator.injectFault({ method: 'files.completeUploadExternal', status: 500, times: 1 });
    await pick(KLAUS.slackUserId, '2026-03-11T09:00:00Z');
    await eventually(async () => (await checkIn()).invitationSequence === 1, 5000, 'rescheduled');
    const key = 'checkin:p-ci1:invitation:1';
    await eventually(
      async () => (await h.bot.db.client.outboxMessage.findUnique({ where: { idempotencyKey: key } }))?.lastError === 'http_500',
      5000,
      'the failed attempt',
    );
    h.clock.advance(60_000); // past the backoff
    await shareSent(key);
    const invitations = shared();
    expect(invitations).toHaveLength(2);
    expect(invitations[1]!.invitation).toMatchObject({
      method: 'REQUEST',
      uid: 'checkin-p-ci1@reverse-mentoring-bot',
      sequence: 1,
    });
    expect(invitations[1]!.invitation.start).toBe('2026-03-11T09:00:00.000Z');
    expect(invitations[1]!.text).toContain(
      'moved check-in 1 of Programme prog to <!date^1773219600^{date_short_pretty} at {time}|',
    );
    expect(invitations[1]!.text).toContain('your time: Wed 11 Mar 2026, 09:00 for');
    expect(invitations[1]!.text).toContain(`Wed 11 Mar 2026, 10:00 for <@${KLAUS.slackUserId}> (Europe/Berlin)`);
    expect(h.emulator.callsTo('files.getUploadURLExternal')).toHaveLength(2); // one upload per invitation
    expect(h.emulator.callsTo('files.completeUploadExternal')).toHaveLength(3);
  });

  test('a reschedule whose sharing answer is lost (a timeout after Slack shared it): not shared twice', async () => {
    const before = h.emulator.callsTo('files.completeUploadExternal').length;
    h.emulator.injectFault({ method: 'files.completeUploadExternal', delayMs: 1500, times: 1 });
    await pick(AMARA.slackUserId, '2026-03-12T11:00:00Z');
    const key = 'checkin:p-ci1:invitation:2';
    await eventually(
      async () => (await h.bot.db.client.outboxMessage.findUnique({ where: { idempotencyKey: key } }))?.lastError === 'timeout',
      10000,
      'the timed-out attempt',
    );
    await eventually(() => shared().length === 3, 5000, 'Slack shared it anyway');
    h.clock.advance(60_000);
    await shareSent(key);
    expect(h.emulator.callsTo('files.completeUploadExternal').length).toBe(before + 2);
    expect(shared()).toHaveLength(3);
    expect(shared()[2]!.invitation).toMatchObject({ sequence: 2, start: '2026-03-12T11:00:00.000Z' });
  });

  test('"Not this time" on the scheduled check-in: a cancellation (METHOD:CANCEL, same UID, higher SEQUENCE)', async () => {
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    await h.driver.blockAction({
      userId: KLAUS.slackUserId,
      actionId: 'checkin_skip',
      container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
    });
    await eventually(async () => (await checkIn()).status === 'skipped', 5000, 'skipped');
    await outboxDrained(h);
    await eventually(() => shared().length === 4, 5000, 'the cancellation');
    const cancel = shared()[3]!;
    expect(cancel.invitation).toEqual({
      method: 'CANCEL',
      uid: 'checkin-p-ci1@reverse-mentoring-bot',
      sequence: 3,
      start: '2026-03-12T11:00:00.000Z',
      startIsUtc: true,
      status: 'CANCELLED',
    });
    expect(cancel.filename).toBe('check-in-1-cancelled.ics');
    expect(cancel.text).toContain('is off. Open the attached file to remove it from your calendar.');
    expect((await checkIn()).invitationSequence).toBe(3);
  });
});
