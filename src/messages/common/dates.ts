// Dates inside messages in Slack's date formatting (`<!date^<unix>^<tokens>|<fallback>>`, Slack's "Formatting
// dates"): Slack shows them in each reader's own zone and locale; the fallback, for clients that cannot, is written
// for the reader's zone as stored here. Only in mrkdwn (section text, a message's `text`), never in plain_text.
import { formatDate, localDate } from '../../core/localDate.js';
import { zonedInstant } from '../../domain/schedule/zones.js';
import { escapeText } from './text.js';

const token = (at: Date, format: string, fallback: string) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${escapeText(fallback).replace(/\|/g, '/')}>`;

/**
 * A calendar day (YYYY-MM-DD) of the reader's calendar: anchored at noon in their zone, so that Slack shows that
 * same day to them (and to anyone within 12 hours of them).
 */
export function slackDay(isoDate: string, readerZone: string): string {
  return token(zonedInstant(isoDate, 12 * 60, readerZone), '{date_long_pretty}', formatDate(isoDate));
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "09:00" on the zone's clock. */
function clockTime(at: Date, zone: string): string {
  let f = clocks.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    clocks.set(zone, f);
  }
  return f.format(at);
}

/**
 * An instant that happened (a change recorded): Slack shows its day and time on each reader's clock; the fallback is
 * that day and time in `readerZone`, named: "2026-03-02 09:00 Europe/London".
 */
export function slackStamp(at: Date, readerZone: string): string {
  return token(at, '{date_short_pretty} {time}', `${localDate(at, readerZone)} ${clockTime(at, readerZone)} ${readerZone}`);
}

/**
 * An instant, e.g. a planned meeting: Slack shows it as a day and time on each reader's own clock and in their locale;
 * the fallback is `fallback` (written for the reader's zone by the caller, e.g. "Tue 10 Mar 2026, 15:00").
 */
export function slackTime(at: Date, fallback: string): string {
  return token(at, '{date_short_pretty} at {time}', fallback);
}
