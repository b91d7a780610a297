// Report: a programme's health for coordinators (/rm-report, its buttons, `cli report`): figures, CSV files, a chart.
import { done, refused, type Outcome, type Refused } from '../core/outcome.js';
import {
  buildReportModel,
  CHECKINS_HEADER,
  checkInCsvRow,
  FeedbackCsvs,
  monthsOf,
  pairCsvRow,
  PAIRS_HEADER,
  participantCsvRow,
  PARTICIPANTS_HEADER,
  toCsv,
  csvFileBytes,
  type CsvCell,
  type ProgrammeReport,
  type ReportCsvFiles,
} from '../domain/report/index.js';
import type { Db } from '../store/database.js';
import {
  checkInRows,
  claimReportUpload,
  feedbackRows,
  findProgrammeDates,
  listProgrammeNames,
  listProgrammesByStart,
  loadReportAggregates,
  metCheckInsByPair,
  type AggregateSource,
  pairRows,
  participantRows,
  releaseReportUpload,
} from '../store/report/index.js';
import { visibleProgrammes } from '../domain/access.js';
import { findProgramme } from '../store/programmes.js';
import { knownZones } from '../store/directory.js';
import { localDate } from '../core/localDate.js';
import {
  coordinatorAccess,
  isCoordinator,
  mayCoordinateProgramme,
  type CoordinatorDeps,
  type ProgrammeAccessRefusal,
} from './coordinators.js';
import { REPORT_TEXTS, reportChartAltText, unknownProgrammeText } from '../messages/report.js';
import { NO_PROGRAMMES_TEXT } from '../messages/common/commandReplies.js';

export type { ReportCsvFiles };

export interface ReportDeps {
  db: Db;
}

/** No programme at all yet. */
export type NoProgrammes = Refused<'no_programmes'>;
/** No programme by that id or name: `known` names them all. */
export type UnknownProgramme = Refused<'unknown_programme'> & { known: string[] };

/**
 * The report of one programme as of `now`; refused when there is no such programme. `source: 'rows'`
 * aggregates every row instead of reading the counters (the reference, for tests and bench/report).
 */
export async function buildReport(
  deps: ReportDeps,
  programmeId: string,
  now: Date,
  source: AggregateSource = 'counters',
): Promise<Outcome<ProgrammeReport, 'missing'>> {
  const programme = await findProgrammeDates(deps.db, programmeId);
  if (!programme) return refused('missing', REPORT_TEXTS.missing);
  const months = monthsOf(programme, now);
  const aggregates = await loadReportAggregates(deps.db, programmeId, months, now, source);
  return aggregates ? done(buildReportModel(aggregates, months, now)) : refused('missing', REPORT_TEXTS.missing);
}

/** The zone a coordinator reads a report in: theirs when the bot knows it, else the programme's. */
export async function reportReaderZone(deps: ReportDeps, slackUserId: string, report: ProgrammeReport): Promise<string> {
  return (await knownZones(deps.db, [slackUserId])).get(slackUserId) ?? report.programme.timezone;
}

/** A programme named by its id or its name (case does not matter; an id wins over a name). */
export async function findReportProgramme(
  deps: ReportDeps,
  wanted: string,
): Promise<Outcome<{ id: string; name: string }, never> | NoProgrammes | UnknownProgramme> {
  const all = await listProgrammeNames(deps.db);
  if (all.length === 0) return refused('no_programmes', NO_PROGRAMMES_TEXT);
  const lower = wanted.trim().toLowerCase();
  const found = all.find((p) => p.id.toLowerCase() === lower) ?? all.find((p) => p.name.toLowerCase() === lower);
  const known = all.map((p) => p.name);
  return found ? done(found) : { ...refused('unknown_programme', unknownProgrammeText(wanted.trim(), known)), known };
}

/** Programmes a report can be about: those not closed, latest start first; all of them when every one is closed. */
export async function reportableProgrammes(deps: ReportDeps): Promise<Array<{ id: string; name: string; status: string }>> {
  const all = await listProgrammesByStart(deps.db);
  const live = all.filter((p) => p.status !== 'closed');
  return live.length > 0 ? live : all;
}

/**
 * What `/rm-report [programme]` covers for this coordinator: the programme named (when it is theirs), or every
 * reportable one of theirs.
 */
export async function programmesToReport(
  deps: CoordinatorDeps,
  slackUserId: string,
  wanted: string,
): Promise<Outcome<string[], never> | NoProgrammes | UnknownProgramme | Refused<ProgrammeAccessRefusal>> {
  const access = await coordinatorAccess(deps, slackUserId);
  if (wanted.trim()) {
    const named = await findReportProgramme(deps, wanted);
    if (!named.ok && named.reason === 'unknown_programme') {
      // Only the reader's own programmes are named to them.
      const known = visibleProgrammes(access, await listProgrammeNames(deps.db)).map((p) => p.name);
      return { ...refused('unknown_programme', unknownProgrammeText(wanted.trim(), known)), known };
    }
    if (!named.ok) return named;
    const may = await mayCoordinateProgramme(deps, slackUserId, named.value, '/rm-report');
    return may.ok ? done([named.value.id]) : may;
  }
  const all = await listProgrammesByStart(deps.db);
  const mine = visibleProgrammes(access, all);
  const live = mine.filter((p) => p.status !== 'closed');
  const candidates = live.length > 0 ? live : mine;
  return candidates.length === 0 ? refused('no_programmes', NO_PROGRAMMES_TEXT) : done(candidates.map((p) => p.id));
}

async function csvOf<T>(header: readonly string[], rows: AsyncIterable<T>, toRow: (r: T) => CsvCell[]): Promise<string> {
  const out: CsvCell[][] = [];
  for await (const r of rows) out.push(toRow(r));
  return toCsv(header, out);
}

async function feedbackCsvs(deps: ReportDeps, programmeId: string, now: Date) {
  const programme = await findProgrammeDates(deps.db, programmeId);
  if (!programme) throw new Error(`no programme ${programmeId}`);
  const csvs = new FeedbackCsvs(monthsOf(programme, now));
  for await (const answer of feedbackRows(deps.db, programmeId)) csvs.add(answer);
  return csvs.files();
}

/** The CSV files of a programme: participants, pairs, check-ins, and feedback only in groups that name nobody. */
export async function reportCsvs(deps: ReportDeps, programmeId: string, now: Date): Promise<ReportCsvFiles> {
  const { db } = deps;
  const [participants, pairs, checkIns, feedback] = await Promise.all([
    csvOf(PARTICIPANTS_HEADER, participantRows(db, programmeId), participantCsvRow),
    metCheckInsByPair(db, programmeId).then((met) =>
      csvOf(PAIRS_HEADER, pairRows(db, programmeId), (p) => pairCsvRow(p, met.get(p.id))),
    ),
    csvOf(CHECKINS_HEADER, checkInRows(db, programmeId), checkInCsvRow),
    feedbackCsvs(deps, programmeId, now),
  ]);
  return { 'participants.csv': participants, 'pairs.csv': pairs, 'checkins.csv': checkIns, ...feedback };
}

/** The report a coordinator asked for from a report message's button. */
export async function reportForCoordinator(
  deps: CoordinatorDeps,
  programmeId: string,
  slackUserId: string,
  now: Date,
): Promise<Outcome<ProgrammeReport, ProgrammeAccessRefusal | 'missing'>> {
  if (!(await isCoordinator(deps, slackUserId))) return refused('not_coordinator', REPORT_TEXTS.coordinatorsOnly);
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme) return refused('missing', REPORT_TEXTS.missingFromButton);
  const may = await mayCoordinateProgramme(deps, slackUserId, programme, '/rm-report');
  if (!may.ok) return may;
  const report = await buildReport(deps, programmeId, now);
  return report.ok ? report : refused(report.reason, REPORT_TEXTS.missingFromButton);
}

export type ReportUploadKind = 'csv' | 'chart';

export interface ReportFile {
  filename: string;
  /** what the file is, in the coordinator's words */
  title: string;
  content: Buffer;
  /** an image's description for screen readers */
  altText?: string;
}

const safeName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'programme';

/**
 * The files of one upload (CSV export or chart), claimed under `key` (report message, person and button): a
 * double click does not send them twice. If sending them fails, `releaseReportFiles` lets the next click retry.
 * Files cannot hold Slack date tokens: the file names carry today's date in `readerZone`.
 */
export async function claimReportFiles(
  deps: ReportDeps,
  report: ProgrammeReport,
  kind: ReportUploadKind,
  key: string,
  now: Date,
  readerZone: string = report.programme.timezone,
): Promise<Outcome<ReportFile[], 'already_sent'>> {
  if (!(await claimReportUpload(deps.db, key, now))) return refused('already_sent', REPORT_TEXTS.alreadySent);
  const { name, id } = report.programme;
  const base = `${safeName(name)}-${localDate(now, readerZone)}`;
  try {
    if (kind === 'csv') {
      const csvs = await reportCsvs(deps, id, now);
      return done(
        Object.entries(csvs).map(([file, text]) => ({
          filename: `${base}-${file}`,
          title: `${name}: ${file}`,
          content: csvFileBytes(text),
        })),
      );
    }
    // Loaded on first use: the bot starts (and every other feature works) even where the canvas's native
    // package for this platform is missing.
    const { renderReportChart } = await import('../charts/reportChart.js');
    const png = await renderReportChart(report);
    return done([
      {
        filename: `${base}-chart.png`,
        title: `${name}: check-ins met and rating per month`,
        content: png,
        altText: reportChartAltText(report),
      },
    ]);
  } catch (err) {
    await releaseReportUpload(deps.db, key);
    throw err;
  }
}

export function releaseReportFiles(deps: ReportDeps, key: string): Promise<void> {
  return releaseReportUpload(deps.db, key);
}
