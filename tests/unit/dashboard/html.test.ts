import { escapeHtml, html, joinHtml, trustedHtml } from '../../../src/dashboard/html.js';

describe('html', () => {
  test('escapes every value: text, numbers, attributes', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
    expect(html`<td>${42}</td>`.text).toBe('<td>42</td>');
  });

  test('keeps nested html and lists of it; null, undefined and false vanish', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    // Prettier formats html`` templates as HTML; here the whitespace is the point.
    // prettier-ignore
    const list = html`<ul>${items}</ul>${null}${undefined}${false}`;
    expect(list.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  test('a string that looks like markup is still text; only trustedHtml is kept', () => {
    expect(html`${'<b>bold</b>'}`.text).toBe('&lt;b&gt;bold&lt;/b&gt;');
    expect(html`${trustedHtml('<b>bold</b>')}`.text).toBe('<b>bold</b>');
  });

  test('joinHtml escapes text items and the separator', () => {
    expect(joinHtml(['<a>', html`<b></b>`], ' & ').text).toBe('&lt;a&gt; &amp; <b></b>');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
