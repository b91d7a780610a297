// What a submitted value may be, whatever a client sends: one the bot offered, a Slack user id, a day on the
// calendar within sensible bounds, text without control characters. Pure.
import { isCalendarDate } from '../core/localDate.js';

/** True when `value` is one of the values the bot offered (a select's, a radio's or a checkbox's options). */
export function isOffered<T extends string | number>(offered: readonly T[], value: unknown): value is T {
  return (offered as readonly unknown[]).includes(value);
}

/** A Slack user id as a user picker sends it (U... or, on Enterprise Grid, W...). */
export const isSlackUserId = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);

/** A channel id as a conversation picker sends it (public C..., private G...). */
export const isSlackChannelId = (id: string): boolean => /^[CG][A-Z0-9]{2,}$/.test(id);

/** The days any date in the app may fall on. */
export const DATE_BOUNDS = { first: '2000-01-01', last: '2100-12-31' } as const;

export type DateProblem = 'not_a_date' | 'out_of_bounds';

/** Why a picked date cannot be used, or undefined when it is a real day within DATE_BOUNDS. */
export function dateProblem(date: string): DateProblem | undefined {
  if (!isCalendarDate(date)) return 'not_a_date';
  return date < DATE_BOUNDS.first || date > DATE_BOUNDS.last ? 'out_of_bounds' : undefined;
}

export const isUsableDate = (date: string): boolean => dateProblem(date) === undefined;

/** The words for a date problem, shown under the date picker. */
export const DATE_PROBLEM_TEXT: Record<DateProblem, string> = {
  not_a_date: 'That is not a real date: choose one with the date picker.',
  out_of_bounds: `Choose a date between ${DATE_BOUNDS.first.slice(0, 4)} and ${DATE_BOUNDS.last.slice(0, 4)}.`,
};

// C0 control characters except tab (\u0009) and newline (\u000a), and DEL: NUL truncates text on SQLite and
// is refused by PostgreSQL; the others are invisible. A carriage return is dropped too (Slack sends \n).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text as typed, without control characters; applied to every typed value before any rule runs. */
export const withoutControlCharacters = (text: string): string => text.replace(CONTROL_CHARACTERS, '');
