import { nudgeMessage, type NudgeInput } from '../../../src/messages/checkIns.js';

const base: NudgeInput = {
  pairingId: 'pair-1',
  programmeName: 'Spring <!channel>',
  mentor: { slackUserId: 'U0MENTOR', status: 'active' },
  mentee: { slackUserId: 'U0MENTEE', status: 'active' },
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
      'Hi <@U0MENTOR>: check-in 3 of Spring &lt;!channel&gt; with <@U0MENTEE> is due on Tue 10 Mar 2026. Have you met? Let me know below.',
    );
    expect(m.metadata).toMatchObject({ checkin_id: 'c1', nudge: 1, planned_at: '2026-03-10T04:30:00.000Z' });
    const reminder = nudgeMessage({ ...base, n: 2, recipient: 'U0MENTEE' });
    expect([reminder.idempotencyKey, reminder.kind]).toEqual(['nudge:c1:2:U0MENTEE', 'checkin.reminder']);
    expect(reminder.text).toContain('Reminder for <@U0MENTEE>: check-in 3 of');
    expect(reminder.text).toContain('with <@U0MENTOR> (due Tue 10 Mar 2026) is not logged yet');
  });
});
