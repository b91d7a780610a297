import { reportMonths, type ReportMonth } from '../../domain/report/index.js';

/** The months a programme's report covers: from its start to now, or to its end once it is over. */
export function monthsOf(programme: { startDate: Date; endDate: Date; timezone: string }, now: Date): ReportMonth[] {
  return reportMonths(programme.startDate, now < programme.endDate ? now : programme.endDate, programme.timezone);
}
