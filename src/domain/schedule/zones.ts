// Local times in IANA zones, built on the matching module's offset lookup. Pure: instants are arguments.
import { utcOffsetMinutes } from '../matching/workingHours.js';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const cache = new Map<string, number>();

function remember(key: string, compute: () => number): number {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (cache.size > 100_000) cache.clear();
  cache.set(key, value);
  return value;
}

const lookup = (zone: string, ms: number) => utcOffsetMinutes(zone, new Date(ms)) ?? 0;

/**
 * UTC offset in minutes (east positive) at the instant; an unknown zone counts as UTC. Memoised: a UTC
 * day whose two ends have the same offset has it throughout (a zone changes at most once a day);
 * otherwise the offset is looked up per quarter hour (offsets change on quarter-hour boundaries).
 */
export function offsetAt(zone: string, at: Date): number {
  const day = Math.floor(at.getTime() / DAY_MS);
  const start = remember(`${zone}|d${day}`, () => lookup(zone, day * DAY_MS));
  const end = remember(`${zone}|d${day + 1}`, () => lookup(zone, (day + 1) * DAY_MS));
  if (start === end) return start;
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  return remember(`${zone}|q${quarter}`, () => lookup(zone, quarter * QUARTER_HOUR_MS));
}

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  /** minutes since local midnight */
  minute: number;
}

export function localTime(instant: Date, zone: string): LocalTime {
  const shifted = new Date(instant.getTime() + offsetAt(zone, instant) * 60_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The instant when the clocks of `zone` show `minuteOfDay` on `isoDate` (a time skipped by DST moves on by the gap). */
export function zonedInstant(isoDate: string, minuteOfDay: number, zone: string): Date {
  const naive = Date.parse(`${isoDate}T00:00:00.000Z`) + minuteOfDay * 60_000;
  const first = naive - offsetAt(zone, new Date(naive)) * 60_000;
  const second = naive - offsetAt(zone, new Date(first)) * 60_000;
  return new Date(second);
}
