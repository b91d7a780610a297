import { approvalMessages, introMessage, localTime } from '../../../../src/messages/matching/messages.js';

describe('introduction', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  const pair = {
    pairingId: 'pair-9',
    mentor: {
      slackUserId: 'U1',
      displayName: 'zoe',
      title: 'Marketing Associate',
      department: 'Marketing',
      timezone: 'Europe/London',
      teaches: ['social-media'],
      learns: ['leadership'],
    },
    mentee: {
      slackUserId: 'U2',
      displayName: 'priya',
      title: 'Head of Finance',
      department: 'Finance',
      timezone: 'Asia/Kolkata',
      teaches: ['leadership'],
      learns: ['social-media', 'ai-new-tech'],
    },
    cadenceDays: 21,
    firstCheckInDue: new Date('2026-03-09T09:00:00Z'),
  };
  const labels = {
    'social-media': 'Social media and personal brand',
    'ai-new-tech': 'AI and new technology',
    leadership: 'Leadership',
  };

  test('both local times, the overlap, suggested topics, tips, cadence and the button, to both people, once', () => {
    const m = introMessage(pair, 'Spring', labels, at);
    expect(m).toMatchObject({ idempotencyKey: 'match-intro:pair-9', to: { users: ['U1', 'U2'] } });
    const text = JSON.stringify(m.blocks);
    expect(localTime('Europe/London', at)).toBe('09:00 in Europe/London (UTC+0)');
    expect(text).toContain('09:00 in Europe/London (UTC+0)');
    expect(text).toContain('14:30 in Asia/Kolkata (UTC+5:30)');
    expect(text).toContain('overlap by *2 h 30 min*');
    expect(text).toContain('Suggested first topics:* Social media and personal brand; Leadership');
    expect(text).toContain('every 3 weeks');
    // the first due day as a Slack date token at noon in the mentee's zone (Kolkata), with a fallback
    expect(text).toContain(
      `first check-in is due by *<!date^${Date.UTC(2026, 2, 9, 6, 30) / 1000}^{date_long_pretty}|Mon 9 Mar 2026>*`,
    );
    expect(text).toContain('pair_not_working');
  });

  test('the waitlist DM is keyed per programme and person; the celebration only on the first approval with a channel', () => {
    const base = {
      programme: { id: 'prog-1', name: 'Spring', announcementChannel: 'C1' },
      runId: 'run-1',
      pairs: [pair],
      waitlisted: [{ participantId: 'p-w', slackUserId: 'U3', role: 'mentee' as const, reason: 'capacity' as const }],
      topicLabels: labels,
    };
    const first = approvalMessages(at)({ ...base, first: true });
    expect(first.map((m) => m.idempotencyKey)).toEqual([
      'match-intro:pair-9',
      'match-waitlist:prog-1:p-w',
      'match-celebration:run-1',
    ]);
    expect(first[1]!.text).toContain('You are on the waitlist');
    expect(approvalMessages(at)({ ...base, first: false }).map((m) => m.kind)).not.toContain('programme.celebration');
  });
});
