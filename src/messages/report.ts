import { programmePhase } from '../domain/programmes.js';
import { PHASE_LABELS } from './programmes/phase.js';
import { isoDateOf, localDate } from '../core/localDate.js';
import { MIN_AGGREGATE_RESPONSES, monthLabel, percent, reportSections, type ProgrammeReport } from '../domain/report/index.js';
import { slackDay, slackStamp } from './common/dates.js';
import { button, clipPlain, context, escapeText, fitText, header, labelled, type Block } from './common/text.js';

export const REPORT_ACTIONS = { exportCsv: 'report_export_csv', chart: 'report_chart', open: 'report_open' } as const;

/** Slack's limits for a message: 50 blocks, 150 characters of a header (section text: fitText). */
export const MAX_MESSAGE_BLOCKS = 50;
const HEADER_MAX = 150;

/** The programme's phase when the report was made, on the programme's calendar. */
const phaseOn = (p: ProgrammeReport['programme'], at: Date): string => PHASE_LABELS[programmePhase(p, localDate(at, p.timezone))];

/**
 * The ephemeral /rm-report answer: every figure in sections, then the Export CSV and Chart buttons. Its dates are
 * Slack date tokens (each reader sees their own zone and locale), with fallbacks written for `readerZone` (the
 * coordinator's, else the programme's). The month labels are the programme's calendar months, not instants.
 */
export function reportMessage(
  report: ProgrammeReport,
  readerZone = report.programme.timezone,
): { text: string; blocks: Block[] } {
  const pr = report.programme;
  const dates = `${slackDay(isoDateOf(pr.startDate), readerZone)} to ${slackDay(isoDateOf(pr.endDate), readerZone)}`;
  const blocks: Block[] = [
    header(clipPlain(`Programme health: ${pr.name}`, HEADER_MAX)),
    context(
      `${phaseOn(pr, report.generatedAt)} · ${dates} · figures as of ${slackStamp(report.generatedAt, readerZone)} · averages, distributions, scores and topics need ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people or more`,
    ),
  ];
  for (const s of reportSections(report, { escape: escapeText })) {
    blocks.push({
      type: 'section',
      block_id: `report_${s.id}`,
      text: { type: 'mrkdwn', text: fitText(`*${s.title}*\n${s.lines.join('\n')}`) },
    });
  }
  blocks.push({
    type: 'actions',
    block_id: 'report_actions',
    elements: [button('Export CSV', REPORT_ACTIONS.exportCsv, pr.id, 'primary'), button('Chart', REPORT_ACTIONS.chart, pr.id)],
  });
  const text = `Programme health: ${escapeText(pr.name)}: ${report.participants.total} participants, ${report.pairs.active} active pairs, adherence ${percent(report.checkIns.adherence)}`;
  return { text, blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}

/** No programme named and several running: each in short, with a button for its full report. */
export function reportOverview(reports: ProgrammeReport[], more: number): { text: string; blocks: Block[] } {
  const blocks: Block[] = [
    header('Programme health'),
    context('Several programmes are running. Press *Full report* for one, or run `/rm-report <name>`.'),
  ];
  for (const r of reports) {
    const line = `*${escapeText(r.programme.name)}* (${phaseOn(r.programme, r.generatedAt)})\n${r.participants.total} participants, ${r.pairs.active} active pairs, adherence ${percent(r.checkIns.adherence)}, ${r.atRisk.count} at risk`;
    blocks.push({
      type: 'section',
      block_id: `report_programme:${r.programme.id}`,
      text: { type: 'mrkdwn', text: fitText(line) },
      accessory: labelled(
        button('Full report', REPORT_ACTIONS.open, r.programme.id),
        (n) => `Full report of ${n}`,
        r.programme.name,
      ),
    });
  }
  if (more > 0) blocks.push(context(`…and ${more} more: name one with \`/rm-report <name>\`.`));
  return { text: `Programme health: ${reports.length} programmes`, blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}

/** /rm-report names a programme nobody knows. */
export const unknownProgrammeText = (wanted: string, known: string[]) =>
  `I know no programme called "${escapeText(wanted)}". Programmes: ${known.map((n) => `*${escapeText(n)}*`).join(', ')}.`;

export const REPORT_TEXTS = {
  coordinatorsOnly: 'Sorry, programme reports are for coordinators only. Nothing was sent.',
  missingFromButton: 'That programme no longer exists. Run `/rm-report` again.',
  missing: 'That programme no longer exists.',
  alreadySent: 'I already sent these files to our DM for this report. Run `/rm-report` again for fresh figures.',
  uploadFailed: 'Sorry, I could not upload the files to your DM. Please press the button again in a moment.',
  failed: 'Sorry, the report could not be computed just now. Please try again in a minute.',
  chartSent: 'I sent the chart to our DM.',
} as const;

export const csvSentText = (files: number) => `I sent ${files} CSV files to our DM.`;

/** Slack's limit on a file's description for screen readers (`alt_txt`). */
export const ALT_TEXT_MAX = 1000;

/**
 * What the chart shows, for people who cannot see it (the file's alt text, plain text): the figures per month,
 * with the rating only where the report shows it (groups of 3 answers from 3 people). No one is named.
 */
export function reportChartAltText(report: ProgrammeReport): string {
  const ratings = new Map(report.ratingsByMonth.map((m) => [m.month, m.average]));
  const months = report.checkInsByMonth.map((m) => {
    const average = ratings.get(m.month);
    const rating = average === null || average === undefined ? 'no rating shown' : `average rating ${average.toFixed(1)}`;
    return `${monthLabel(m.month)}: ${m.met} met, ${rating}`;
  });
  const intro =
    `Chart of ${report.programme.name}: check-ins met per month as bars, and the average check-in rating out of 5 ` +
    `as a line (shown for months with at least ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people).`;
  return clipPlain(months.length > 0 ? `${intro} ${months.join('; ')}.` : `${intro} No months yet.`, ALT_TEXT_MAX);
}

/** The comment that goes with the files in the DM. */
export const uploadComment = (kind: 'csv' | 'chart', programmeName: string) =>
  kind === 'csv'
    ? `CSV export of *${escapeText(programmeName)}* (no concerns; feedback figures and comments only for groups of 3 answers from 3 people).`
    : `Chart of *${escapeText(programmeName)}*: check-ins met and average rating per month.`;
