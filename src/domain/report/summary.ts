import type { PersonRef } from './aggregates.js';
import { NOT_GIVEN, type CheckInFigures, type ProgrammeReport } from './model.js';
import { monthLabel } from './months.js';
import { MIN_AGGREGATE_RESPONSES } from './threshold.js';

// The report as titled lines of text: the Slack view renders them as sections, the CLI prints them.

export interface ReportSection {
  id: string;
  title: string;
  lines: string[];
}

export const percent = (ratio: number | null): string => (ratio === null ? 'n/a' : `${Math.round(ratio * 100)}%`);
export const oneDecimal = (x: number): string => x.toFixed(1);
const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const HIDDEN = `hidden: fewer than ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people`;

/** A person in a list is shown by name (the one Slack shows for them), never as a mention. */
export const personText = (p: PersonRef, escape: (s: string) => string = (s) => s): string => escape(p.name);

const checkInLine = (c: CheckInFigures): string =>
  `${c.met} met / ${c.due} due (${percent(c.adherence)}), ${c.skipped} skipped, ${c.missed} missed, ${c.open} open`;

function mixLine(counts: Array<{ key: string; count: number }>, limit: number, escape: (s: string) => string): string {
  if (counts.length === 0) return 'none yet';
  const shown = counts.slice(0, limit).map((c) => `${c.key === NOT_GIVEN ? '_not given_' : escape(c.key)} ${c.count}`);
  const rest = counts.slice(limit).reduce((n, c) => n + c.count, 0);
  return rest > 0 ? `${shown.join(', ')}, others ${rest}` : shown.join(', ');
}

/**
 * `escape` is applied to every value people typed or set (names, departments, topic labels): the Slack view passes
 * its mrkdwn escaping, the CLI none.
 */
export function reportSections(r: ProgrammeReport, options: { escape?: (s: string) => string } = {}): ReportSection[] {
  const escape = options.escape ?? ((s: string) => s);
  const sections: ReportSection[] = [];
  const p = r.participants;
  sections.push({
    id: 'participants',
    title: 'Participants',
    lines: [
      `${p.total} in all: ${plural(p.byRole.mentor, 'mentor')}, ${plural(p.byRole.mentee, 'mentee')}`,
      `Active ${p.byStatus.active ?? 0}, paused ${p.byStatus.paused ?? 0}, withdrawn ${p.byStatus.withdrawn ?? 0}, left the company ${p.byStatus.departed ?? 0}`,
      ...(['mentor', 'mentee'] as const).map((role) => {
        const s = p.byRoleAndStatus[role] ?? {};
        return `${role === 'mentor' ? 'Mentors' : 'Mentees'}: active ${s.active ?? 0}, paused ${s.paused ?? 0}, withdrawn ${s.withdrawn ?? 0}, left ${s.departed ?? 0}`;
      }),
      `Waitlist: ${r.waitlist}`,
    ],
  });
  sections.push({
    id: 'pairs',
    title: 'Pairs',
    lines: [`Active ${r.pairs.active}, paused ${r.pairs.paused}, ended ${r.pairs.ended}`],
  });
  const months = r.checkInsByMonth.filter((m) => m.due > 0);
  sections.push({
    id: 'checkins',
    title: 'Check-ins',
    lines: [
      `${checkInLine(r.checkIns)}`,
      `Adherence (met / due): *${percent(r.checkIns.adherence)}*`,
      ...(months.length > 0
        ? months.map((m) => `${monthLabel(m.month)}: ${m.met}/${m.due} met (${percent(m.adherence)})`)
        : ['No check-in has come due yet.']),
    ],
  });
  const rt = r.ratings;
  const trend = r.ratingsByMonth
    .filter((m) => m.responses > 0)
    .map((m) => `${monthLabel(m.month)} ${m.average === null ? '–' : oneDecimal(m.average)}`);
  sections.push({
    id: 'ratings',
    title: 'Check-in ratings',
    lines:
      rt.average === null || rt.distribution === null
        ? [`${plural(rt.responses, 'rating')} so far (${HIDDEN})`]
        : [
            `Average *${oneDecimal(rt.average)}* / 5 from ${plural(rt.responses, 'rating')}`,
            ...([5, 4, 3, 2, 1] as const).map(
              (s) => `${s}★ ${rt.distribution![s]} (${percent(rt.distribution![s] / rt.responses)})`,
            ),
            ...(trend.length > 0 ? [`Per month: ${trend.join(', ')}`] : []),
          ],
  });
  const risk = r.atRisk;
  sections.push({
    id: 'at_risk',
    title: `Pairs at risk (${risk.count})`,
    lines:
      risk.count === 0
        ? ['None: every flagged pair has met since.']
        : [
            ...risk.pairs.map(
              (a) =>
                `${personText(a.mentor, escape)} and ${personText(a.mentee, escape)}: ${a.neverMet ? `never met, introduced ${plural(a.daysSinceLastMeeting, 'day')} ago` : `${plural(a.daysSinceLastMeeting, 'day')} since the last meeting`}`,
            ),
            ...(risk.count > risk.pairs.length ? [`…and ${risk.count - risk.pairs.length} more (see pairs.csv)`] : []),
          ],
  });
  sections.push({
    id: 'topics',
    title: 'Topics most covered',
    lines:
      r.topics.length === 0
        ? [`None to show yet (a topic shows once ${MIN_AGGREGATE_RESPONSES} people name it)`]
        : r.topics.map((t, i) => `${i + 1}. ${escape(t.label)}: ${plural(t.count, 'mention')}`),
  });
  sections.push({
    id: 'mix',
    title: 'Mix',
    lines: [`Departments: ${mixLine(r.departments, 10, escape)}`, `Generations: ${mixLine(r.generations, 6, escape)}`],
  });
  sections.push({
    id: 'surveys',
    title: 'Milestone surveys',
    lines: r.surveys.map((s) => {
      const name = s.kind === 'midpoint' ? 'Midpoint' : 'Final';
      if (s.responses === 0) return `${name}: no responses yet`;
      const progress = s.averageProgress === null ? `progress ${HIDDEN}` : `progress *${oneDecimal(s.averageProgress)}* / 5`;
      const nps =
        s.nps === null
          ? `recommendation score ${HIDDEN}`
          : `recommendation score (NPS) *${signed(s.nps)}* (${s.promoters} promoters, ${s.passives} passives, ${s.detractors} detractors)`;
      return `${name}: ${plural(s.responses, 'response')}, ${progress}, ${nps}`;
    }),
  });
  if (r.deliveryFailures.total > 0) {
    sections.push({
      id: 'delivery',
      title: 'Delivery problems',
      lines: [
        `${plural(r.deliveryFailures.total, 'message')} could not be delivered (all programmes): ${r.deliveryFailures.byKind
          .slice(0, 10)
          .map((k) => `${escape(k.key)} ${k.count}`)
          .join(', ')}`,
      ],
    });
  }
  return sections;
}
