import { metThanks, nudgeMessage, skippedNote, type NudgeInput } from '../../../src/messages/checkIns.js';

const base: NudgeInput = {
  pairingId: 'pair-1',
  programmeName: 'Spring <!channel>',
  mentor: { slackUserId: 'U0MENTOR', status: 'active', timezone: 'Asia/Kolkata' },
  mentee: { slackUserId: 'U0MENTEE', status: 'active', timezone: 'America/Los_Angeles' },
  groupChannelId: 'G0PAIR',
  checkInId: 'c1',
  sequence: 3,
  dueDate: '2026-03-10',
  scheduledFor: null,
  n: 1,
  notBefore: new Date('2026-03-10T10:00:00Z'),
};

describe('the nudge', () => {
  test('to the group DM: one message, keyed by check-in and number', () => {
    const m = nudgeMessage(base);
    expect([m.idempotencyKey, m.kind, m.to]).toEqual(['nudge:c1:1', 'checkin.nudge', { channel: 'G0PAIR' }]);
    expect(m.text).toContain('<@U0MENTOR> and <@U0MENTEE>');
    expect(m.text).not.toContain('<!channel>');
  });

  test('to a member of a pair with no working hour in common: their own DM, naming the partner and the due date', () => {
    const m = nudgeMessage({ ...base, recipient: 'U0MENTOR', notBefore: new Date('2026-03-10T04:30:00Z') });
    expect([m.idempotencyKey, m.to, m.notBefore]).toEqual([
      'nudge:c1:1:U0MENTOR',
      { users: ['U0MENTOR'] },
      new Date('2026-03-10T04:30:00Z'),
    ]);
    expect(m.text).toBe(
      'Hi <@U0MENTOR>: check-in 3 of Spring &lt;!channel&gt; with <@U0MENTEE> is due on <!date^1773124200^{date_long_pretty}|Tue 10 Mar 2026>. Have you met? Let me know below.',
    );
    expect(m.metadata).toMatchObject({ checkin_id: 'c1', nudge: 1, planned_at: '2026-03-10T04:30:00.000Z' });
    const reminder = nudgeMessage({ ...base, n: 2, recipient: 'U0MENTEE' });
    expect([reminder.idempotencyKey, reminder.kind]).toEqual(['nudge:c1:2:U0MENTEE', 'checkin.reminder']);
    expect(reminder.text).toContain('Reminder for <@U0MENTEE>: check-in 3 of');
    expect(reminder.text).toContain(
      'with <@U0MENTOR> (due <!date^1773169200^{date_long_pretty}|Tue 10 Mar 2026>) is not logged yet',
    );
  });
});

/** A Slack date token: 10-digit unix seconds, a format, a fallback (Slack's "Formatting dates"). */
const DATE_TOKEN = /<!date\^(\d{10})\^\{date_long_pretty\}\|([^<>|]+)>/;

describe("dates in check-in messages are Slack date tokens in the reader's zone", () => {
  test("the group DM nudge: the due day at noon in the mentee's zone", () => {
    const m = DATE_TOKEN.exec(nudgeMessage(base).text);
    expect(m?.slice(1)).toEqual(['1773169200', 'Tue 10 Mar 2026']);
  });

  test('a planned meeting and a reminder carry the token too', () => {
    expect(nudgeMessage({ ...base, scheduledFor: '2026-03-12' }).text).toMatch(DATE_TOKEN);
    expect(nudgeMessage({ ...base, n: 2 }).text).toMatch(DATE_TOKEN);
  });

  test('"We met": the next due day for each member in their own zone; "skipped": the mentee\'s', () => {
    const [toMentor, toMentee] = metThanks(base, 'c1', 3, 'U0MENTOR', '2026-03-24');
    expect(DATE_TOKEN.exec(toMentor!.text)?.[1]).toBe(String(Date.UTC(2026, 2, 24, 6, 30) / 1000));
    expect(DATE_TOKEN.exec(toMentee!.text)?.[1]).toBe(String(Date.UTC(2026, 2, 24, 19, 0) / 1000));
    expect(skippedNote(base, 'c1', 'U0MENTOR', '2026-03-24')[0]!.text).toMatch(DATE_TOKEN);
  });
});
