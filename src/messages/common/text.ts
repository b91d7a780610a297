// Small Block Kit helpers: data in, JSON out, no I/O.
import type { types } from '@slack/bolt';

type ContextBlock = types.ContextBlock;
type DividerBlock = types.DividerBlock;
type HeaderBlock = types.HeaderBlock;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;
type SectionBlock = types.SectionBlock;

export type Block = types.KnownBlock;

/**
 * Text that a person typed, or that comes from a Slack profile or the settings, made safe for mrkdwn and for a
 * message's `text`: Slack's rule, `&` to `&amp;`, `<` to `&lt;`, `>` to `&gt;`, and nothing else. So no typed
 * `<!here>`, `<@U…>` or `<https://…|label>` becomes a mention or a link. Not for `plain_text`, which Slack does
 * not parse, nor for files (CSV).
 */
export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The reverse, for a text worded for mrkdwn that Slack shows as plain text (a modal's inline error). */
export const unescapeText = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack's limit on a text object's `text`: a section's, a context element's. */
export const TEXT_MAX = 3000;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` shortened with "…" to at most `max` characters, never between the halves of a surrogate pair (an emoji);
 * `keepWhole` may move the cut earlier still.
 */
function shorten(text: string, max: number, keepWhole = (_: string, cut: number) => cut): string {
  if (text.length <= max) return text;
  if (max < 2) return '…'.slice(0, Math.max(0, max));
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return `${text.slice(0, keepWhole(text, cut)).trimEnd()}…`;
}

/**
 * A cut of mrkdwn moved before an escaped character (`&amp;`, `&lt;`, `&gt;`) or a token (`<@U…>`, `<!date^…|…>`, a
 * link: escaped user text holds no `<`, so every `<` opens one of ours) that it would split.
 */
function beforeEntityOrToken(text: string, cut: number): number {
  const open = text.lastIndexOf('<', cut - 1);
  const close = open < 0 ? -1 : text.indexOf('>', open);
  if (open >= 0 && (close < 0 || close >= cut)) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  const semicolon = amp < 0 ? -1 : text.indexOf(';', amp);
  return amp >= 0 && semicolon >= cut && semicolon - amp <= 4 ? amp : cut;
}

/** mrkdwn `text` shortened with "…" to at most `max` characters, never through an entity, a token or an emoji. */
export const fitText = (text: string, max = TEXT_MAX): string => shorten(text, max, beforeEntityOrToken);

/** Plain text shortened with "…" to at most `max` characters, never splitting a surrogate pair (an emoji). */
export const clipPlain = (text: string, max: number): string => shorten(text, max);

export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });
export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
/** A section of mrkdwn, shortened to Slack's limit (topic lists and free text can be long). */
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(fitText(text)) });
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const divider = (): DividerBlock => ({ type: 'divider' });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(fitText(text))] });

/** A button; `confirm` asks before the click counts. */
export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  confirm?: types.ConfirmationDialog,
): types.Button => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
  ...(confirm ? { confirm } : {}),
});

/** Slack's limit on a button's `accessibility_label`. */
export const ACCESSIBILITY_LABEL_MAX = 75;

/**
 * `b` with an accessibility label, which screen readers read instead of its text: for a button repeated down a
 * view ("Remove" beside every pair), what it acts on. `say` words it from `names` (people's or programmes' names,
 * plain text: nothing is escaped); the longest names are shortened with "…" until it fits Slack's 75 characters.
 */
export function labelled(b: types.Button, say: (...names: string[]) => string, ...names: string[]): types.Button {
  const shortened = [...names];
  let label = say(...shortened);
  while (label.length > ACCESSIBILITY_LABEL_MAX) {
    const longest = shortened.reduce((at, n, i) => (n.length > shortened[at]!.length ? i : at), 0);
    const name = shortened[longest]!;
    if (name.length <= 2) break;
    shortened[longest] = clipPlain(name, name.length - 1);
    label = say(...shortened);
  }
  return { ...b, accessibility_label: clipPlain(label, ACCESSIBILITY_LABEL_MAX) };
}
