import { Prisma } from '../generated/sqlite/client.js';
import { date, dateOrNull } from './checkInReads.js';
import type { Db } from './database.js';
import { listOwnFeedback, ratingTotals } from './feedback.js';
import { programmeCounts, programmeTopics } from './programmes.js';

const RUNNING = ['active', 'paused'] as const;

/** A running pair of one's, as the Home shows it: the partner, and the open check-in due first (if any). */
export interface HomePairing {
  id: string;
  status: string;
  introducedAt: Date | null;
  partnerSlackUserId: string;
  checkIns: Array<{ id: string; status: string; dueAt: Date; scheduledFor: Date | null }>;
}

/**
 * The running pairs of these participants, each with its partner's Slack ID and its open check-in due first, in
 * one joined statement (Prisma's nested includes took one a relation). A pairing whose partner has left (not running, or
 * erased) is not one's pairing any more: it waits for a rematch.
 */
async function runningPairingsOf(db: Db, participantIds: readonly string[]) {
  const ids = Prisma.join([...participantIds]);
  const running = Prisma.join(RUNNING.map((s) => Prisma.sql`${s}`));
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT p.id, p.status, p."introducedAt", p."mentorId", p."menteeId",
      mr."slackUserId" AS "mentorUser", me."slackUserId" AS "menteeUser",
      c.id AS "cId", c.status AS "cStatus", c."dueAt" AS "cDueAt", c."scheduledFor" AS "cScheduledFor"
    FROM "Pairing" p
      JOIN "Participant" mr ON mr.id = p."mentorId"
      JOIN "Participant" me ON me.id = p."menteeId"
      LEFT JOIN "CheckIn" c ON c.id = (
        SELECT o.id FROM "CheckIn" o WHERE o."pairingId" = p.id AND o.status IN ('due', 'scheduled')
        ORDER BY o."dueAt" ASC, o.id ASC LIMIT 1)
    WHERE p.status IN (${running}) AND (
      (p."mentorId" IN (${ids}) AND me.status IN (${running}) AND me."erasedAt" IS NULL)
      OR (p."menteeId" IN (${ids}) AND mr.status IN (${running}) AND mr."erasedAt" IS NULL))
    ORDER BY p.id ASC`;
  const asMentor = new Map<string, HomePairing[]>();
  const asMentee = new Map<string, HomePairing[]>();
  const add = (to: Map<string, HomePairing[]>, participantId: string, pairing: HomePairing) =>
    to.set(participantId, [...(to.get(participantId) ?? []), pairing]);
  const wanted = new Set(participantIds);
  for (const r of rows) {
    const base = {
      id: String(r.id),
      status: String(r.status),
      introducedAt: dateOrNull(r.introducedAt),
      checkIns:
        r.cId === null || r.cId === undefined
          ? []
          : [{ id: String(r.cId), status: String(r.cStatus), dueAt: date(r.cDueAt), scheduledFor: dateOrNull(r.cScheduledFor) }],
    };
    const mentorId = String(r.mentorId);
    const menteeId = String(r.menteeId);
    if (wanted.has(mentorId)) add(asMentor, mentorId, { ...base, partnerSlackUserId: String(r.menteeUser) });
    if (wanted.has(menteeId)) add(asMentee, menteeId, { ...base, partnerSlackUserId: String(r.mentorUser) });
  }
  return { asMentor, asMentee };
}

/** One person's participations (not erased), newest first, each with its topic catalogue, pairs and own feedback. */
export async function homeParticipations(db: Db, slackUserId: string) {
  const participations = await db.participant.findMany({
    where: { slackUserId, erasedAt: null },
    include: { programme: true, topics: { orderBy: { topicKey: 'asc' } } },
    orderBy: { createdAt: 'desc' },
  });
  if (participations.length === 0) return [];
  const pairings = await runningPairingsOf(
    db,
    participations.map((p) => p.id),
  );
  return Promise.all(
    participations.map(async (participant) => ({
      participant: {
        ...participant,
        mentorPairings: pairings.asMentor.get(participant.id) ?? [],
        menteePairings: pairings.asMentee.get(participant.id) ?? [],
      },
      catalogue: await programmeTopics(db, participant.programmeId, true),
      feedback: await listOwnFeedback(db, participant.id),
    })),
  );
}

/** Programmes not closed, oldest start first, with their head counts and check-in rating totals. */
export async function runningProgrammesWithCounts(db: Db) {
  const programmes = await db.programme.findMany({ where: { status: { not: 'closed' } }, orderBy: { startDate: 'asc' } });
  return Promise.all(
    programmes.map(async (programme) => ({
      programme,
      counts: await programmeCounts(db, programme.id),
      ratingTotals: await ratingTotals(db, programme.id),
    })),
  );
}

/** The person opened the App Home tab (the latest time is kept, one row per person). */
export async function noteHomeOpened(db: Db, slackUserId: string, at: Date): Promise<void> {
  await db.homeViewer.upsert({ where: { slackUserId }, create: { slackUserId, openedAt: at }, update: { openedAt: at } });
}

/** Everyone who opened the App Home tab (and was not forgotten since), by Slack ID. */
export async function homeViewers(db: Db): Promise<string[]> {
  const rows = await db.homeViewer.findMany({ select: { slackUserId: true }, orderBy: { slackUserId: 'asc' } });
  return rows.map((r) => r.slackUserId);
}
