export interface TzInfo {
  tz: string;
  tz_label: string;
  /** Seconds east of UTC at the given instant, as Slack's `tz_offset`. */
  tz_offset: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const labelFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

function labelFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = labelFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' });
    labelFormatters.set(zone, formatter);
  }
  return formatter;
}

/** Offset of an IANA zone from UTC at `at`, in seconds (DST-aware, computed by Intl). */
export function tzOffsetSeconds(zone: string, at: Date): number {
  const parts = partsFormatter(zone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const wallAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const instant = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - instant) / 1000);
}

export function tzLabel(zone: string, at: Date): string {
  const part = labelFormatter(zone)
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

export function tzInfo(zone: string, at: Date): TzInfo {
  return { tz: zone, tz_label: tzLabel(zone, at), tz_offset: tzOffsetSeconds(zone, at) };
}
