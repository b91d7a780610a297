import {
  AT_RISK_LISTED,
  MIN_AGGREGATE_RESPONSES,
  TOP_TOPICS,
  type AtRiskPair,
  type Count,
  type PersonRef,
  type ReportAggregates,
  type ReportMonth,
  type SurveyAggregate,
} from '../../domain/report/index.js';
import { isoDateOf } from '../../core/localDate.js';
import type { Db } from '../database.js';
import { dateOrNull, monthBucket, num, Prisma } from './sql.js';
import { checkInCountsFromCounters, feedbackFromCounters, participantCountsFromCounters } from './counterReads.js';

// Every figure of the report is aggregated by the database (GROUP BY, COUNT, SUM): no query returns more
// rows than there are statuses, months, ratings, topics, departments or listed pairs. The biggest (check-ins,
// participants, released feedback) are read from counters kept current as the data changes
// (counterReads.ts); the aggregates over every row below stay as `source: 'rows'`, the reference the counters
// are tested and benchmarked against.

const SETTLED = Prisma.sql`('met', 'skipped', 'missed')`;

async function checkInCounts(db: Db, programmeId: string, now: Date) {
  // Grouped by due date (a date, stored as UTC midnight), not bucketed by month in SQL: a few hundred
  // groups a year, no date function of either database, and months are the dates' own calendar months.
  const rows = await db.$queryRaw<Array<{ due: unknown; status: string; n: unknown }>>`
    SELECT c."dueAt" AS due, c.status AS status, COUNT(*) AS n
    FROM "CheckIn" c JOIN "Pairing" p ON p.id = c."pairingId"
    WHERE p."programmeId" = ${programmeId} AND (c."dueAt" <= ${now} OR c.status IN ${SETTLED})
    GROUP BY c."dueAt", c.status`;
  return rows.map((r) => ({ dueDate: isoDateOf(dateOrNull(r.due)!), status: r.status, count: num(r.n) }));
}

/**
 * Released check-in ratings per month of their release and rating: the distribution and the trend in one pass.
 * Months are those of the release, not of the answer: a month's figures then move only by whole batches.
 */
async function ratingCounts(db: Db, programmeId: string, months: ReportMonth[]) {
  const bucket = monthBucket(Prisma.sql`f."releasedAt"`, months);
  const rows = await db.$queryRaw<Array<{ month: unknown; rating: unknown; n: unknown }>>`
    SELECT ${bucket} AS month, f.rating AS rating, COUNT(*) AS n
    FROM "ReleasedAnswer" f
    WHERE f."programmeId" = ${programmeId} AND f.kind = 'checkin' AND f.rating IS NOT NULL
    GROUP BY 1, 2`;
  const ratings = new Map<string, number>();
  const byMonth = new Map<number, { responses: number; sum: number }>();
  for (const r of rows) {
    const rating = num(r.rating);
    const n = num(r.n);
    ratings.set(String(rating), (ratings.get(String(rating)) ?? 0) + n);
    const m = byMonth.get(num(r.month)) ?? { responses: 0, sum: 0 };
    m.responses += n;
    m.sum += rating * n;
    byMonth.set(num(r.month), m);
  }
  // Different people behind the ratings, overall and per month (the threshold counts people too).
  const people = await db.$queryRaw<Array<{ month: unknown; people: unknown }>>`
    SELECT ${bucket} AS month, COUNT(DISTINCT f."personKey") AS people
    FROM "ReleasedAnswer" f
    WHERE f."programmeId" = ${programmeId} AND f.kind = 'checkin' AND f.rating IS NOT NULL
    GROUP BY 1`;
  // Overall, only whether the threshold is reached matters: stop at the third person.
  const [overall] = await db.$queryRaw<Array<{ people: unknown }>>`
    SELECT COUNT(*) AS people FROM (
      SELECT DISTINCT f."personKey" FROM "ReleasedAnswer" f
      WHERE f."programmeId" = ${programmeId} AND f.kind = 'checkin' AND f.rating IS NOT NULL
      LIMIT ${Prisma.raw(String(MIN_AGGREGATE_RESPONSES))}) t`;
  return {
    ratings: [...ratings].map(([key, count]) => ({ key, count })),
    ratingPeople: num(overall?.people),
    ratingsByMonth: [...byMonth].map(([month, m]) => ({
      month,
      ...m,
      people: num(people.find((p) => num(p.month) === month)?.people),
    })),
  };
}

async function surveyAggregates(db: Db, programmeId: string): Promise<SurveyAggregate[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT f.kind AS kind, COUNT(*) AS responses, COUNT(DISTINCT f."personKey") AS people, COUNT(f.progress) AS pn, SUM(f.progress) AS ps,
      SUM(CASE WHEN f."recommendScore" >= 9 THEN 1 ELSE 0 END) AS promoters,
      SUM(CASE WHEN f."recommendScore" IN (7, 8) THEN 1 ELSE 0 END) AS passives,
      SUM(CASE WHEN f."recommendScore" <= 6 THEN 1 ELSE 0 END) AS detractors
    FROM "ReleasedAnswer" f
    WHERE f."programmeId" = ${programmeId} AND f.kind IN ('midpoint', 'final')
    GROUP BY f.kind`;
  return rows.map((r) => ({
    kind: r.kind === 'final' ? 'final' : 'midpoint',
    responses: num(r.responses),
    people: num(r.people),
    progressResponses: num(r.pn),
    progressSum: num(r.ps),
    promoters: num(r.promoters),
    passives: num(r.passives),
    detractors: num(r.detractors),
  }));
}

async function topicCounts(db: Db, programmeId: string) {
  const rows = await db.$queryRaw<Array<{ topic: string; n: unknown; people: unknown }>>`
    SELECT ft."topicKey" AS topic, COUNT(*) AS n, COUNT(DISTINCT f."personKey") AS people
    FROM "ReleasedAnswerTopic" ft JOIN "ReleasedAnswer" f ON f.id = ft."releasedAnswerId"
    WHERE f."programmeId" = ${programmeId}
    GROUP BY ft."topicKey" ORDER BY n DESC, topic LIMIT ${TOP_TOPICS}`;
  const labels = await db.programmeTopic.findMany({ where: { programmeId, key: { in: rows.map((r) => r.topic) } } });
  return rows.map((r) => ({
    key: r.topic,
    label: labels.find((l) => l.key === r.topic)?.label ?? r.topic,
    count: num(r.n),
    people: num(r.people),
  }));
}

/** Flagged pairs that have not met since the flag: the count, and the longest without a meeting, named. */
async function atRiskPairs(db: Db, programmeId: string): Promise<{ atRiskCount: number; atRisk: AtRiskPair[] }> {
  const atRisk = Prisma.sql`
    SELECT p.id AS id, p."atRiskFlaggedAt" AS flagged, p."introducedAt" AS introduced, MAX(c."metAt") AS lastmet
    FROM "Pairing" p LEFT JOIN "CheckIn" c ON c."pairingId" = p.id AND c.status = 'met'
    WHERE p."programmeId" = ${programmeId} AND p.status = 'active' AND p."atRiskFlaggedAt" IS NOT NULL
    GROUP BY p.id, p."atRiskFlaggedAt", p."introducedAt"
    HAVING MAX(c."metAt") IS NULL OR MAX(c."metAt") < p."atRiskFlaggedAt"`;
  const [countRow] = await db.$queryRaw<Array<{ n: unknown }>>`SELECT COUNT(*) AS n FROM (${atRisk}) t`;
  const listed = await db.$queryRaw<Array<{ id: string; flagged: unknown; introduced: unknown; lastmet: unknown }>>`
    SELECT t.id, t.flagged, t.introduced, t.lastmet FROM (${atRisk}) t
    ORDER BY COALESCE(t.lastmet, t.introduced, t.flagged), t.id LIMIT ${AT_RISK_LISTED}`;
  const people = await db.pairing.findMany({
    where: { id: { in: listed.map((r) => r.id) } },
    select: {
      id: true,
      mentor: { select: { slackUserId: true, displayName: true, erasedAt: true } },
      mentee: { select: { slackUserId: true, displayName: true, erasedAt: true } },
    },
  });
  const ref = (p: { slackUserId: string; displayName: string; erasedAt: Date | null } | undefined): PersonRef =>
    !p || p.erasedAt
      ? { slackUserId: null, name: 'a former participant' }
      : { slackUserId: p.slackUserId, name: p.displayName || p.slackUserId };
  return {
    atRiskCount: num(countRow?.n),
    atRisk: listed.map((r) => {
      const pair = people.find((p) => p.id === r.id);
      return {
        pairingId: r.id,
        mentor: ref(pair?.mentor),
        mentee: ref(pair?.mentee),
        flaggedAt: dateOrNull(r.flagged)!,
        lastMetAt: dateOrNull(r.lastmet),
        introducedAt: dateOrNull(r.introduced),
      };
    }),
  };
}

/** Waitlisted by an approved matching and still without a pair (a rematch may have placed them since). */
async function waitlistCount(db: Db, programmeId: string): Promise<number> {
  const runs = await db.matchRun.findMany({ where: { programmeId, status: 'approved' }, select: { unmatchedJson: true } });
  const ids = new Set<string>();
  for (const run of runs) {
    try {
      const list: unknown = JSON.parse(run.unmatchedJson);
      if (Array.isArray(list)) for (const u of list) if (u && typeof u.participantId === 'string') ids.add(u.participantId);
    } catch {
      // an unreadable list counts as empty
    }
  }
  if (ids.size === 0) return 0;
  const live = { status: { in: ['active', 'paused'] } };
  return db.participant.count({
    where: { id: { in: [...ids] }, status: 'active', mentorPairings: { none: live }, menteePairings: { none: live } },
  });
}

const counts = <T extends Record<string, unknown>>(rows: T[], key: keyof T, count: (r: T) => number): Count<string>[] =>
  rows.map((r) => ({ key: String(r[key] ?? ''), count: count(r) }));

/** Where the big figures come from: the counters (the report), or every row (the reference). */
export type AggregateSource = 'counters' | 'rows';

async function bigFigures(
  db: Db,
  programme: { id: string; timezone: string },
  months: ReportMonth[],
  now: Date,
  source: AggregateSource,
) {
  const programmeId = programme.id;
  if (source === 'counters') {
    const [people, checkIns, feedback] = await Promise.all([
      participantCountsFromCounters(db, programmeId),
      checkInCountsFromCounters(db, programmeId, now),
      feedbackFromCounters(db, programme, months),
    ]);
    return { ...people, checkIns, ...feedback };
  }
  const [participants, departments, generations, checkIns, ratings, surveys, topics] = await Promise.all([
    db.participant.groupBy({ by: ['role', 'status'], where: { programmeId }, _count: { _all: true } }),
    db.participant.groupBy({ by: ['department'], where: { programmeId }, _count: { _all: true } }),
    db.participant.groupBy({ by: ['generation'], where: { programmeId }, _count: { _all: true } }),
    checkInCounts(db, programmeId, now),
    ratingCounts(db, programmeId, months),
    surveyAggregates(db, programmeId),
    topicCounts(db, programmeId),
  ]);
  return {
    participants: participants.map((p) => ({ role: p.role, status: p.status, count: p._count._all })),
    departments: counts(departments, 'department', (r) => r._count._all),
    generations: counts(generations, 'generation', (r) => r._count._all),
    checkIns,
    ...ratings,
    surveys,
    topics,
  };
}

/** All aggregates of one programme's report, or null when the programme does not exist. */
export async function loadReportAggregates(
  db: Db,
  programmeId: string,
  months: ReportMonth[],
  now: Date,
  source: AggregateSource = 'counters',
): Promise<ReportAggregates | null> {
  const programme = await db.programme.findUnique({ where: { id: programmeId } });
  if (!programme) return null;
  const [big, pairs, risk, waitlist, failures] = await Promise.all([
    bigFigures(db, programme, months, now, source),
    db.pairing.groupBy({ by: ['status'], where: { programmeId }, _count: { _all: true } }),
    atRiskPairs(db, programmeId),
    waitlistCount(db, programmeId),
    db.outboxMessage.groupBy({ by: ['kind'], where: { status: 'failed' }, _count: { _all: true } }),
  ]);
  return {
    programme: {
      id: programme.id,
      name: programme.name,
      status: programme.status,
      startDate: programme.startDate,
      endDate: programme.endDate,
      signupDeadline: programme.signupDeadline,
      timezone: programme.timezone,
      cadenceDays: programme.cadenceDays,
      objectives: programme.objectives,
    },
    participants: big.participants,
    pairs: counts(pairs, 'status', (r) => r._count._all),
    waitlist,
    checkIns: big.checkIns,
    ratings: big.ratings,
    ratingPeople: big.ratingPeople,
    ratingsByMonth: big.ratingsByMonth,
    ...risk,
    topics: big.topics,
    departments: big.departments,
    generations: big.generations,
    surveys: big.surveys,
    deliveryFailures: counts(failures, 'kind', (r) => r._count._all),
  };
}

/** Each query on its own, for bench/report's breakdown of where the time goes. */
export const reportQueries = {
  countersParticipants: (db: Db, programmeId: string) => participantCountsFromCounters(db, programmeId),
  countersCheckIns: (db: Db, programmeId: string, _months: ReportMonth[], now: Date) =>
    checkInCountsFromCounters(db, programmeId, now),
  countersFeedback: async (db: Db, programmeId: string, months: ReportMonth[]) =>
    feedbackFromCounters(db, await db.programme.findUniqueOrThrow({ where: { id: programmeId } }), months),
  participantsByRoleAndStatus: (db: Db, programmeId: string) =>
    db.participant.groupBy({ by: ['role', 'status'], where: { programmeId }, _count: { _all: true } }),
  departments: (db: Db, programmeId: string) =>
    db.participant.groupBy({ by: ['department'], where: { programmeId }, _count: { _all: true } }),
  generations: (db: Db, programmeId: string) =>
    db.participant.groupBy({ by: ['generation'], where: { programmeId }, _count: { _all: true } }),
  pairs: (db: Db, programmeId: string) => db.pairing.groupBy({ by: ['status'], where: { programmeId }, _count: { _all: true } }),
  checkIns: (db: Db, programmeId: string, _months: ReportMonth[], now: Date) => checkInCounts(db, programmeId, now),
  ratings: (db: Db, programmeId: string, months: ReportMonth[]) => ratingCounts(db, programmeId, months),
  surveys: (db: Db, programmeId: string) => surveyAggregates(db, programmeId),
  topics: (db: Db, programmeId: string) => topicCounts(db, programmeId),
  atRisk: (db: Db, programmeId: string) => atRiskPairs(db, programmeId),
  waitlist: (db: Db, programmeId: string) => waitlistCount(db, programmeId),
  deliveryFailures: (db: Db) => db.outboxMessage.groupBy({ by: ['kind'], where: { status: 'failed' }, _count: { _all: true } }),
};
