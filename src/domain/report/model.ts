import type { Count, PersonRef, ProgrammeFacts, ReportAggregates } from './aggregates.js';
import type { ReportMonth } from './months.js';
import { netPromoterScore } from './nps.js';
import { meetsThreshold } from './threshold.js';

export const PARTICIPANT_STATUSES = ['active', 'paused', 'withdrawn', 'departed'] as const;
const DAY_MS = 86_400_000;

export interface CheckInFigures {
  /** check-ins that came due (due date passed) or were settled early */
  due: number;
  met: number;
  skipped: number;
  missed: number;
  /** came due, not settled yet (status due or scheduled) */
  open: number;
  /** met / due, 0..1; null when nothing came due */
  adherence: number | null;
}

export interface RatingFigures {
  responses: number;
  /** null under the aggregation threshold */
  average: number | null;
  /** count per rating 1..5; null under the threshold */
  distribution: Record<1 | 2 | 3 | 4 | 5, number> | null;
}

export interface SurveyFigures {
  kind: 'midpoint' | 'final';
  responses: number;
  /** 1..5, null under the threshold */
  averageProgress: number | null;
  recommendResponses: number;
  /** -100..100, null under the threshold */
  nps: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
}

export interface AtRiskFigure {
  pairingId: string;
  mentor: PersonRef;
  mentee: PersonRef;
  /** days since the last meeting, or since the introduction when they never met */
  daysSinceLastMeeting: number;
  neverMet: boolean;
}

/** The report as plain data: what the Slack view, the CLI and the chart render. */
export interface ProgrammeReport {
  programme: ProgrammeFacts;
  generatedAt: Date;
  participants: {
    total: number;
    byRole: Record<'mentor' | 'mentee', number>;
    byStatus: Record<string, number>;
    byRoleAndStatus: Record<string, Record<string, number>>;
  };
  pairs: { active: number; paused: number; ended: number; total: number };
  waitlist: number;
  checkIns: CheckInFigures;
  checkInsByMonth: Array<{ month: string } & CheckInFigures>;
  ratings: RatingFigures;
  ratingsByMonth: Array<{ month: string; responses: number; average: number | null }>;
  atRisk: { count: number; pairs: AtRiskFigure[] };
  topics: Array<{ key: string; label: string; count: number }>;
  departments: Count<string>[];
  generations: Count<string>[];
  surveys: SurveyFigures[];
  deliveryFailures: { total: number; byKind: Count<string>[] };
}

export const NOT_GIVEN = 'Not given';

function checkInFigures(counts: Map<string, number>): CheckInFigures {
  const get = (s: string) => counts.get(s) ?? 0;
  const met = get('met');
  const skipped = get('skipped');
  const missed = get('missed');
  const open = get('due') + get('scheduled');
  const due = met + skipped + missed + open;
  return { due, met, skipped, missed, open, adherence: due === 0 ? null : met / due };
}

function sortedCounts(rows: Count<string>[]): Count<string>[] {
  const merged = new Map<string, number>();
  for (const r of rows) {
    const key = r.key.trim() === '' ? NOT_GIVEN : r.key;
    merged.set(key, (merged.get(key) ?? 0) + r.count);
  }
  return [...merged].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function ratingFigures(rows: Count<string>[], people: number): RatingFigures {
  const distribution: Record<1 | 2 | 3 | 4 | 5, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let responses = 0;
  let sum = 0;
  for (const r of rows) {
    const rating = Number(r.key);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) continue;
    distribution[rating as 1 | 2 | 3 | 4 | 5] += r.count;
    responses += r.count;
    sum += rating * r.count;
  }
  if (!meetsThreshold(responses, people)) return { responses, average: null, distribution: null };
  return { responses, average: sum / responses, distribution };
}

/** The month a calendar date falls in; dates before the first month count in it, after the last in the last. */
function monthIndexOfDate(months: ReportMonth[], isoDate: string): number {
  const key = isoDate.slice(0, 7);
  if (months.length === 0 || key <= months[0]!.key) return 0;
  const i = months.findIndex((m) => m.key === key);
  return i >= 0 ? i : months.length - 1;
}

/** Days from one instant to another, whole days down. */
const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));

/** Turns the database's aggregates into the report: adherence, averages, NPS, and the privacy threshold. */
export function buildReportModel(agg: ReportAggregates, months: ReportMonth[], now: Date): ProgrammeReport {
  const byRole = { mentor: 0, mentee: 0 };
  const byStatus: Record<string, number> = Object.fromEntries(PARTICIPANT_STATUSES.map((s) => [s, 0]));
  const byRoleAndStatus: Record<string, Record<string, number>> = Object.fromEntries(
    ['mentor', 'mentee'].map((role) => [role, Object.fromEntries(PARTICIPANT_STATUSES.map((s) => [s, 0]))]),
  );
  let total = 0;
  for (const p of agg.participants) {
    total += p.count;
    if (p.role === 'mentor' || p.role === 'mentee') byRole[p.role] += p.count;
    byStatus[p.status] = (byStatus[p.status] ?? 0) + p.count;
    (byRoleAndStatus[p.role] ??= {})[p.status] = (byRoleAndStatus[p.role]![p.status] ?? 0) + p.count;
  }

  const pairCount = (s: string) => agg.pairs.find((p) => p.key === s)?.count ?? 0;
  const pairs = { active: pairCount('active'), paused: pairCount('paused'), ended: pairCount('ended'), total: 0 };
  pairs.total = pairs.active + pairs.paused + pairs.ended;

  const overall = new Map<string, number>();
  const perMonth = months.map(() => new Map<string, number>());
  for (const c of agg.checkIns) {
    overall.set(c.status, (overall.get(c.status) ?? 0) + c.count);
    const bucket = perMonth[monthIndexOfDate(months, c.dueDate)];
    bucket?.set(c.status, (bucket.get(c.status) ?? 0) + c.count);
  }

  // The months show only when every month with ratings does: one small month hidden beside shown ones could
  // be worked out by subtracting them from the overall figures.
  const allMonthsShown = agg.ratingsByMonth.every((b) => b.responses === 0 || meetsThreshold(b.responses, b.people));
  const ratingsByMonth = months.map((m, i) => {
    const b = agg.ratingsByMonth.find((r) => r.month === i);
    const responses = b?.responses ?? 0;
    return {
      month: m.key,
      responses,
      average: b && allMonthsShown && meetsThreshold(responses, b.people) ? b.sum / responses : null,
    };
  });

  const surveys: SurveyFigures[] = (['midpoint', 'final'] as const).map((kind) => {
    const s = agg.surveys.find((x) => x.kind === kind);
    const responses = s?.responses ?? 0;
    const recommendResponses = s ? s.promoters + s.passives + s.detractors : 0;
    const people = s?.people ?? 0;
    const npsShown = s !== undefined && meetsThreshold(recommendResponses, people);
    return {
      kind,
      responses,
      averageProgress: s && meetsThreshold(s.progressResponses, people) ? s.progressSum / s.progressResponses : null,
      recommendResponses,
      nps: npsShown ? netPromoterScore(s.promoters, s.passives, s.detractors) : null,
      promoters: npsShown ? s.promoters : null,
      passives: npsShown ? s.passives : null,
      detractors: npsShown ? s.detractors : null,
    };
  });

  const failures = sortedCounts(agg.deliveryFailures);
  return {
    programme: agg.programme,
    generatedAt: now,
    participants: { total, byRole, byStatus, byRoleAndStatus },
    pairs,
    waitlist: agg.waitlist,
    checkIns: checkInFigures(overall),
    checkInsByMonth: months.map((m, i) => ({ month: m.key, ...checkInFigures(perMonth[i]!) })),
    ratings: ratingFigures(agg.ratings, agg.ratingPeople),
    ratingsByMonth,
    atRisk: {
      count: agg.atRiskCount,
      pairs: agg.atRisk.map((p) => {
        const since = p.lastMetAt ?? p.introducedAt ?? p.flaggedAt;
        return {
          pairingId: p.pairingId,
          mentor: p.mentor,
          mentee: p.mentee,
          daysSinceLastMeeting: daysBetween(since, now),
          neverMet: p.lastMetAt === null,
        };
      }),
    },
    // A topic shows once as many answers and people as any aggregate needs named it.
    topics: agg.topics.filter((t) => meetsThreshold(t.count, t.people)).map(({ key, label, count }) => ({ key, label, count })),
    departments: sortedCounts(agg.departments),
    generations: sortedCounts(agg.generations),
    surveys,
    deliveryFailures: { total: failures.reduce((n, f) => n + f.count, 0), byKind: failures },
  };
}
