import { validateBlocks, LIMITS } from '../../../src/devtools/emulator/blockKit.js';
import { digestMessage, MAX_ITEMS_SHOWN, type DigestContent } from '../../../src/messages/digest.js';

const person = (i: number, role: string) => ({
  participantId: `p-${role}-${i}`,
  slackUserId: `U${role === 'mentor' ? 'A' : 'B'}${String(i).padStart(6, '0')}`,
  displayName: `A rather long display name number ${i} that goes on and on and on`,
  role,
});

function content(atRisk: number, failures = 0): DigestContent {
  return {
    programmeId: 'prog',
    programmeName: 'Spring <!here> & co',
    coordinator: 'UCOORD',
    zone: 'Europe/London',
    weekOf: '2026-03-09',
    notBefore: new Date('2026-03-09T09:00:00Z'),
    atRisk: Array.from({ length: atRisk }, (_, i) => ({
      pairingId: `pair-${i}`,
      flaggedAt: 1,
      flaggedOn: '2026-03-05',
      mentor: person(i, 'mentor'),
      mentee: person(i, 'mentee'),
    })),
    departures: [],
    waiting: [],
    waitingInAll: 0,
    failures: Array.from({ length: failures }, (_, i) => ({
      kind: 'checkin.nudge',
      failedOn: '2026-03-06',
      users: [],
      participants: [person(i, 'mentor')],
    })),
  };
}

describe('the weekly digest message', () => {
  test('nothing new: no message', () => {
    expect(digestMessage(content(0))).toBeNull();
  });

  test('above what fits, it summarises and stays within Slack limits', () => {
    const message = digestMessage(content(25, 5))!;
    expect(message.blocks!.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(validateBlocks(message.blocks, '/blocks', LIMITS.messageBlocks)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(`And ${25 - MAX_ITEMS_SHOWN} more: open the dashboard`);
    expect(text).toContain('And 5 more');
    expect(message.text).toContain('30 new things');
    expect(message.text).toContain('Spring &lt;!here&gt; &amp; co');
    expect(message.idempotencyKey).toBe('digest:prog:UCOORD:2026-03-09');
  });

  test('every acting button asks first', () => {
    const message = digestMessage(content(1))!;
    const actions = message.blocks!.filter((b) => b.type === 'actions') as unknown as { elements: Record<string, unknown>[] }[];
    const byId = Object.fromEntries(actions[0]!.elements.map((e) => [e.action_id, e]));
    expect(byId.digest_nudge?.confirm).toBeDefined();
    expect(byId.digest_pause?.confirm).toBeDefined();
  });
});

describe("the emulator's check of confirmation dialogs", () => {
  const withConfirm = (confirm: unknown) => [
    { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, confirm }] },
  ];
  const plain = (text: string) => ({ type: 'plain_text', text });
  const good = { title: plain('Sure?'), text: plain('It happens at once.'), confirm: plain('Yes'), deny: plain('No') };

  test('a valid dialog passes', () => {
    expect(validateBlocks(withConfirm(good), '/blocks', 50)).toEqual([]);
  });

  test('limits and required parts, as Slack documents them', () => {
    const problems = (c: unknown) => validateBlocks(withConfirm(c), '/blocks', 50);
    expect(problems({ ...good, title: plain('t'.repeat(101)) })[0]).toContain('/blocks/0/elements/0/confirm/title/text');
    expect(problems({ ...good, text: plain('t'.repeat(301)) })[0]).toContain('must be less than 301 characters');
    expect(problems({ ...good, confirm: plain('c'.repeat(31)) })[0]).toContain('confirm/confirm/text');
    expect(problems({ ...good, deny: undefined })[0]).toContain('missing required field: deny');
    expect(problems({ ...good, title: { type: 'mrkdwn', text: '*t*' } })[0]).toContain('must be a plain_text object');
    expect(problems({ ...good, style: 'loud' })[0]).toContain('must be one of primary, danger');
    expect(problems({ ...good, text: { type: 'mrkdwn', text: 'fine' } })).toEqual([]);
  });

  test('an actions block holds at most 25 elements', () => {
    const elements = Array.from({ length: 26 }, (_, i) => ({ type: 'button', action_id: `a${i}`, text: plain('x') }));
    expect(validateBlocks([{ type: 'actions', elements }], '/blocks', 50)[0]).toContain('no more than 25 items');
  });
});
