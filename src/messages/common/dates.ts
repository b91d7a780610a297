// Dates inside messages in Slack's date formatting (`<!date^<unix>^<tokens>|<fallback>>`, Slack's "Formatting
// dates"): Slack shows them in each reader's own zone and locale; the fallback, for clients that cannot, is written
// for the reader's zone as stored here. Only in mrkdwn (section text, a message's `text`), never in plain_text.
import { formatDate } from '../../core/localDate.js';
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

/**
 * An instant, e.g. a planned meeting: Slack shows it as a day and time on each reader's own clock and in their locale;
 * the fallback is `fallback` (written for the reader's zone by the caller, e.g. "Tue 10 Mar 2026, 15:00").
 */
export function slackTime(at: Date, fallback: string): string {
  return token(at, '{date_short_pretty} at {time}', fallback);
}
