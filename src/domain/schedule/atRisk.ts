// When a silent pair is flagged to the coordinators: two cadences with no meeting logged since the last one (or the
// introduction), not counting the time the pair or either member was on an approved pause. Pure.
import { daysBetween } from './pairDates.js';
import { AT_RISK_CADENCES } from './rules.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A pause: a participant's (until the day they chose) or the pair's (open while it runs). */
export interface PauseTime {
  startedAt: Date;
  endsAt: Date | null;
}

/** How long within [from, to] at least one of the pauses ran (overlapping pauses count once). */
export function pausedMs(from: Date, to: Date, pauses: readonly PauseTime[]): number {
  const spans = pauses
    .map((p) => [Math.max(p.startedAt.getTime(), from.getTime()), Math.min((p.endsAt ?? to).getTime(), to.getTime())] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    const start = Math.max(a, end);
    if (b > start) total += b - start;
    end = Math.max(end, b);
  }
  return total;
}

export interface Silence {
  /** days since the last meeting (or the introduction), on the pair's calendar */
  days: number;
  /** of which on an approved pause (whole days, rounded) */
  pausedDays: number;
}

/** The pair's silence from `since` (on its calendar day `sinceDay`) to `now` (its day `today`). */
export function silence(since: Date, sinceDay: string, now: Date, today: string, pauses: readonly PauseTime[]): Silence {
  return { days: daysBetween(sinceDay, today), pausedDays: Math.round(pausedMs(since, now, pauses) / DAY_MS) };
}

/** At risk once the silence that counts (pauses left out) reaches two cadences. */
export const isAtRisk = (s: Silence, cadenceDays: number): boolean => s.days - s.pausedDays >= AT_RISK_CADENCES * cadenceDays;
