import { unescapeText } from '../../../../src/messages/common/text.js';
import { exportMessages } from '../../../../src/messages/participation/notices.js';

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
