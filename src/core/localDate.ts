// Calendar dates (YYYY-MM-DD) in a given IANA time zone. Pure: the instant is an argument.

// Making an Intl.DateTimeFormat costs far more than using one (it was 3 % of the app's CPU under load).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Remembers the last answers of a pure function of a string key. A scheduler pass asks the same few questions
 * thousands of times (every pair of a fan-out was introduced at the same instant and is due on the same day), and
 * formatToParts is about 10 us a call. Bounded: forgets everything once it holds `max` answers.
 */
function remembered<T>(max: number, work: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= max) answers.clear();
      answer = work(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

const localDateOf = remembered(10_000, (key) => {
  const at = key.indexOf('|');
  const parts = dateFormatFor(key.slice(at + 1)).formatToParts(Number(key.slice(0, at)));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
});

export function localDate(instant: Date, timeZone: string): string {
  return localDateOf(`${instant.getTime()}|${timeZone}`);
}

export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A day that exists on the calendar, written YYYY-MM-DD: 2026-02-30, 2026-13-01 and 2026-04-99 are not. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0 to 99 as 1900 to 1999
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A calendar date kept as UTC midnight of that date (how date-only values are stored). */
export const dateOnly = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
export const isoDateOf = (stored: Date): string => stored.toISOString().slice(0, 10);

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Mon 2 Mar 2026" */
export const formatDate: (isoDate: string) => string = remembered(10_000, (isoDate) => {
  const parts = longDate.formatToParts(dateOnly(isoDate));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
});
