import { createHash, randomUUID } from 'node:crypto';
import {
  checkPins,
  explainPair,
  matchCohort,
  mentorCapacity,
  type MatchCandidate,
  type MatchInput,
  type PairRef,
  type PastPair,
  type PinError,
  type Role,
} from '../domain/matching/index.js';
import type { Db, Tx } from './database.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

type Client = Db | Tx;

/** A matching input for one programme, with what approval needs to know besides the matcher's input. */
export interface LoadedCohort {
  programme: { id: string; name: string; cadenceDays: number; announcementChannel: string | null; timezone: string };
  /** Without pins: those belong to a draft. */
  input: MatchInput;
  /** Hash of everything the matcher reads; a draft computed from other inputs is stale. */
  hash: string;
  /** Pairings of this programme that a departure, a withdrawal or a rematch request broke. */
  brokenPairingIds: string[];
}

/** A waitlisted or removed person, as stored in MatchRun.unmatchedJson. */
export interface StoredUnmatched {
  participantId: string;
  role: Role;
  reason: 'no_feasible_partner' | 'capacity' | 'inactive' | 'removed';
  detail: string;
  /** reason 'removed': the partner the coordinator removed them from (a re-run keeps them apart). */
  removedWith?: string;
}

const ACTIVE_PAIRING = ['active', 'paused'];
const GONE = new Set(['withdrawn', 'departed']);
export const REMATCH_REQUESTED = 'rematch_requested';

function sortBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function chainOf(start: string | undefined, managerOf: Map<string, string>): string[] {
  const chain: string[] = [];
  let next = start ? managerOf.get(start) : undefined;
  while (next && !chain.includes(next) && chain.length < 20) {
    chain.push(next);
    next = managerOf.get(next);
  }
  return chain;
}

/**
 * The people of a programme to (re-)match. People in an intact pairing keep it (pairedElsewhere); the
 * partners of a broken pairing and the waitlist are matched again.
 */
export async function loadCohort(db: Client, programmeId: string, now: Date): Promise<LoadedCohort | null> {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, include: { topics: true } });
  if (!programme) return null;
  const [participants, pairings, managers, earlier] = await Promise.all([
    db.participant.findMany({ where: { programmeId, erasedAt: null, status: { in: ['active', 'paused'] } }, include: { topics: true, avoid: true } }),
    db.pairing.findMany({ where: { programmeId, status: { in: [...ACTIVE_PAIRING, 'ended'] } }, include: { mentor: true, mentee: true } }),
    db.participant.findMany({ where: { managerSlackId: { not: null } }, select: { slackUserId: true, managerSlackId: true, programmeId: true } }),
    db.pairing.findMany({ where: { programmeId: { not: programmeId }, status: { not: 'draft' } }, select: { mentor: { select: { slackUserId: true } }, mentee: { select: { slackUserId: true } } } }),
  ]);
  const managerOf = new Map<string, string>();
  for (const m of sortBy(managers, (x) => (x.programmeId === programmeId ? '1' : '0'))) if (m.managerSlackId) managerOf.set(m.slackUserId, m.managerSlackId);

  const pastPairs: PastPair[] = earlier.map((p) => ({ mentorSlackUserId: p.mentor.slackUserId, menteeSlackUserId: p.mentee.slackUserId }));
  const pairedElsewhere: PairRef[] = [];
  const brokenPairingIds: string[] = [];
  for (const p of pairings) {
    const broken = p.status === 'ended' || GONE.has(p.mentor.status) || GONE.has(p.mentee.status) || p.endReason === REMATCH_REQUESTED;
    if (!broken) {
      pairedElsewhere.push({ mentorId: p.mentorId, menteeId: p.menteeId });
      continue;
    }
    if (p.status !== 'ended') brokenPairingIds.push(p.id);
    // Never the same two people again.
    pastPairs.push({ mentorSlackUserId: p.mentor.slackUserId, menteeSlackUserId: p.mentee.slackUserId });
  }

  const candidates: MatchCandidate[] = sortBy(participants, (p) => p.id).map((p) => ({
    participantId: p.id,
    slackUserId: p.slackUserId,
    role: p.role === 'mentor' ? 'mentor' : 'mentee',
    displayName: p.displayName || p.slackUserId,
    seniorityLevel: p.seniorityLevel,
    department: p.department,
    ...(p.managerSlackId ? { managerSlackId: p.managerSlackId } : {}),
    managementChain: chainOf(p.slackUserId, managerOf),
    teaches: p.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey).sort(),
    learns: p.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey).sort(),
    timezone: p.timezone,
    meetingPreference: p.meetingPreference === 'video' || p.meetingPreference === 'in_person' ? p.meetingPreference : 'either',
    capacity: p.role === 'mentor' ? p.capacity : 1,
    status: p.status === 'paused' ? 'paused' : 'active',
    avoidSlackUserIds: p.avoid.map((a) => a.avoidSlackUserId).sort(),
  }));
  const input: MatchInput = {
    mentors: candidates.filter((c) => c.role === 'mentor'),
    mentees: candidates.filter((c) => c.role === 'mentee'),
    minSeniorityGap: programme.minSeniorityGap,
    pins: [],
    pastPairs: sortBy(pastPairs, (p) => `${p.mentorSlackUserId}:${p.menteeSlackUserId}`),
    pairedElsewhere: sortBy(pairedElsewhere, (p) => `${p.mentorId}:${p.menteeId}`),
    referenceDate: now,
    topicLabels: Object.fromEntries(programme.topics.map((t) => [t.key, t.label])),
  };
  const hashed = { candidates, gap: input.minSeniorityGap, past: input.pastPairs, elsewhere: input.pairedElsewhere, topics: input.topicLabels };
  const hash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');
  return {
    programme: { id: programme.id, name: programme.name, cadenceDays: programme.cadenceDays, announcementChannel: programme.announcementChannel, timezone: programme.timezone },
    input,
    hash,
    brokenPairingIds,
  };
}

/** Programmes a coordinator can match: not closed, newest first. */
export function matchableProgrammes(db: Db) {
  return db.programme.findMany({ where: { status: { not: 'closed' } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: { id: true, name: true } });
}

export type DraftOutcome = { ok: true; runId: string } | { ok: false; pinErrors: PinError[] } | { ok: false; missing: true };

function parseUnmatched(json: string): StoredUnmatched[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as StoredUnmatched[]) : [];
  } catch {
    return [];
  }
}

function exclusionsOf(unmatched: StoredUnmatched[], cohort: LoadedCohort): PastPair[] {
  const slackOf = new Map([...cohort.input.mentors, ...cohort.input.mentees].map((c) => [c.participantId, c.slackUserId] as const));
  const out: PastPair[] = [];
  for (const u of unmatched) {
    if (u.reason !== 'removed' || !u.removedWith || u.role !== 'mentee') continue;
    const mentee = slackOf.get(u.participantId);
    const mentor = slackOf.get(u.removedWith);
    if (mentee && mentor) out.push({ mentorSlackUserId: mentor, menteeSlackUserId: mentee });
  }
  return out;
}

async function writeDraft(tx: Tx, cohort: LoadedCohort, createdBy: string, pins: PairRef[], keepApart: StoredUnmatched[]): Promise<DraftOutcome> {
  const input: MatchInput = { ...cohort.input, pins, pastPairs: [...cohort.input.pastPairs, ...exclusionsOf(keepApart, cohort)] };
  const result = matchCohort(input);
  if (!result.ok) return { ok: false, pinErrors: result.pinErrors };
  const programmeId = cohort.programme.id;
  await tx.matchRun.updateMany({ where: { programmeId, status: 'draft' }, data: { status: 'superseded' } });
  const runId = `run-${randomUUID()}`;
  const matchedIds = new Set(result.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const unmatched: StoredUnmatched[] = [
    ...result.unmatched.map((u) => {
      const kept = keepApart.find((k) => k.participantId === u.participantId);
      return kept && !matchedIds.has(u.participantId) ? kept : { participantId: u.participantId, role: u.role, reason: u.reason, detail: u.detail };
    }),
  ].filter((u, i, all) => all.findIndex((x) => x.participantId === u.participantId) === i);
  await tx.matchRun.create({
    data: { id: runId, programmeId, status: 'draft', inputHash: cohort.hash, totalScore: result.totalScore, unmatchedJson: JSON.stringify(unmatched), createdBySlackId: createdBy },
  });
  if (result.pairs.length > 0) {
    await tx.pairing.createMany({
      data: result.pairs.map((p) => ({
        id: `pair-${randomUUID()}`,
        programmeId,
        matchRunId: runId,
        mentorId: p.mentorId,
        menteeId: p.menteeId,
        status: 'draft',
        score: p.score,
        reasonsJson: JSON.stringify(p.reasons),
        pinned: p.pinned,
        cadenceDays: cohort.programme.cadenceDays,
      })),
    });
  }
  return { ok: true, runId };
}

async function draftPins(tx: Client, runId: string): Promise<PairRef[]> {
  const pinned = await tx.pairing.findMany({ where: { matchRunId: runId, status: 'draft', pinned: true }, select: { mentorId: true, menteeId: true } });
  return pinned;
}

/**
 * The programme's current draft when it is still up to date, else a new one (keeping the old draft's pins
 * that still hold, and its removed pairs apart). Drafts are written for coordinators only: no message.
 */
export async function currentOrNewDraft(db: Db, programmeId: string, createdBy: string, now: Date): Promise<DraftOutcome> {
  return db.$transaction(async (tx) => {
    await lockProgramme(tx, programmeId, now);
    const cohort = await loadCohort(tx, programmeId, now);
    if (!cohort) return { ok: false, missing: true } as const;
    const draft = await tx.matchRun.findFirst({ where: { programmeId, status: 'draft' }, orderBy: { createdAt: 'desc' } });
    if (draft && draft.inputHash === cohort.hash) return { ok: true, runId: draft.id } as const;
    return rerunFrom(tx, cohort, draft, createdBy);
  });
}

async function rerunFrom(tx: Tx, cohort: LoadedCohort, draft: { id: string; unmatchedJson: string } | null, createdBy: string, extraPin?: PairRef): Promise<DraftOutcome> {
  const oldPins = draft ? await draftPins(tx, draft.id) : [];
  const keepApart = draft ? parseUnmatched(draft.unmatchedJson).filter((u) => u.reason === 'removed') : [];
  let pins = extraPin ? [...oldPins.filter((p) => p.menteeId !== extraPin.menteeId), extraPin] : oldPins;
  if (!extraPin) {
    // Pins that no longer hold (a profile changed) are dropped rather than blocking the re-run.
    const bad = new Set(checkPins({ ...cohort.input, pins }).map((e) => `${e.mentorId}:${e.menteeId}`));
    pins = pins.filter((p) => !bad.has(`${p.mentorId}:${p.menteeId}`));
  }
  return writeDraft(tx, cohort, createdBy, pins, keepApart.filter((u) => !extraPin || (u.participantId !== extraPin.menteeId && u.participantId !== extraPin.mentorId)));
}

export type EditOutcome = DraftOutcome | { ok: false; notDraft: string } | { ok: false; refused: string };

/**
 * Serialises the writers of one programme's matching (PostgreSQL: a row lock until commit; SQLite: one writer
 * anyway), so two approvals or re-runs never work from the same snapshot.
 */
async function lockProgramme(tx: Tx, programmeId: string, now: Date): Promise<void> {
  await tx.programme.updateMany({ where: { id: programmeId }, data: { updatedAt: now } });
}

/** The run, read after its programme is locked (the lock is the transaction's first statement: a write). */
async function openDraft(tx: Tx, runId: string, now: Date) {
  await tx.programme.updateMany({ where: { matchRuns: { some: { id: runId } } }, data: { updatedAt: now } });
  return tx.matchRun.findUnique({ where: { id: runId } });
}

type DraftRun = NonNullable<Awaited<ReturnType<typeof openDraft>>>;

/** Runs a coordinator's edit on a draft in one transaction; a missing or no longer draft run changes nothing. */
function editDraft(db: Db, runId: string, now: Date, edit: (tx: Tx, run: DraftRun) => Promise<EditOutcome>): Promise<EditOutcome> {
  return db.$transaction(async (tx) => {
    const run = await openDraft(tx, runId, now);
    if (!run) return { ok: false, missing: true } as const;
    if (run.status !== 'draft') return { ok: false, notDraft: run.status } as const;
    return edit(tx, run);
  });
}

/** Like editDraft, with the programme's cohort as it is now. */
function editDraftWithCohort(db: Db, runId: string, now: Date, edit: (tx: Tx, run: DraftRun, cohort: LoadedCohort) => Promise<EditOutcome>): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx, run) => {
    const cohort = await loadCohort(tx, run.programmeId, now);
    if (!cohort) return { ok: false, missing: true } as const;
    return edit(tx, run, cohort);
  });
}

/** Re-run: a new draft from the current profiles, keeping pins and removed pairs apart. */
export async function rerunDraft(db: Db, runId: string, by: string, now: Date): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, async (tx, run, cohort) => {
    return rerunFrom(tx, cohort, run, by);
  });
}

/** Pin a mentor with a mentee: refused with the reason when it breaks a hard constraint; else a new draft around it. */
export async function pinPair(db: Db, runId: string, mentorSlackId: string, menteeSlackId: string, by: string, now: Date): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, async (tx, run, cohort) => {
    const mentor = cohort.input.mentors.find((m) => m.slackUserId === mentorSlackId);
    const mentee = cohort.input.mentees.find((m) => m.slackUserId === menteeSlackId);
    if (!mentor) return { ok: false, refused: `<@${mentorSlackId}> is not an active mentor in this programme.` } as const;
    if (!mentee) return { ok: false, refused: `<@${menteeSlackId}> is not an active mentee in this programme.` } as const;
    if ((cohort.input.pairedElsewhere ?? []).some((p) => p.menteeId === mentee.participantId)) {
      return { ok: false, refused: `<@${menteeSlackId}> already has a mentor.` } as const;
    }
    const outcome = await rerunFrom(tx, cohort, run, by, { mentorId: mentor.participantId, menteeId: mentee.participantId });
    if (!outcome.ok && 'pinErrors' in outcome) return { ok: false, refused: outcome.pinErrors.map((e) => e.message).join('; ') } as const;
    return outcome;
  });
}

async function saveTotals(tx: Tx, runId: string, unmatched: StoredUnmatched[]): Promise<void> {
  const pairs = await tx.pairing.findMany({ where: { matchRunId: runId, status: 'draft' }, select: { score: true } });
  const total = Math.round(pairs.reduce((s, p) => s + p.score, 0) * 100) / 100;
  await tx.matchRun.update({ where: { id: runId }, data: { totalScore: total, unmatchedJson: JSON.stringify(unmatched) } });
}

/** Remove a pair from a draft: both go to the waitlist, and a re-run keeps them apart. */
export async function removePair(db: Db, runId: string, pairingId: string, now: Date): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx, run) => {
    const pair = await tx.pairing.findFirst({ where: { id: pairingId, matchRunId: runId, status: 'draft' } });
    if (!pair) return { ok: true, runId } as const; // already removed (a double click)
    await tx.pairing.delete({ where: { id: pair.id } });
    const unmatched = parseUnmatched(run.unmatchedJson).filter((u) => u.participantId !== pair.mentorId && u.participantId !== pair.menteeId);
    const stillPaired = await tx.pairing.count({ where: { matchRunId: runId, status: 'draft', mentorId: pair.mentorId } });
    if (stillPaired === 0) unmatched.push({ participantId: pair.mentorId, role: 'mentor', reason: 'removed', detail: 'removed from a pair by a coordinator', removedWith: pair.menteeId });
    unmatched.push({ participantId: pair.menteeId, role: 'mentee', reason: 'removed', detail: 'removed from a pair by a coordinator', removedWith: pair.mentorId });
    await saveTotals(tx, runId, unmatched);
    return { ok: true, runId } as const;
  });
}

/** Pin or unpin a pair of the draft as it stands (a re-run keeps pinned pairs). */
export async function togglePin(db: Db, runId: string, pairingId: string, now: Date): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx) => {
    const pair = await tx.pairing.findFirst({ where: { id: pairingId, matchRunId: runId, status: 'draft' } });
    if (pair) await tx.pairing.update({ where: { id: pair.id }, data: { pinned: !pair.pinned } });
    return { ok: true, runId } as const;
  });
}

/**
 * Swap two people of the same role: they exchange partners (a waitlisted person takes the other's place).
 * Every new pair must pass the hard constraints and capacity, or nothing changes.
 */
export async function swapPeople(db: Db, runId: string, slackA: string, slackB: string, now: Date): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, async (tx, run, cohort) => {
    if (slackA === slackB) return { ok: false, refused: 'Choose two different people.' } as const;
    const everyone = [...cohort.input.mentors, ...cohort.input.mentees];
    const a = everyone.find((c) => c.slackUserId === slackA);
    const b = everyone.find((c) => c.slackUserId === slackB);
    if (!a || !b) return { ok: false, refused: `<@${a ? slackB : slackA}> is not in this programme's draft.` } as const;
    if (a.role !== b.role) return { ok: false, refused: `<@${slackA}> is a ${a.role} and <@${slackB}> is a ${b.role}: swap two mentors or two mentees.` } as const;
    const pairs = await tx.pairing.findMany({ where: { matchRunId: runId, status: 'draft', OR: [a, b].map((p) => (p.role === 'mentor' ? { mentorId: p.participantId } : { menteeId: p.participantId })) } });
    if (pairs.length === 0) return { ok: false, refused: 'Neither of them has a partner in this draft.' } as const;
    const side = a.role === 'mentor' ? 'mentorId' : 'menteeId';
    const swapped = pairs.map((p) => ({ ...p, [side]: p[side] === a.participantId ? b.participantId : a.participantId }));
    const byId = new Map(everyone.map((c) => [c.participantId, c] as const));
    const problems: string[] = [];
    const explained = swapped.map((p) => {
      const mentor = byId.get(p.mentorId)!;
      const mentee = byId.get(p.menteeId)!;
      const e = explainPair(mentor, mentee, cohort.input);
      if (mentor.status !== 'active' || mentee.status !== 'active') problems.push(`${mentor.displayName} - ${mentee.displayName}: one of them is paused`);
      if (e.violation) problems.push(`${mentor.displayName} - ${mentee.displayName} breaks a hard constraint (${e.violation.constraint}): ${e.violation.message}`);
      return { p, e };
    });
    if (a.role === 'mentor') {
      for (const m of [a, b]) {
        const count = swapped.filter((p) => p.mentorId === m.participantId).length;
        if (count > mentorCapacity(m)) problems.push(`${m.displayName} can take ${mentorCapacity(m)} mentee(s), not ${count}`);
      }
    }
    if (problems.length > 0) return { ok: false, refused: `Swap refused: ${problems.join('; ')}.` } as const;
    for (const { p, e } of explained) {
      await tx.pairing.update({ where: { id: p.id }, data: { mentorId: p.mentorId, menteeId: p.menteeId, score: e.score, reasonsJson: JSON.stringify(e.reasons), pinned: true } });
    }
    // Whoever had no partner before takes the other's place on the waitlist.
    const nowPaired = new Set(swapped.flatMap((p) => [p.mentorId, p.menteeId]));
    const wasPaired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const unmatched = parseUnmatched(run.unmatchedJson).filter((u) => !nowPaired.has(u.participantId));
    for (const id of wasPaired) {
      if (nowPaired.has(id)) continue;
      const c = byId.get(id)!;
      unmatched.push({ participantId: id, role: c.role, reason: 'removed', detail: 'swapped out by a coordinator' });
    }
    await saveTotals(tx, runId, unmatched);
    return { ok: true, runId } as const;
  });
}

export interface PreviewPerson {
  participantId: string;
  slackUserId: string;
  displayName: string;
  role: Role;
}

export interface DraftPreview {
  runId: string;
  status: string;
  programme: { id: string; name: string };
  totalScore: number;
  pairs: { id: string; mentor: PreviewPerson; mentee: PreviewPerson; score: number; reasons: string[]; pinned: boolean }[];
  unmatched: (StoredUnmatched & { slackUserId: string; displayName: string })[];
  /** People already paired (a rematch leaves them as they are). */
  keptPairs: number;
}

const person = (p: { id: string; slackUserId: string; displayName: string; role: string }): PreviewPerson => ({
  participantId: p.id,
  slackUserId: p.slackUserId,
  displayName: p.displayName || p.slackUserId,
  role: p.role === 'mentor' ? 'mentor' : 'mentee',
});

export async function loadDraftPreview(db: Db, runId: string): Promise<DraftPreview | null> {
  const run = await db.matchRun.findUnique({ where: { id: runId }, include: { programme: { select: { id: true, name: true } } } });
  if (!run) return null;
  const pairs = await db.pairing.findMany({ where: { matchRunId: runId }, include: { mentor: true, mentee: true }, orderBy: [{ score: 'desc' }, { id: 'asc' }] });
  const unmatched = parseUnmatched(run.unmatchedJson);
  const people = await db.participant.findMany({ where: { id: { in: unmatched.map((u) => u.participantId) } } });
  const kept = await db.pairing.count({ where: { programmeId: run.programmeId, status: 'active' } });
  const byId = new Map(people.map((p) => [p.id, p] as const));
  return {
    runId: run.id,
    status: run.status,
    programme: run.programme,
    totalScore: run.totalScore,
    pairs: pairs.map((p) => ({ id: p.id, mentor: person(p.mentor), mentee: person(p.mentee), score: p.score, reasons: parseReasons(p.reasonsJson), pinned: p.pinned })),
    unmatched: unmatched.map((u) => ({ ...u, slackUserId: byId.get(u.participantId)?.slackUserId ?? '', displayName: byId.get(u.participantId)?.displayName ?? '' })),
    keptPairs: kept,
  };
}

function parseReasons(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The latest draft of a programme (for /rm-admin announce). */
export async function latestRun(db: Db, programmeId: string) {
  return db.matchRun.findFirst({ where: { programmeId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export interface IntroPerson {
  slackUserId: string;
  displayName: string;
  title: string;
  department: string;
  timezone: string;
  teaches: string[];
  learns: string[];
}

export interface ApprovedPair {
  pairingId: string;
  mentor: IntroPerson;
  mentee: IntroPerson;
  cadenceDays: number;
  firstCheckInDue: Date;
}

export interface ApprovalMessages {
  programme: { id: string; name: string; announcementChannel: string | null };
  runId: string;
  pairs: ApprovedPair[];
  waitlisted: { participantId: string; slackUserId: string; role: Role; reason: StoredUnmatched['reason'] }[];
  /** The first approved run of the programme (the celebration is posted once). */
  first: boolean;
  topicLabels: Record<string, string>;
}

export type ApproveOutcome =
  | { ok: true; pairs: number; waitlisted: number }
  | { ok: false; reason: 'missing' | 'stale' | 'superseded' }
  | { ok: false; reason: 'already_approved'; by: string | null };

export const FIRST_CHECK_IN_DAYS = 7;

/**
 * Approves a draft: refused when profiles changed since (stale) or when it is no longer the draft (another
 * coordinator approved it first, or it was superseded). One transaction writes the active pairings, their
 * first check-in and every message (introductions, waitlist, celebration) under keys derived from the run
 * and pairing ids, so a retry or a crash never sends a message twice or skips one.
 */
export async function approveDraft(db: Db, runId: string, by: string, now: Date, messages: (m: ApprovalMessages) => OutgoingMessage[]): Promise<ApproveOutcome> {
  return db.$transaction(async (tx) => {
    const run = await openDraft(tx, runId, now);
    if (!run) return { ok: false, reason: 'missing' } as const;
    if (run.status === 'approved') return { ok: false, reason: 'already_approved', by: run.approvedBySlackId } as const;
    if (run.status !== 'draft') return { ok: false, reason: 'superseded' } as const;
    const cohort = await loadCohort(tx, run.programmeId, now);
    if (!cohort) return { ok: false, reason: 'missing' } as const;
    if (cohort.hash !== run.inputHash) return { ok: false, reason: 'stale' } as const;
    // Compare-and-set: of two concurrent approvals only one changes the row.
    const won = await tx.matchRun.updateMany({ where: { id: runId, status: 'draft' }, data: { status: 'approved', approvedBySlackId: by, approvedAt: now } });
    if (won.count === 0) {
      const again = await tx.matchRun.findUnique({ where: { id: runId } });
      return again?.status === 'approved' ? ({ ok: false, reason: 'already_approved', by: again.approvedBySlackId } as const) : ({ ok: false, reason: 'superseded' } as const);
    }
    const first = (await tx.matchRun.count({ where: { programmeId: run.programmeId, status: 'approved', id: { not: runId } } })) === 0;
    await tx.matchRun.updateMany({ where: { programmeId: run.programmeId, status: 'draft', id: { not: runId } }, data: { status: 'superseded' } });
    if (cohort.brokenPairingIds.length > 0) {
      const broken = await tx.pairing.findMany({ where: { id: { in: cohort.brokenPairingIds } } });
      for (const p of broken) await tx.pairing.update({ where: { id: p.id }, data: { status: 'ended', endedAt: now, endReason: p.endReason ?? 'partner_left' } });
    }
    const drafts = await tx.pairing.findMany({ where: { matchRunId: runId, status: 'draft' }, include: { mentor: { include: { topics: true } }, mentee: { include: { topics: true } } } });
    const due = new Date(now.getTime() + FIRST_CHECK_IN_DAYS * 24 * 3600 * 1000);
    await tx.pairing.updateMany({ where: { matchRunId: runId, status: 'draft' }, data: { status: 'active', introducedAt: now } });
    if (drafts.length > 0) {
      await tx.checkIn.createMany({ data: drafts.map((p) => ({ id: `checkin-${p.id}-1`, pairingId: p.id, sequence: 1, dueAt: due })) });
    }
    const intro = (p: (typeof drafts)[number]['mentor']): IntroPerson => ({
      slackUserId: p.slackUserId,
      displayName: p.displayName || p.slackUserId,
      title: p.title,
      department: p.department,
      timezone: p.timezone,
      teaches: p.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey).sort(),
      learns: p.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey).sort(),
    });
    const unmatched = parseUnmatched(run.unmatchedJson).filter((u) => u.reason !== 'inactive');
    const people = await tx.participant.findMany({ where: { id: { in: unmatched.map((u) => u.participantId) }, status: 'active', erasedAt: null } });
    const slackOf = new Map(people.map((p) => [p.id, p.slackUserId] as const));
    const out = messages({
      programme: { id: cohort.programme.id, name: cohort.programme.name, announcementChannel: cohort.programme.announcementChannel },
      runId,
      pairs: drafts.map((p) => ({ pairingId: p.id, mentor: intro(p.mentor), mentee: intro(p.mentee), cadenceDays: p.cadenceDays, firstCheckInDue: due })),
      waitlisted: unmatched.filter((u) => slackOf.has(u.participantId)).map((u) => ({ participantId: u.participantId, slackUserId: slackOf.get(u.participantId)!, role: u.role, reason: u.reason })),
      first,
      topicLabels: cohort.input.topicLabels,
    });
    for (const m of out) await enqueueMessage(tx, m);
    return { ok: true, pairs: drafts.length, waitlisted: unmatched.filter((u) => slackOf.has(u.participantId)).length } as const;
  });
}

export interface RematchRequest {
  pairingId: string;
  programmeName: string;
  requestedBy: string;
  mentorSlackId: string;
  menteeSlackId: string;
}

/**
 * "This isn't working": only someone of the pair may ask; the pairing pauses until a coordinator approves a
 * rematch, and the coordinators are told (nobody else). Asking twice changes nothing.
 */
export async function requestRematch(db: Db, pairingId: string, slackUserId: string, notices: (r: RematchRequest) => OutgoingMessage[]): Promise<'requested' | 'already' | 'not_member'> {
  return db.$transaction(async (tx) => {
    const pair = await tx.pairing.findUnique({ where: { id: pairingId }, include: { mentor: true, mentee: true, programme: true } });
    if (!pair || (pair.mentor.slackUserId !== slackUserId && pair.mentee.slackUserId !== slackUserId)) return 'not_member' as const;
    const changed = await tx.pairing.updateMany({ where: { id: pairingId, status: 'active' }, data: { status: 'paused', endReason: REMATCH_REQUESTED } });
    if (changed.count === 0) return 'already' as const;
    const msgs = notices({ pairingId, programmeName: pair.programme.name, requestedBy: slackUserId, mentorSlackId: pair.mentor.slackUserId, menteeSlackId: pair.mentee.slackUserId });
    for (const m of msgs) await enqueueMessage(tx, m);
    return 'requested' as const;
  });
}
