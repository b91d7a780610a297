// One way to write HTML: the `html` tagged template escapes every value it is given, unless that value is
// already Html (made by `html` itself, or by `trustedHtml` for markup the dashboard wrote, never for input).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an element's content and for a quoted attribute value. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup that is safe to send as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value `html` accepts: text and numbers are escaped, Html is kept, lists are joined, null/undefined/false vanish. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\`` escapes `name`; nested `html` results and lists of them are kept as markup. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup written by the dashboard itself (a stylesheet, an SVG path), never anything a person typed. */
export const trustedHtml = (markup: string): Html => new Html(markup);

/** Joins Html with a separator (itself escaped unless Html). */
export const joinHtml = (items: readonly HtmlValue[], separator: HtmlValue = ''): Html =>
  new Html(items.map(render).join(render(separator)));
