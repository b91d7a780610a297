import { zonedInstant } from '../schedule/zones.js';
import { localDate } from '../../core/localDate.js';

/** A calendar month in the programme's time zone: [start, end) as instants. */
export interface ReportMonth {
  /** YYYY-MM */
  key: string;
  start: Date;
  end: Date;
}

/** At most this many months are bucketed (a programme runs 6 to 12 months; the rest fall in the ends). */
export const MAX_REPORT_MONTHS = 24;

function nextMonthKey(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The months the report buckets by, from the programme's start month to the month of `until` (now, or the
 * end date once the programme is over), in the programme's time zone. Boundaries are computed here, so the
 * database only compares instants: the same SQL on SQLite and Postgres, and months in local time.
 */
export function reportMonths(start: Date, until: Date, zone: string): ReportMonth[] {
  const firstKey = localDate(start, zone).slice(0, 7);
  const lastKey = localDate(until < start ? start : until, zone).slice(0, 7);
  const months: ReportMonth[] = [];
  let key = firstKey;
  while (months.length < MAX_REPORT_MONTHS) {
    const next = nextMonthKey(key);
    months.push({ key, start: zonedInstant(`${key}-01`, 0, zone), end: zonedInstant(`${next}-01`, 0, zone) });
    if (key === lastKey) break;
    key = next;
  }
  return months;
}

/** "Mar 2026" */
export function monthLabel(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The months a programme's report covers: from its start to now, or to its end once it is over. */
export function monthsOf(programme: { startDate: Date; endDate: Date; timezone: string }, now: Date): ReportMonth[] {
  return reportMonths(programme.startDate, now < programme.endDate ? now : programme.endDate, programme.timezone);
}

function previousMonthKey(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The calendar month (YYYY-MM, in `zone`) an instant falls in, by the same boundaries as `reportMonths`: the
 * month whose start is at or before the instant and whose next month starts after it.
 */
export function monthKeyOf(instant: Date, zone: string): string {
  const key = localDate(instant, zone).slice(0, 7);
  if (instant < zonedInstant(`${key}-01`, 0, zone)) return previousMonthKey(key);
  const next = nextMonthKey(key);
  return instant >= zonedInstant(`${next}-01`, 0, zone) ? next : key;
}

/** The report month a calendar month counts in: those before the first in the first, after the last in the last. */
export function reportMonthIndex(months: ReportMonth[], key: string): number {
  if (months.length === 0 || key <= months[0]!.key) return 0;
  const i = months.findIndex((m) => m.key === key);
  return i >= 0 ? i : months.length - 1;
}
