import { editRefusalText, pinErrorsText } from '../../../../src/messages/matching/replies.js';

describe('matching replies', () => {
  test('a swap refused by a private avoid list says only that the pair cannot be made; other reasons are named', () => {
    const text = editRefusalText({
      reason: 'swap_breaks_rules',
      problems: [
        { kind: 'constraint', mentor: 'Sam', mentee: 'Dana', constraint: 'avoid_list', message: 'this pair cannot be made' },
        {
          kind: 'constraint',
          mentor: 'Ola',
          mentee: 'Kim',
          constraint: 'reporting_line',
          message: 'same reporting line: Kim is Ola’s manager',
        },
      ],
    });
    expect(text).toBe(
      'Swap refused: Sam - Dana: this pair cannot be made; Ola - Kim breaks a hard constraint (reporting_line): same reporting line: Kim is Ola’s manager.',
    );
    expect(text).not.toMatch(/avoid|asked|private/i);
  });

  test('names in refusals are escaped', () => {
    expect(pinErrorsText([{ message: 'pin <!here> - Dana: this pair cannot be made' }])).toBe(
      'pin &lt;!here&gt; - Dana: this pair cannot be made',
    );
    const swap = editRefusalText({
      reason: 'swap_breaks_rules',
      problems: [{ kind: 'paused', mentor: '<!channel>', mentee: 'Kim' }],
    });
    expect(swap).toBe('Swap refused: &lt;!channel&gt; - Kim: one of them is paused.');
  });
});
