// The records of a matching: runs (drafts, approved, superseded), their pairings and the first check-ins.
// Reads and writes only; what they mean is decided in src/domain/matching and src/flows/matching.
import { randomUUID } from 'node:crypto';
import type { CohortRecords, MatchedPair, PairRef, SwappedPair, UnmatchedEntry } from '../domain/matching/index.js';
import type { Db, Tx } from './database.js';

type Client = Db | Tx;

const CURRENT_PAIRING = ['active', 'paused'];

/** Everything the matcher reads about one programme; null when it does not exist. */
export async function loadCohortRecords(db: Client, programmeId: string): Promise<CohortRecords | null> {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, include: { topics: true } });
  if (!programme) return null;
  const [participants, pairings, managers, earlier] = await Promise.all([
    db.participant.findMany({
      where: { programmeId, erasedAt: null, status: { in: CURRENT_PAIRING } },
      include: { topics: true, avoid: true },
    }),
    db.pairing.findMany({
      where: { programmeId, status: { in: [...CURRENT_PAIRING, 'ended'] } },
      include: { mentor: true, mentee: true },
    }),
    db.participant.findMany({
      where: { managerSlackId: { not: null } },
      select: { slackUserId: true, managerSlackId: true, programmeId: true },
    }),
    db.pairing.findMany({
      where: { programmeId: { not: programmeId }, status: { not: 'draft' } },
      select: { mentor: { select: { slackUserId: true } }, mentee: { select: { slackUserId: true } } },
    }),
  ]);
  return {
    programme,
    participants,
    pairings,
    managers,
    earlierPairs: earlier.map((p) => ({ mentorSlackUserId: p.mentor.slackUserId, menteeSlackUserId: p.mentee.slackUserId })),
  };
}

/** Programmes that are not closed, newest first. */
export function matchableProgrammes(db: Db) {
  return db.programme.findMany({
    where: { status: { not: 'closed' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, name: true },
  });
}

export function parseUnmatched(json: string): UnmatchedEntry[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as UnmatchedEntry[]) : [];
  } catch {
    return [];
  }
}

function parseReasons(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * Serialises the writers of one programme's matching (PostgreSQL: a row lock until commit; SQLite: one writer
 * anyway), so two approvals or re-runs never work from the same snapshot. Call it first in the transaction.
 */
export async function lockProgramme(tx: Tx, programmeId: string, now: Date): Promise<void> {
  await tx.programme.updateMany({ where: { id: programmeId }, data: { updatedAt: now } });
}

/** The run, read after its programme is locked (the lock is the transaction's first statement: a write). */
export async function lockRun(tx: Tx, runId: string, now: Date) {
  await tx.programme.updateMany({ where: { matchRuns: { some: { id: runId } } }, data: { updatedAt: now } });
  return tx.matchRun.findUnique({ where: { id: runId } });
}

export type RunRecord = NonNullable<Awaited<ReturnType<typeof lockRun>>>;

export function latestDraft(tx: Client, programmeId: string) {
  return tx.matchRun.findFirst({ where: { programmeId, status: 'draft' }, orderBy: { createdAt: 'desc' } });
}

/** The latest run of a programme, whatever its status. */
export function latestRun(db: Client, programmeId: string) {
  return db.matchRun.findFirst({ where: { programmeId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export function draftPins(tx: Client, runId: string): Promise<PairRef[]> {
  return tx.pairing.findMany({
    where: { matchRunId: runId, status: 'draft', pinned: true },
    select: { mentorId: true, menteeId: true },
  });
}

/** Every draft of the programme but `exceptRunId` becomes superseded. */
export async function supersedeDrafts(tx: Tx, programmeId: string, exceptRunId?: string): Promise<void> {
  await tx.matchRun.updateMany({
    where: { programmeId, status: 'draft', ...(exceptRunId ? { id: { not: exceptRunId } } : {}) },
    data: { status: 'superseded' },
  });
}

export interface NewDraft {
  programmeId: string;
  inputHash: string;
  totalScore: number;
  unmatched: UnmatchedEntry[];
  createdBy: string;
  cadenceDays: number;
  pairs: MatchedPair[];
}

/** Writes a draft run and its pairings; returns the run's id. */
export async function createDraft(tx: Tx, d: NewDraft): Promise<string> {
  const runId = `run-${randomUUID()}`;
  await tx.matchRun.create({
    data: {
      id: runId,
      programmeId: d.programmeId,
      status: 'draft',
      inputHash: d.inputHash,
      totalScore: d.totalScore,
      unmatchedJson: JSON.stringify(d.unmatched),
      createdBySlackId: d.createdBy,
    },
  });
  if (d.pairs.length > 0) {
    await tx.pairing.createMany({
      data: d.pairs.map((p) => ({
        id: `pair-${randomUUID()}`,
        programmeId: d.programmeId,
        matchRunId: runId,
        mentorId: p.mentorId,
        menteeId: p.menteeId,
        status: 'draft',
        score: p.score,
        reasonsJson: JSON.stringify(p.reasons),
        pinned: p.pinned,
        cadenceDays: d.cadenceDays,
      })),
    });
  }
  return runId;
}

export function findDraftPairing(tx: Client, runId: string, pairingId: string) {
  return tx.pairing.findFirst({ where: { id: pairingId, matchRunId: runId, status: 'draft' } });
}

export async function deletePairing(tx: Tx, pairingId: string): Promise<void> {
  await tx.pairing.delete({ where: { id: pairingId } });
}

export async function mentorHasDraftPair(tx: Client, runId: string, mentorId: string): Promise<boolean> {
  return (await tx.pairing.count({ where: { matchRunId: runId, status: 'draft', mentorId } })) > 0;
}

export async function setPinned(tx: Tx, pairingId: string, pinned: boolean): Promise<void> {
  await tx.pairing.update({ where: { id: pairingId }, data: { pinned } });
}

/** The draft pairs of these people (mentors by mentorId, mentees by menteeId). */
export function draftPairsOf(tx: Client, runId: string, people: { participantId: string; role: 'mentor' | 'mentee' }[]) {
  return tx.pairing.findMany({
    where: {
      matchRunId: runId,
      status: 'draft',
      OR: people.map((p) => (p.role === 'mentor' ? { mentorId: p.participantId } : { menteeId: p.participantId })),
    },
    select: { id: true, mentorId: true, menteeId: true },
  });
}

/** A pair a coordinator set by hand: pinned, with its new score and reasons. */
export async function saveSwappedPairs(tx: Tx, pairs: SwappedPair[]): Promise<void> {
  for (const p of pairs) {
    await tx.pairing.update({
      where: { id: p.id },
      data: { mentorId: p.mentorId, menteeId: p.menteeId, score: p.score, reasonsJson: JSON.stringify(p.reasons), pinned: true },
    });
  }
}

/** Stores the draft's waitlist, and its total score as the sum of its pairs' scores. */
export async function saveDraftTotals(tx: Tx, runId: string, unmatched: UnmatchedEntry[]): Promise<void> {
  const pairs = await tx.pairing.findMany({ where: { matchRunId: runId, status: 'draft' }, select: { score: true } });
  const total = Math.round(pairs.reduce((s, p) => s + p.score, 0) * 100) / 100;
  await tx.matchRun.update({ where: { id: runId }, data: { totalScore: total, unmatchedJson: JSON.stringify(unmatched) } });
}

/** Compare-and-set: of two concurrent approvals only one changes the row. */
export async function markApproved(tx: Tx, runId: string, by: string, now: Date): Promise<boolean> {
  const won = await tx.matchRun.updateMany({
    where: { id: runId, status: 'draft' },
    data: { status: 'approved', approvedBySlackId: by, approvedAt: now },
  });
  return won.count > 0;
}

export function findRun(tx: Client, runId: string) {
  return tx.matchRun.findUnique({ where: { id: runId } });
}

export async function hasOtherApprovedRun(tx: Client, programmeId: string, runId: string): Promise<boolean> {
  return (await tx.matchRun.count({ where: { programmeId, status: 'approved', id: { not: runId } } })) > 0;
}

/** Ends pairings, keeping an end reason already set (a rematch request). */
export async function endPairings(tx: Tx, pairingIds: string[], now: Date, reason: string): Promise<void> {
  if (pairingIds.length === 0) return;
  const pairings = await tx.pairing.findMany({ where: { id: { in: pairingIds } } });
  for (const p of pairings)
    await tx.pairing.update({ where: { id: p.id }, data: { status: 'ended', endedAt: now, endReason: p.endReason ?? reason } });
}

/** The run's draft pairings with both people and their topics (what an introduction tells). */
export function draftPairingsWithPeople(tx: Client, runId: string) {
  return tx.pairing.findMany({
    where: { matchRunId: runId, status: 'draft' },
    include: { mentor: { include: { topics: true } }, mentee: { include: { topics: true } } },
  });
}

export type PairingWithPeople = Awaited<ReturnType<typeof draftPairingsWithPeople>>[number];

export async function activateDraftPairings(tx: Tx, runId: string, now: Date): Promise<void> {
  await tx.pairing.updateMany({ where: { matchRunId: runId, status: 'draft' }, data: { status: 'active', introducedAt: now } });
}

export async function createFirstCheckIns(tx: Tx, checkIns: { pairingId: string; dueAt: Date }[]): Promise<void> {
  if (checkIns.length === 0) return;
  await tx.checkIn.createMany({
    data: checkIns.map((c) => ({ id: `checkin-${c.pairingId}-1`, pairingId: c.pairingId, sequence: 1, dueAt: c.dueAt })),
  });
}

/** Of these participants, those active and not erased. */
export function activeParticipants(tx: Client, ids: string[]) {
  return tx.participant.findMany({
    where: { id: { in: ids }, status: 'active', erasedAt: null },
    select: { id: true, slackUserId: true },
  });
}

export interface PreviewRecords {
  run: { id: string; status: string; totalScore: number; programme: { id: string; name: string } };
  pairs: { id: string; mentor: PersonRecord; mentee: PersonRecord; score: number; reasons: string[]; pinned: boolean }[];
  unmatched: UnmatchedEntry[];
  /** The waitlisted people's records. */
  people: PersonRecord[];
  /** Active pairings of the programme (a rematch keeps them). */
  activePairings: number;
}

export interface PersonRecord {
  id: string;
  slackUserId: string;
  displayName: string;
  role: string;
}

/** A run with its pairings (best first) and the people of its waitlist. */
export async function loadRunForPreview(db: Client, runId: string): Promise<PreviewRecords | null> {
  const run = await db.matchRun.findUnique({
    where: { id: runId },
    include: { programme: { select: { id: true, name: true } } },
  });
  if (!run) return null;
  const pairs = await db.pairing.findMany({
    where: { matchRunId: runId },
    include: { mentor: true, mentee: true },
    orderBy: [{ score: 'desc' }, { id: 'asc' }],
  });
  const unmatched = parseUnmatched(run.unmatchedJson);
  const people = await db.participant.findMany({ where: { id: { in: unmatched.map((u) => u.participantId) } } });
  const activePairings = await db.pairing.count({ where: { programmeId: run.programmeId, status: 'active' } });
  return {
    run: { id: run.id, status: run.status, totalScore: run.totalScore, programme: run.programme },
    pairs: pairs.map((p) => ({
      id: p.id,
      mentor: p.mentor,
      mentee: p.mentee,
      score: p.score,
      reasons: parseReasons(p.reasonsJson),
      pinned: p.pinned,
    })),
    unmatched,
    people,
    activePairings,
  };
}

export function findPairingWithPeople(tx: Client, pairingId: string) {
  return tx.pairing.findUnique({ where: { id: pairingId }, include: { mentor: true, mentee: true, programme: true } });
}

/** Pauses an active pairing with the given end reason; false when it was not active (asked already). */
export async function pauseActivePairing(tx: Tx, pairingId: string, endReason: string): Promise<boolean> {
  const changed = await tx.pairing.updateMany({
    where: { id: pairingId, status: 'active' },
    data: { status: 'paused', endReason },
  });
  return changed.count > 0;
}
