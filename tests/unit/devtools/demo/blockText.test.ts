import { actionIdsIn, blocksToLines, plainMrkdwn } from '../../../../src/devtools/demo/blockText.js';
import { parseDemoOptions } from '../../../../src/devtools/demo/options.js';
import { localStamp, whenFor } from '../../../../src/devtools/demo/transcript.js';

const names: Record<string, string> = { U1: 'Zoe Park', U2: 'Amara Obi' };
const nameOf = (id: string) => names[id] ?? id;

describe('the demo transcript', () => {
  test('Slack markup reads as a person sees it', () => {
    expect(plainMrkdwn('Hi <@U1> and <@U2>: see <#C9|general> &amp; <https://x.example|the guide>, *today*', nameOf)).toBe(
      'Hi @Zoe Park and @Amara Obi: see #general & the guide, today',
    );
  });

  test('blocks become lines; buttons and pickers become [labels]', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Check-in time' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Hi <@U1>\nsecond line' } },
      { type: 'divider' },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'a' },
          { type: 'mrkdwn', text: 'b' },
        ],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'checkin_met', text: { type: 'plain_text', text: 'We met' } },
          { type: 'datepicker', action_id: 'checkin_scheduled', placeholder: { type: 'plain_text', text: 'Scheduled for...' } },
        ],
      },
    ];
    expect(blocksToLines(blocks, nameOf)).toEqual([
      'CHECK-IN TIME',
      'Hi @Zoe Park',
      'second line',
      'a · b',
      '[We met] [Scheduled for... ▾]',
    ]);
    expect(actionIdsIn(blocks)).toEqual(['checkin_met', 'checkin_scheduled']);
  });

  test("times in each receiver's zone, the other day shown when it differs", () => {
    const at = new Date('2026-03-10T10:00:00Z');
    expect(localStamp(at, 'Europe/London')).toBe('Tue 10 Mar 10:00');
    expect(whenFor(at, ['Europe/London', 'Asia/Kolkata'])).toBe('Tue 10 Mar 10:00 (Europe/London) / 15:30 (Asia/Kolkata)');
    expect(whenFor(new Date('2026-03-10T21:00:00Z'), ['Europe/London', 'Pacific/Auckland'])).toBe(
      'Tue 10 Mar 21:00 (Europe/London) / Wed 11 Mar 10:00 (Pacific/Auckland)',
    );
  });

  test('options: defaults, values, and a specific message for each mistake', () => {
    expect(parseDemoOptions([])).toEqual({ ok: true, options: { people: 40, seed: 2026, quiet: false, serve: false } });
    expect(parseDemoOptions(['--people', '60', '--seed', '7', '--out', 'out', '--quiet', '--serve'])).toEqual({
      ok: true,
      options: { people: 60, seed: 7, quiet: true, serve: true, outDir: 'out' },
    });
    expect(parseDemoOptions(['--people', 'many'])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('--people must be a whole number'),
    });
    expect(parseDemoOptions(['--people', '3'])).toMatchObject({ ok: false, problem: expect.stringContaining('at least 8') });
    expect(parseDemoOptions(['--db', 'mysql://x'])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('--db must be'),
    });
    expect(parseDemoOptions(['--colour'])).toMatchObject({ ok: false, problem: expect.stringContaining('--colour') });
  });
});
