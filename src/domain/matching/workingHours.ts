const MINUTES_PER_DAY = 24 * 60;

export const DEFAULT_WORKING_DAY = { startMinute: 9 * 60, endMinute: 17 * 60 } as const;

/** UTC offset of an IANA time zone at the given instant, in minutes (east positive); null when unknown. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return null;
  }
  const match = /^GMT(?:([+-])(\d{1,2}):?(\d{2})?)?$/.exec(name ?? '');
  if (!match) return null;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** Minutes of the two local working days that coincide, on a 24-hour circle. */
export function workingOverlapMinutes(
  offsetA: number,
  offsetB: number,
  day: { startMinute: number; endMinute: number } = DEFAULT_WORKING_DAY,
): number {
  const aStart = day.startMinute - offsetA;
  const aEnd = day.endMinute - offsetA;
  const bStart = day.startMinute - offsetB;
  const bEnd = day.endMinute - offsetB;
  // B's day the day before, the same day and the day after (written out: explaining a match calls this per pair).
  const total =
    overlap(aStart, aEnd, bStart - MINUTES_PER_DAY, bEnd - MINUTES_PER_DAY) +
    overlap(aStart, aEnd, bStart, bEnd) +
    overlap(aStart, aEnd, bStart + MINUTES_PER_DAY, bEnd + MINUTES_PER_DAY);
  return Math.min(total, day.endMinute - day.startMinute);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}
