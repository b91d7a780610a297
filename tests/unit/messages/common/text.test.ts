import { escapeText, unescapeText } from '../../../../src/messages/common/text.js';

describe('escapeText', () => {
  test("Slack's three characters, and nothing else", () => {
    expect(escapeText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeText('*bold* _it_ ~s~ `code` "q" \' :tada: # @here https://x.example')).toBe(
      '*bold* _it_ ~s~ `code` "q" \' :tada: # @here https://x.example',
    );
    expect(escapeText('')).toBe('');
    expect(escapeText('Cohort 2027, Marketing & Sales')).toBe('Cohort 2027, Marketing &amp; Sales');
  });

  test('mentions, broadcasts, user groups and disguised links become text', () => {
    expect(escapeText('<!everyone>')).toBe('&lt;!everyone&gt;');
    expect(escapeText('<!here> <!channel>')).toBe('&lt;!here&gt; &lt;!channel&gt;');
    expect(escapeText('<!subteam^S0EVIL01>')).toBe('&lt;!subteam^S0EVIL01&gt;');
    expect(escapeText('<@U0EMU0001>')).toBe('&lt;@U0EMU0001&gt;');
    expect(escapeText('<#C123|general>')).toBe('&lt;#C123|general&gt;');
    expect(escapeText('<https://evil.example/login|Confirm your session>')).toBe(
      '&lt;https://evil.example/login|Confirm your session&gt;',
    );
    for (const s of ['<!everyone>', '<@U1>', '<https://e.example|x>']) expect(escapeText(s)).not.toMatch(/[<>]/);
  });

  test('an ampersand first, so what looks like an entity stays as typed', () => {
    expect(escapeText('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
    expect(escapeText('&&<<>>')).toBe('&amp;&amp;&lt;&lt;&gt;&gt;');
  });

  test('unescapeText gives back exactly what was typed (for plain-text inline errors)', () => {
    for (const s of ['<!here>', '&lt;!here&gt;', 'R&D <@U1> & <b>', '&amp;', '']) expect(unescapeText(escapeText(s))).toBe(s);
  });
});
