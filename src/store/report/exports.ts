import { MIN_AGGREGATE_RESPONSES, meetsThreshold, netPromoterScore, npsBand, toCsv, type CsvCell, type ReportMonth } from '../../domain/report/index.js';
import { aggregateTexts } from '../../domain/feedback.js';
import type { Db } from '../database.js';
import { monthsOf } from './months.js';

/** The files "Export CSV" uploads and `cli report --csv` writes: name -> RFC 4180 text. */
export interface ReportCsvFiles {
  'participants.csv': string;
  'pairs.csv': string;
  'checkins.csv': string;
  'feedback.csv': string;
  'feedback_comments.csv': string;
}

const PAGE = 5000;

/** Reads a table page by page in id order, so a large programme never sits in one result. */
async function* pages<T extends { id: string }>(read: (lastId: string | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let last: string | undefined;
  for (;;) {
    const page = await read(last);
    yield* page;
    if (page.length < PAGE) return;
    last = page.at(-1)!.id;
  }
}

const after = (id: string | undefined) => (id ? { id: { gt: id } } : {});

async function collect<T>(rows: AsyncIterable<T>, toRow: (r: T) => CsvCell[]): Promise<CsvCell[][]> {
  const out: CsvCell[][] = [];
  for await (const r of rows) out.push(toRow(r));
  return out;
}

async function participantsCsv(db: Db, programmeId: string): Promise<string> {
  const header = ['participant_id', 'slack_user_id', 'name', 'role', 'status', 'seniority_level', 'career_stage', 'generation', 'department', 'meeting_preference', 'capacity', 'timezone', 'joined_at', 'paused_until', 'left_at'];
  const rows = await collect(
    pages((last) => db.participant.findMany({ where: { programmeId, ...after(last) }, orderBy: { id: 'asc' }, take: PAGE })),
    // Goals and avoid lists are personal and stay out; an erased person is an anonymous count.
    (p) =>
      p.erasedAt
        ? [p.id, '', '(erased)', p.role, p.status, '', '', '', '', '', '', '', p.createdAt, '', p.leftAt]
        : [p.id, p.slackUserId, p.displayName, p.role, p.status, p.seniorityLevel, p.careerStage, p.generation, p.department, p.meetingPreference, p.capacity, p.timezone, p.createdAt, p.pausedUntil, p.leftAt],
  );
  return toCsv(header, rows);
}

async function pairsCsv(db: Db, programmeId: string): Promise<string> {
  const header = ['pairing_id', 'mentor_id', 'mentor_name', 'mentee_id', 'mentee_name', 'status', 'cadence_days', 'introduced_at', 'ended_at', 'end_reason', 'at_risk_flagged_at', 'check_ins_met', 'last_met_at', 'match_score'];
  const metRows = await db.checkIn.groupBy({ by: ['pairingId'], where: { status: 'met', pairing: { programmeId } }, _count: { _all: true }, _max: { metAt: true } });
  const met = new Map(metRows.map((r) => [r.pairingId, r]));
  const name = (p: { displayName: string; erasedAt: Date | null }) => (p.erasedAt ? '(erased)' : p.displayName);
  const person = { select: { displayName: true, erasedAt: true } } as const;
  const rows = await collect(
    pages((last) => db.pairing.findMany({ where: { programmeId, status: { not: 'draft' }, ...after(last) }, include: { mentor: person, mentee: person }, orderBy: { id: 'asc' }, take: PAGE })),
    (p) => [p.id, p.mentorId, name(p.mentor), p.menteeId, name(p.mentee), p.status, p.cadenceDays, p.introducedAt, p.endedAt, p.endReason, p.atRiskFlaggedAt, met.get(p.id)?._count._all ?? 0, met.get(p.id)?._max.metAt ?? null, Math.round(p.score * 100) / 100],
  );
  return toCsv(header, rows);
}

async function checkInsCsv(db: Db, programmeId: string): Promise<string> {
  const header = ['check_in_id', 'pairing_id', 'sequence', 'due_at', 'status', 'scheduled_for', 'met_at'];
  const rows = await collect(
    pages((last) =>
      db.checkIn.findMany({ where: { pairing: { programmeId }, ...after(last) }, select: { id: true, pairingId: true, sequence: true, dueAt: true, status: true, scheduledFor: true, metAt: true }, orderBy: { id: 'asc' }, take: PAGE }),
    ),
    (c) => [c.id, c.pairingId, c.sequence, c.dueAt, c.status, c.scheduledFor, c.metAt],
  );
  return toCsv(header, rows);
}

interface FeedbackGroup {
  kind: string;
  month: string;
  responses: number;
  people: Set<string>;
  ratings: number[];
  progress: number[];
  recommend: number[];
  comments: Array<{ field: string; text: string; participantId: string }>;
}

function monthOf(months: ReportMonth[], at: Date): string {
  const found = months.find((m) => at < m.end);
  return (found ?? months.at(-1)!).key;
}

/**
 * Feedback per kind and month: counts, averages, distribution, NPS, and comments, each only for a group
 * of at least the threshold's responses. Concerns are never read here; no row names a person or a pair.
 */
async function feedbackCsvs(db: Db, programmeId: string, now: Date): Promise<Pick<ReportCsvFiles, 'feedback.csv' | 'feedback_comments.csv'>> {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { startDate: true, endDate: true, timezone: true } });
  const months = monthsOf(programme, now);
  const groups = new Map<string, FeedbackGroup>();
  const select = { id: true, participantId: true, kind: true, createdAt: true, rating: true, progress: true, recommendScore: true, learned: true, changed: true, commitment: true } as const;
  for await (const f of pages((last) => db.feedback.findMany({ where: { participant: { programmeId }, ...after(last) }, select, orderBy: { id: 'asc' }, take: PAGE }))) {
    const month = monthOf(months, f.createdAt);
    const key = `${f.kind}|${month}`;
    const g = groups.get(key) ?? { kind: f.kind, month, responses: 0, people: new Set<string>(), ratings: [], progress: [], recommend: [], comments: [] };
    g.responses += 1;
    g.people.add(f.participantId);
    if (f.rating !== null) g.ratings.push(f.rating);
    if (f.progress !== null) g.progress.push(f.progress);
    if (f.recommendScore !== null) g.recommend.push(f.recommendScore);
    for (const [field, text] of [['learned', f.learned], ['changed', f.changed], ['commitment', f.commitment]] as const) if (text.trim()) g.comments.push({ field, text: text.trim(), participantId: f.participantId });
    groups.set(key, g);
  }
  const kindOrder = ['checkin', 'midpoint', 'final'];
  const sorted = [...groups.values()].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.month.localeCompare(b.month));
  const avg = (xs: number[]) => (xs.length >= MIN_AGGREGATE_RESPONSES ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null);
  const header = ['kind', 'month', 'responses', 'shown', 'average_rating', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5', 'average_progress', 'recommend_responses', 'nps'];
  // A kind's months show only when every month of it does: one small month hidden beside shown ones could
  // be worked out by subtracting them from the kind's totals in the report.
  const smallKinds = new Set(sorted.filter((g) => !meetsThreshold(g.responses, g.people.size)).map((g) => g.kind));
  const rows = sorted.map((g) => {
    // The group shows when enough answers from enough people are in it; then each figure needs enough values.
    const shown = !smallKinds.has(g.kind);
    const dist = [1, 2, 3, 4, 5].map((r) => (shown && g.ratings.length >= MIN_AGGREGATE_RESPONSES ? g.ratings.filter((x) => x === r).length : null));
    const bands = { promoter: 0, passive: 0, detractor: 0 };
    for (const s of g.recommend) bands[npsBand(s)] += 1;
    const nps = shown && g.recommend.length >= MIN_AGGREGATE_RESPONSES ? netPromoterScore(bands.promoter, bands.passive, bands.detractor) : null;
    return [g.kind, g.month, g.responses, shown ? 'yes' : `no (under ${MIN_AGGREGATE_RESPONSES} answers or people)`, shown ? avg(g.ratings) : null, ...dist, shown ? avg(g.progress) : null, g.recommend.length, nps];
  });
  // Comments per question, only where enough people wrote one (a blank answer is no answer), sorted by text so
  // their order tells nothing about who wrote them.
  const comments = sorted.flatMap((g) =>
    ['changed', 'commitment', 'learned'].flatMap((field) => {
      const texts = aggregateTexts(g.comments.filter((c) => c.field === field).map((c) => ({ participantId: c.participantId, value: c.text })));
      return texts.shown ? texts.texts.map((text) => [g.kind, g.month, field, text]) : [];
    }),
  );
  return { 'feedback.csv': toCsv(header, rows), 'feedback_comments.csv': toCsv(['kind', 'month', 'question', 'comment'], comments) };
}

export async function buildReportCsvs(db: Db, programmeId: string, now: Date): Promise<ReportCsvFiles> {
  const [participants, pairs, checkIns, feedback] = await Promise.all([participantsCsv(db, programmeId), pairsCsv(db, programmeId), checkInsCsv(db, programmeId), feedbackCsvs(db, programmeId, now)]);
  return { 'participants.csv': participants, 'pairs.csv': pairs, 'checkins.csv': checkIns, ...feedback };
}
