// The use cases word their answers for Slack (mrkdwn: `<@U123>` mentions, *bold*, `code`, &lt; escapes). The
// dashboard shows the same words as HTML: mentions become names, the rest plain text, all of it escaped.
import { html, joinHtml, type Html } from './html.js';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** `text` (mrkdwn) as Html; `names` gives a Slack id's name (unknown ids show as the id). */
export function slackTextToHtml(text: string, names: ReadonlyMap<string, string> = new Map()): Html {
  const parts: Html[] = [];
  // mentions and links first (they are the only <...> in our texts), then *bold* and `code` in what is left
  const tokens = text.split(/(<@[A-Z0-9]+(?:\|[^>]*)?>|<[^>]+>)/);
  for (const token of tokens) {
    const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token);
    if (mention) {
      parts.push(html`<strong>${names.get(mention[1]!) ?? mention[1]!}</strong>`);
      continue;
    }
    const link = /^<([^|>]+)\|([^>]*)>$/.exec(token);
    if (link) {
      parts.push(html`${unescape(link[2]!)}`);
      continue;
    }
    for (const piece of token.split(/(\*[^*\n]+\*|`[^`\n]+`)/)) {
      if (/^\*[^*\n]+\*$/.test(piece)) parts.push(html`<strong>${unescape(piece.slice(1, -1))}</strong>`);
      else if (/^`[^`\n]+`$/.test(piece)) parts.push(html`<code>${unescape(piece.slice(1, -1))}</code>`);
      else parts.push(html`${unescape(piece)}`);
    }
  }
  return joinHtml(parts);
}
