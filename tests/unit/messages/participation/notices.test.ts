import { unescapeText } from '../../../../src/messages/common/text.js';
import { exportMessages, partnerLeftNotices, participationEndedNotices } from '../../../../src/messages/participation/notices.js';
import { rematchRefusalText, rematchedText } from '../../../../src/messages/participation/rematchOffer.js';

describe('exportMessages', () => {
  test('the JSON is escaped, and a long export is cut between entities, never inside one', () => {
    const data = { programme: 'Cohort <!everyone> 2027', goals: '<!here>'.repeat(6000), notes: '&'.repeat(9000) };
    const messages = exportMessages('U1', data, 'k');
    expect(messages.length).toBeGreaterThan(1);
    const parts = messages.map((m) => /```([\s\S]*)```$/.exec(m.text)![1]!);
    for (const part of parts) {
      expect(part).not.toMatch(/[<>]/);
      expect(part).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
      expect(part).not.toMatch(/^(amp|mp|p|lt|t|gt);/);
      expect(part.length).toBeLessThanOrEqual(30_000);
    }
    expect(JSON.parse(unescapeText(parts.join('')))).toEqual(data);
    expect(messages[0]!.text).toContain('for Cohort &lt;!everyone&gt; 2027 (JSON');
  });
});

describe('someone left: the coordinators and the partners left without a pair', () => {
  const partner = { pairingId: 'pair-1', participantId: 'p-amy', slackUserId: 'UAMY', displayName: 'Amy <!here> Li' };
  const ended = {
    participantId: 'p-zoe',
    slackUserId: 'UZOE',
    programmeName: 'Cohort <!everyone> 2027',
    role: 'mentor',
    partners: [partner],
    reason: 'withdrawn' as const,
  };

  test('each coordinator gets one notice with a Rematch button (confirm dialog) per partner waiting', () => {
    const [a, b, ...rest] = participationEndedNotices(['UC1', 'UC2'], ended);
    expect(rest).toEqual([]);
    expect([a!.idempotencyKey, b!.idempotencyKey]).toEqual(['participation-ended:p-zoe:UC1', 'participation-ended:p-zoe:UC2']);
    expect(a!.text).toContain('<@UZOE> has left the programme (mentor in Cohort &lt;!everyone&gt; 2027).');
    expect(a!.text).toContain('<@UAMY> is now without a pair');
    const offer = a!.blocks![1] as unknown as { text: { text: string }; accessory: Record<string, unknown> };
    expect(offer.text.text).toBe('<@UAMY> is waiting for a new partner.');
    expect(offer.accessory).toMatchObject({
      type: 'button',
      action_id: 'coordinator_rematch',
      value: 'p-amy',
      text: { type: 'plain_text', text: 'Rematch' },
      accessibility_label: 'Find Amy <!here> Li a new partner', // plain text: shown as typed, never parsed
      confirm: { title: { text: 'Rematch now?' }, confirm: { text: 'Rematch' }, deny: { text: 'Not now' } },
    });
    const confirm = (offer.accessory.confirm as { text: { type: string; text: string } }).text;
    expect(confirm.type).toBe('plain_text');
    expect(confirm.text.length).toBeLessThanOrEqual(300);
  });

  test('without partners there is no button; after "Delete my data" nobody is named', () => {
    const [alone] = participationEndedNotices(['UC1'], { ...ended, partners: [] });
    expect(alone!.blocks).toHaveLength(1);
    const [erased] = participationEndedNotices(['UC1'], { ...ended, reason: 'erased' });
    expect(erased!.text).not.toContain('UZOE');
  });

  test('the partner is told kindly, in their own DM, once per pairing, without naming who left', () => {
    const [notice, ...rest] = partnerLeftNotices(ended);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ idempotencyKey: 'partner-left:pair-1', to: { users: ['UAMY'] } });
    expect(notice!.text).toContain('Your reverse-mentoring partner in Cohort &lt;!everyone&gt; 2027 has left the programme');
    expect(notice!.text).toContain('This is not about you');
    expect(notice!.text).toContain('the coordinators may offer you a new partner');
    expect(notice!.text).not.toContain('UZOE');
  });

  test('what a Rematch press answers', () => {
    // The day as Slack's date token at noon in the programme's zone (2026-03-09 12:00 in London), with its fallback.
    expect(
      rematchedText({ slackUserId: 'UAMY', partners: ['ULEO'], firstCheckInDue: '2026-03-09', timezone: 'Europe/London' }),
    ).toBe(
      'Paired <@UAMY> with <@ULEO>: I am introducing them in a group DM now, and their first check-in is due by <!date^1773057600^{date_long_pretty}|Mon 9 Mar 2026>.',
    );
    expect(rematchRefusalText('paired', { slackUserId: 'UAMY', partners: ['ULEO'] })).toBe(
      '<@UAMY> already has a partner (<@ULEO>): nothing changed.',
    );
    expect(rematchRefusalText('paused', { slackUserId: 'UAMY', pausedUntil: '2026-04-01', timezone: 'Asia/Kolkata' })).toBe(
      '<@UAMY> has paused until <!date^1775025000^{date_long_pretty}|Wed 1 Apr 2026>: rematch them when they are back.',
    );
    expect(rematchRefusalText('programme_over', { programmeName: 'A <b>' })).toBe(
      '*A &lt;b&gt;* has ended: it takes no new pairs.',
    );
  });
});
