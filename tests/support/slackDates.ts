// Expectations on Slack's date formatting in message text: `[[Mon 16 Mar 2026]]` stands for a day written as
// `<!date^<unix>^{date_long_pretty}|Mon 16 Mar 2026>` (src/messages/common/dates.ts).
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for `text`, each `[[fallback]]` in it a Slack date token with that fallback; whole text unless `part`. */
export function withDays(text: string, part = false): RegExp {
  const source = text
    .split(/\[\[(.+?)\]\]/)
    .map((s, i) => (i % 2 === 1 ? `<!date\\^\\d+\\^\\{date_long_pretty\\}\\|${escape(s)}>` : escape(s)))
    .join('');
  return new RegExp(part ? source : `^${source}$`);
}

/** `withDays` for a part of a text. */
export const containsDays = (text: string): RegExp => withDays(text, true);
