// The report's big figures read from the counters kept current as the data changes (docs/report.md, "How it
// stays fast"): a few hundred rows, whatever the programme's size. They equal the aggregates of every row
// (src/store/report/aggregates.ts, still used by bench/report and the tests that check the two agree).
import {
  MIN_AGGREGATE_RESPONSES,
  ratingScope,
  reportMonthIndex,
  TOP_TOPICS,
  topicScope,
  type Count,
  type RatingBucket,
  type ReportMonth,
  type SurveyAggregate,
} from '../../domain/report/index.js';
import { isoDateOf } from '../../core/localDate.js';
import type { Db } from '../database.js';
import { ensureFeedbackCounters } from './feedbackCounters.js';
import { dateOrNull, num, Prisma } from './sql.js';

const SETTLED = ['met', 'skipped', 'missed'];

/** Check-ins that came due by `now` (or were settled early), per due date and status. */
export async function checkInCountsFromCounters(db: Db, programmeId: string, now: Date) {
  const rows = await db.reportCheckInCount.findMany({
    where: { programmeId, count: { gt: 0 }, OR: [{ dueAt: { lte: now } }, { status: { in: SETTLED } }] },
    select: { dueAt: true, status: true, count: true },
  });
  // Several instants of one date would be several rows, as in GROUP BY dueAt: the domain adds them up.
  return rows.map((r) => ({ dueDate: isoDateOf(dateOrNull(r.dueAt)!), status: r.status, count: r.count }));
}

function sumBy<T>(rows: T[], key: (r: T) => string, count: (r: T) => number): Count<string>[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + count(r));
  return [...sums].map(([k, n]) => ({ key: k, count: n }));
}

/** Participants by role and status, by department and by generation. */
export async function participantCountsFromCounters(db: Db, programmeId: string) {
  const rows = await db.reportParticipantCount.findMany({ where: { programmeId, count: { gt: 0 } } });
  const byRoleStatus = sumBy(
    rows,
    (r) => JSON.stringify([r.role, r.status]),
    (r) => r.count,
  );
  return {
    participants: byRoleStatus.map((c) => {
      const [role, status] = JSON.parse(c.key) as [string, string];
      return { role, status, count: c.count };
    }),
    departments: sumBy(
      rows,
      (r) => r.department,
      (r) => r.count,
    ),
    generations: sumBy(
      rows,
      (r) => r.generation,
      (r) => r.count,
    ),
  };
}

/**
 * How many different people (up to MIN_AGGREGATE_RESPONSES: all the threshold needs) stand behind each group of
 * scopes. A scope's rows are one per person, so each scope is counted up to the threshold along its key (no
 * DISTINCT over a big scope: PostgreSQL would read all of it); a group reaches the threshold when one of its
 * scopes does, and otherwise its few people are read and told apart here.
 */
async function peopleOf(db: Db, programmeId: string, groups: string[][]): Promise<number[]> {
  const scopes = [...new Set(groups.flat())];
  if (scopes.length === 0) return groups.map(() => 0);
  const limit = Prisma.raw(String(MIN_AGGREGATE_RESPONSES));
  const parts = scopes.map(
    (scope, i) => Prisma.sql`SELECT ${Prisma.raw(String(i))} AS s, COUNT(*) AS n FROM (
      SELECT 1 AS one FROM "ReportFeedbackPerson" p
      WHERE p."programmeId" = ${programmeId} AND p.scope = ${scope} LIMIT ${limit}) ${Prisma.raw(`t${i}`)}`,
  );
  const rows = await db.$queryRaw<Array<{ s: unknown; n: unknown }>>`${Prisma.join(parts, ' UNION ALL ')}`;
  const perScope = new Map(rows.map((r) => [scopes[num(r.s)]!, num(r.n)]));
  const small = groups.filter((g) => g.length > 1 && g.every((s) => (perScope.get(s) ?? 0) < MIN_AGGREGATE_RESPONSES));
  const fewPeople = new Map<string, string[]>();
  const smallScopes = [...new Set(small.flat())];
  if (smallScopes.length > 0) {
    const found = await db.reportFeedbackPerson.findMany({
      where: { programmeId, scope: { in: smallScopes } },
      select: { scope: true, personKey: true },
    });
    for (const f of found) fewPeople.set(f.scope, [...(fewPeople.get(f.scope) ?? []), f.personKey]);
  }
  return groups.map((g) => {
    if (g.some((s) => (perScope.get(s) ?? 0) >= MIN_AGGREGATE_RESPONSES)) return MIN_AGGREGATE_RESPONSES;
    if (g.length === 1) return perScope.get(g[0]!) ?? 0;
    return Math.min(MIN_AGGREGATE_RESPONSES, new Set(g.flatMap((s) => fewPeople.get(s) ?? [])).size);
  });
}

const byKeyThenCode = (a: { key: string; count: number }, b: { key: string; count: number }) =>
  b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Every feedback figure of the report, from the counters of released answers. */
export async function feedbackFromCounters(db: Db, programme: { id: string; timezone: string }, months: ReportMonth[]) {
  await ensureFeedbackCounters(db, programme.id, programme.timezone);
  const rows = await db.reportFeedbackCount.findMany({ where: { programmeId: programme.id, count: { gt: 0 } } });
  const ratingRows = rows.filter((r) => r.kind === 'checkin' && r.metric === 'rating');

  const buckets = new Map<number, RatingBucket & { scopes: string[] }>();
  for (const r of ratingRows) {
    const month = reportMonthIndex(months, r.month);
    const b = buckets.get(month) ?? { month, responses: 0, sum: 0, people: 0, scopes: [] };
    b.responses += r.count;
    b.sum += Number(r.key) * r.count;
    if (!b.scopes.includes(ratingScope(r.month))) b.scopes.push(ratingScope(r.month));
    buckets.set(month, b);
  }

  const surveys: Array<SurveyAggregate & { scope: string }> = [];
  for (const kind of ['midpoint', 'final'] as const) {
    const of = rows.filter((r) => r.kind === kind);
    const total = (metric: string, pick: (value: number) => boolean = () => true) =>
      of.filter((r) => r.metric === metric && pick(Number(r.key))).reduce((n, r) => n + r.count, 0);
    const responses = total('answer');
    if (responses === 0) continue;
    surveys.push({
      kind,
      scope: kind,
      responses,
      people: 0,
      progressResponses: total('progress'),
      progressSum: of.filter((r) => r.metric === 'progress').reduce((n, r) => n + Number(r.key) * r.count, 0),
      promoters: total('recommend', (s) => s >= 9),
      passives: total('recommend', (s) => s === 7 || s === 8),
      detractors: total('recommend', (s) => s <= 6),
    });
  }

  const topTopics = sumBy(
    rows.filter((r) => r.metric === 'topic'),
    (r) => r.key,
    (r) => r.count,
  )
    .sort(byKeyThenCode)
    .slice(0, TOP_TOPICS);

  const bucketList = [...buckets.values()];
  const allRatingScopes = [...new Set(ratingRows.map((r) => ratingScope(r.month)))];
  const [ratingPeople, ...people] = await peopleOf(db, programme.id, [
    allRatingScopes,
    ...bucketList.map((b) => b.scopes),
    ...surveys.map((s) => [s.scope]),
    ...topTopics.map((t) => [topicScope(t.key)]),
  ]);
  const labels = await db.programmeTopic.findMany({
    where: { programmeId: programme.id, key: { in: topTopics.map((t) => t.key) } },
  });
  const surveyPeople = people.slice(bucketList.length, bucketList.length + surveys.length);
  const topicPeople = people.slice(bucketList.length + surveys.length);
  return {
    ratings: sumBy(
      ratingRows,
      (r) => r.key,
      (r) => r.count,
    ),
    ratingPeople: ratingPeople ?? 0,
    ratingsByMonth: bucketList.map(({ scopes: _scopes, ...b }, i) => ({ ...b, people: people[i] ?? 0 })),
    surveys: surveys.map(({ scope: _scope, ...s }, i) => ({ ...s, people: surveyPeople[i] ?? 0 })),
    topics: topTopics.map((t, i) => ({
      key: t.key,
      label: labels.find((l) => l.key === t.key)?.label ?? t.key,
      count: t.count,
      people: topicPeople[i] ?? 0,
    })),
  };
}
