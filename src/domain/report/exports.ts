// The CSV files of a programme ("Export CSV", `cli report --csv`): which columns, what a person's row may show,
// and which feedback figures are shown at all (only groups big enough to name nobody).
import { aggregateTexts } from '../feedback.js';
import { toCsv, type CsvCell } from './csv.js';
import type { ReportMonth } from './months.js';
import { netPromoterScore, npsBand } from './nps.js';
import { meetsThreshold, MIN_AGGREGATE_RESPONSES } from './threshold.js';

/** The files "Export CSV" uploads and `cli report --csv` writes: name -> RFC 4180 text. */
export interface ReportCsvFiles {
  'participants.csv': string;
  'pairs.csv': string;
  'checkins.csv': string;
  'feedback.csv': string;
  'feedback_comments.csv': string;
}

export const PARTICIPANTS_HEADER = [
  'participant_id',
  'slack_user_id',
  'name',
  'role',
  'status',
  'seniority_level',
  'career_stage',
  'generation',
  'department',
  'meeting_preference',
  'capacity',
  'timezone',
  'joined_at',
  'paused_until',
  'left_at',
];

export interface ParticipantRow {
  id: string;
  slackUserId: string;
  displayName: string;
  role: string;
  status: string;
  seniorityLevel: number;
  careerStage: string;
  generation: string;
  department: string;
  meetingPreference: string;
  capacity: number;
  timezone: string;
  createdAt: Date;
  pausedUntil: Date | null;
  leftAt: Date | null;
  erasedAt: Date | null;
}

/** Goals and avoid lists are personal and stay out; an erased person is an anonymous count. */
export const participantCsvRow = (p: ParticipantRow): CsvCell[] =>
  p.erasedAt
    ? [p.id, '', '(erased)', p.role, p.status, '', '', '', '', '', '', '', p.createdAt, '', p.leftAt]
    : [
        p.id,
        p.slackUserId,
        p.displayName,
        p.role,
        p.status,
        p.seniorityLevel,
        p.careerStage,
        p.generation,
        p.department,
        p.meetingPreference,
        p.capacity,
        p.timezone,
        p.createdAt,
        p.pausedUntil,
        p.leftAt,
      ];

export const PAIRS_HEADER = [
  'pairing_id',
  'mentor_id',
  'mentor_name',
  'mentee_id',
  'mentee_name',
  'status',
  'cadence_days',
  'introduced_at',
  'ended_at',
  'end_reason',
  'at_risk_flagged_at',
  'check_ins_met',
  'last_met_at',
  'match_score',
];

interface PairPerson {
  displayName: string;
  erasedAt: Date | null;
}

export interface PairRow {
  id: string;
  mentorId: string;
  menteeId: string;
  mentor: PairPerson;
  mentee: PairPerson;
  status: string;
  cadenceDays: number;
  introducedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  atRiskFlaggedAt: Date | null;
  score: number;
}

const nameOf = (p: PairPerson) => (p.erasedAt ? '(erased)' : p.displayName);

export const pairCsvRow = (p: PairRow, met: { count: number; lastMetAt: Date | null } | undefined): CsvCell[] => [
  p.id,
  p.mentorId,
  nameOf(p.mentor),
  p.menteeId,
  nameOf(p.mentee),
  p.status,
  p.cadenceDays,
  p.introducedAt,
  p.endedAt,
  p.endReason,
  p.atRiskFlaggedAt,
  met?.count ?? 0,
  met?.lastMetAt ?? null,
  Math.round(p.score * 100) / 100,
];

export const CHECKINS_HEADER = ['check_in_id', 'pairing_id', 'sequence', 'due_at', 'status', 'scheduled_for', 'met_at'];

export interface CheckInExportRow {
  id: string;
  pairingId: string;
  sequence: number;
  dueAt: Date;
  status: string;
  scheduledFor: Date | null;
  metAt: Date | null;
}

export const checkInCsvRow = (c: CheckInExportRow): CsvCell[] => [
  c.id,
  c.pairingId,
  c.sequence,
  c.dueAt,
  c.status,
  c.scheduledFor,
  c.metAt,
];

/** One answer (check-in feedback or survey) as the feedback CSVs read it. Concerns are never read here. */
export interface FeedbackRow {
  participantId: string;
  kind: string;
  createdAt: Date;
  rating: number | null;
  progress: number | null;
  recommendScore: number | null;
  learned: string;
  changed: string;
  commitment: string;
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

const FEEDBACK_HEADER = [
  'kind',
  'month',
  'responses',
  'shown',
  'average_rating',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
  'average_progress',
  'recommend_responses',
  'nps',
];
const KIND_ORDER = ['checkin', 'midpoint', 'final'];

/**
 * Feedback per kind and month: counts, averages, distribution, NPS, and comments, each only for a group of at
 * least the threshold's responses. No row names a person or a pair. Answers are added one by one (the store
 * reads them page by page).
 */
export class FeedbackCsvs {
  private readonly groups = new Map<string, FeedbackGroup>();

  constructor(private readonly months: ReportMonth[]) {}

  add(f: FeedbackRow): void {
    const month = monthOf(this.months, f.createdAt);
    const key = `${f.kind}|${month}`;
    const g = this.groups.get(key) ?? {
      kind: f.kind,
      month,
      responses: 0,
      people: new Set<string>(),
      ratings: [],
      progress: [],
      recommend: [],
      comments: [],
    };
    g.responses += 1;
    g.people.add(f.participantId);
    if (f.rating !== null) g.ratings.push(f.rating);
    if (f.progress !== null) g.progress.push(f.progress);
    if (f.recommendScore !== null) g.recommend.push(f.recommendScore);
    for (const [field, text] of [
      ['learned', f.learned],
      ['changed', f.changed],
      ['commitment', f.commitment],
    ] as const)
      if (text.trim()) g.comments.push({ field, text: text.trim(), participantId: f.participantId });
    this.groups.set(key, g);
  }

  files(): Pick<ReportCsvFiles, 'feedback.csv' | 'feedback_comments.csv'> {
    const sorted = [...this.groups.values()].sort(
      (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.month.localeCompare(b.month),
    );
    const avg = (xs: number[]) =>
      xs.length >= MIN_AGGREGATE_RESPONSES ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null;
    // A kind's months show only when every month of it does: one small month hidden beside shown ones could
    // be worked out by subtracting them from the kind's totals in the report.
    const smallKinds = new Set(sorted.filter((g) => !meetsThreshold(g.responses, g.people.size)).map((g) => g.kind));
    const rows = sorted.map((g) => {
      // The group shows when enough answers from enough people are in it; then each figure needs enough values.
      const shown = !smallKinds.has(g.kind);
      const dist = [1, 2, 3, 4, 5].map((r) =>
        shown && g.ratings.length >= MIN_AGGREGATE_RESPONSES ? g.ratings.filter((x) => x === r).length : null,
      );
      const bands = { promoter: 0, passive: 0, detractor: 0 };
      for (const s of g.recommend) bands[npsBand(s)] += 1;
      const nps =
        shown && g.recommend.length >= MIN_AGGREGATE_RESPONSES
          ? netPromoterScore(bands.promoter, bands.passive, bands.detractor)
          : null;
      return [
        g.kind,
        g.month,
        g.responses,
        shown ? 'yes' : `no (under ${MIN_AGGREGATE_RESPONSES} answers or people)`,
        shown ? avg(g.ratings) : null,
        ...dist,
        shown ? avg(g.progress) : null,
        g.recommend.length,
        nps,
      ];
    });
    // Comments per question, only where enough people wrote one (a blank answer is no answer), sorted by text so
    // their order tells nothing about who wrote them.
    const comments = sorted.flatMap((g) =>
      ['changed', 'commitment', 'learned'].flatMap((field) => {
        const texts = aggregateTexts(
          g.comments.filter((c) => c.field === field).map((c) => ({ participantId: c.participantId, value: c.text })),
        );
        return texts.shown ? texts.texts.map((text) => [g.kind, g.month, field, text]) : [];
      }),
    );
    return {
      'feedback.csv': toCsv(FEEDBACK_HEADER, rows),
      'feedback_comments.csv': toCsv(['kind', 'month', 'question', 'comment'], comments),
    };
  }
}
