// The scheduler's biggest reads, in one SQL join each instead of Prisma `include`s (one query per relation, joined
// in JavaScript): in a fan-out a pass reads every due check-in with its pair, its two members and its programme,
// and that read was most of the pass's time (docs/benchmarks-history.md, "Planning 10,000 nudges in one read per batch").
import pg from 'pg';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { poolOf } from './pgPool.js';
import { kindOf } from './provider.js';
import { OPEN_STATUSES, type CheckInWithPair, type PairContext, type Person } from './checkIns.js';

/** SQLite may hand back an instant as text; PostgreSQL and the SQLite adapter's typed columns give a Date. */
export const dateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
export const date = (v: unknown): Date => dateOrNull(v) ?? new Date(NaN);
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

type Row = Record<string, unknown>;

/** A `timestamp without time zone` holds UTC, as Prisma's adapter reads it (node-postgres would read local time). */
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMP
      ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The rows of a read. PostgreSQL: sent to node-postgres directly (pgPool.ts), without Prisma's handling of each
 * value (a batch is 500 rows of 25 columns); instants go in as ISO strings, which a timestamp reads as UTC.
 */
async function rowsOf(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<Row[]>(query);
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return (await pool.query<Row>({ text: query.text, values, types: utcTimestamps })).rows;
}

const personOf = (r: Row, prefix: 'mr' | 'me'): Person => ({
  id: String(r[`${prefix}Id`]),
  slackUserId: String(r[`${prefix}User`]),
  timezone: String(r[`${prefix}Zone`]),
  status: String(r[`${prefix}Status`]),
});

/** The programmes of these rows, each read once and shared by its pairs. */
async function programmesOf(db: Db, rows: readonly Row[]): Promise<Map<string, PairContext['programme']>> {
  const ids = [...new Set(rows.map((r) => String(r.programmeId)))];
  if (ids.length === 0) return new Map();
  const programmes = await db.programme.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, startDate: true, endDate: true, timezone: true, status: true },
  });
  return new Map(programmes.map((p) => [p.id, p]));
}

/** Open check-ins whose nudge time has come, of reachable pairs (the pair and both members active). */
function dueNudgeWhere(now: Date): Prisma.Sql {
  const open = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}`));
  return Prisma.sql`c.status IN (${open}) AND c."nextNudgeAt" <= ${now}
      AND p.status = 'active' AND mr.status = 'active' AND me.status = 'active'`;
}

const DUE_NUDGE_JOIN = Prisma.sql`"CheckIn" c
      JOIN "Pairing" p ON p.id = c."pairingId"
      JOIN "Participant" mr ON mr.id = p."mentorId"
      JOIN "Participant" me ON me.id = p."menteeId"`;

/** The check-in's, its pair's and both members' columns, as checkInWithPairOf reads them. */
const CHECK_IN_WITH_PAIR_COLUMNS = Prisma.sql`c.id, c."pairingId", c.sequence, c."dueAt", c.status, c."scheduledFor",
      c."metAt", c."remindersSent", c."nextNudgeAt", c."invitationSequence",
      p.status AS "pStatus", p."cadenceDays", p."groupChannelId", p."introducedAt", p."createdAt" AS "pCreatedAt",
      p."atRiskFlaggedAt", p."programmeId",
      mr.id AS "mrId", mr."slackUserId" AS "mrUser", mr.timezone AS "mrZone", mr.status AS "mrStatus",
      me.id AS "meId", me."slackUserId" AS "meUser", me.timezone AS "meZone", me.status AS "meStatus"`;

/**
 * The ids of the check-ins whose nudge is due (see findDueNudges), oldest nudge first: a pass reads them once
 * and then each batch by id, instead of sorting every due check-in again for each batch (in a fan-out thousands
 * tie on the same time, so each batch's ORDER BY ... LIMIT sorted all that were left).
 */
export async function findDueNudgeIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await rowsOf(
    db,
    Prisma.sql`
    SELECT c.id FROM ${DUE_NUDGE_JOIN}
    WHERE ${dueNudgeWhere(now)}
    ORDER BY c."nextNudgeAt" ASC, c.id ASC
    LIMIT ${limit}`,
  );
  return rows.map((r) => String(r.id));
}

/**
 * Open check-ins whose nudge time has come, of reachable pairs (the pair and both members active): oldest nudge
 * first, `limit` of them (or those of `among` still due), each with its pair as `findCheckIn` reads it.
 */
export async function findDueNudges(db: Db, now: Date, limit: number, among?: readonly string[]): Promise<CheckInWithPair[]> {
  if (among?.length === 0) return [];
  // PostgreSQL: the ids as one array parameter (the driver adapter converts each bound parameter in JavaScript).
  const ids = !among
    ? Prisma.empty
    : kindOf(db) === 'postgres'
      ? Prisma.sql`AND c.id = ANY(${[...among]})`
      : Prisma.sql`AND c.id IN (${Prisma.join([...among])})`;
  const rows = await rowsOf(
    db,
    Prisma.sql`
    SELECT ${CHECK_IN_WITH_PAIR_COLUMNS}
    FROM ${DUE_NUDGE_JOIN}
    WHERE ${dueNudgeWhere(now)} ${ids}
    ORDER BY c."nextNudgeAt" ASC, c.id ASC
    LIMIT ${limit}`,
  );
  const programmes = await programmesOf(db, rows);
  return rows.map((r) => {
    const programme = programmes.get(String(r.programmeId));
    if (!programme) throw new Error(`programme ${String(r.programmeId)} of pairing ${String(r.pairingId)} not found`);
    return checkInWithPairOf(r, programme);
  });
}

function checkInWithPairOf(r: Row, programme: PairContext['programme']): CheckInWithPair {
  return {
    id: String(r.id),
    pairingId: String(r.pairingId),
    sequence: Number(r.sequence),
    dueAt: date(r.dueAt),
    status: String(r.status),
    scheduledFor: dateOrNull(r.scheduledFor),
    metAt: dateOrNull(r.metAt),
    remindersSent: Number(r.remindersSent),
    nextNudgeAt: dateOrNull(r.nextNudgeAt),
    invitationSequence: intOrNull(r.invitationSequence),
    pairing: {
      id: String(r.pairingId),
      status: String(r.pStatus),
      cadenceDays: Number(r.cadenceDays),
      groupChannelId: r.groupChannelId === null ? null : String(r.groupChannelId),
      introducedAt: dateOrNull(r.introducedAt),
      createdAt: date(r.pCreatedAt),
      atRiskFlaggedAt: dateOrNull(r.atRiskFlaggedAt),
      mentor: personOf(r, 'mr'),
      mentee: personOf(r, 'me'),
      programme,
    },
  };
}

/**
 * One check-in with its pair, both members and its programme, in one joined statement (Prisma's nested `include`
 * took five: every check-in click reads one, so in a burst of clicks this was most of their statements).
 */
export async function findCheckIn(db: Db, id: string): Promise<CheckInWithPair | null> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${CHECK_IN_WITH_PAIR_COLUMNS},
      g.name AS "prName", g."startDate" AS "prStart", g."endDate" AS "prEnd", g.timezone AS "prZone",
      g.status AS "prStatus"
    FROM "CheckIn" c
      JOIN "Pairing" p ON p.id = c."pairingId"
      JOIN "Participant" mr ON mr.id = p."mentorId"
      JOIN "Participant" me ON me.id = p."menteeId"
      JOIN "Programme" g ON g.id = p."programmeId"
    WHERE c.id = ${id}`;
  const r = rows[0];
  if (!r) return null;
  return checkInWithPairOf(r, {
    id: String(r.programmeId),
    name: String(r.prName),
    startDate: date(r.prStart),
    endDate: date(r.prEnd),
    timezone: String(r.prZone),
    status: String(r.prStatus),
  });
}

/** What the at-risk step needs to rule a pair out: its last meeting (else its introduction), cadence and calendar. */
export interface AtRiskCandidate {
  id: string;
  cadenceDays: number;
  introducedAt: Date | null;
  /** the latest `metAt` of its met check-ins, as `ORDER BY "metAt" DESC` gives it on this database */
  lastMetAt: Date | null;
  mentee: { timezone: string };
}

/**
 * Active pairs not flagged yet, by id after `afterId`: the at-risk step's candidates, read light (no relations).
 * The page is cut before the join: a plan that cannot walk the pairs in id order (PostgreSQL without statistics
 * on a table, e.g. right after a bulk load) joined every pair left and then sorted them, for each page.
 */
export async function findAtRiskCandidates(db: Db, limit: number, afterId = ''): Promise<AtRiskCandidate[]> {
  const rows = await rowsOf(
    db,
    Prisma.sql`
    SELECT p.id, p."cadenceDays", p."introducedAt", me.timezone AS "menteeZone",
      (SELECT c."metAt" FROM "CheckIn" c WHERE c."pairingId" = p.id AND c.status = 'met'
        ORDER BY c."metAt" DESC LIMIT 1) AS "lastMetAt"
    FROM (
      SELECT id, "cadenceDays", "introducedAt", "menteeId" FROM "Pairing"
      WHERE status = 'active' AND "atRiskFlaggedAt" IS NULL AND id > ${afterId}
      ORDER BY id ASC
      LIMIT ${limit}
    ) p JOIN "Participant" me ON me.id = p."menteeId"
    ORDER BY p.id ASC`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    cadenceDays: Number(r.cadenceDays),
    introducedAt: dateOrNull(r.introducedAt),
    lastMetAt: dateOrNull(r.lastMetAt),
    mentee: { timezone: String(r.menteeZone) },
  }));
}
