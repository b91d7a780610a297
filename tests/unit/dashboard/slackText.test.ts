import { slackTextToHtml } from '../../../src/dashboard/slackText.js';

describe('slackTextToHtml', () => {
  test('mentions become names, bold and code become markup, escapes are undone then done for HTML', () => {
    const names = new Map([['U0EMU0007', 'Zoë <Martin>']]);
    expect(
      slackTextToHtml('This matching was already approved by <@U0EMU0007>; see *Spring &amp; Co* and `/rm-admin match`.', names)
        .text,
    ).toBe(
      'This matching was already approved by <strong>Zoë &lt;Martin&gt;</strong>; see <strong>Spring &amp; Co</strong> and <code>/rm-admin match</code>.',
    );
  });

  test('an unknown id shows as the id; a link shows its label; typed markup stays text', () => {
    expect(slackTextToHtml('<@U0NOBODY> and <https://x.example|the site>').text).toBe('<strong>U0NOBODY</strong> and the site');
    expect(slackTextToHtml('&lt;script&gt;alert(1)&lt;/script&gt;').text).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
