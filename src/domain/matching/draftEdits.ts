// The rules of a coordinator's draft: re-runs keep pins that hold and removed pairs apart; pins and swaps
// are checked against the hard constraints. Pure: the cohort and the draft's rows are arguments.
import { checkPins } from './pins.js';
import { explainPair } from './explain.js';
import { mentorCapacity } from './score.js';
import type {
  HardConstraint,
  MatchCandidate,
  MatchInput,
  MatchResult,
  PairRef,
  PastPair,
  Role,
  UnmatchedReason,
} from './types.js';

/** A waitlisted or removed person of a draft (stored with the run). */
export interface UnmatchedEntry {
  participantId: string;
  role: Role;
  reason: UnmatchedReason | 'removed';
  detail: string;
  /** reason 'removed': the partner the coordinator removed them from (a re-run keeps them apart). */
  removedWith?: string;
}

/** Why a coordinator's edit of a draft is refused, with what the words need. */
export type EditRefusal =
  | { reason: 'not_a_mentor' | 'not_a_mentee' | 'already_paired' | 'not_in_draft'; slackUserId: string }
  | { reason: 'same_person' | 'no_partners' }
  | { reason: 'different_roles'; a: { slackUserId: string; role: Role }; b: { slackUserId: string; role: Role } }
  | { reason: 'swap_breaks_rules'; problems: SwapProblem[] };

export type SwapProblem =
  | { kind: 'paused'; mentor: string; mentee: string }
  | { kind: 'constraint'; mentor: string; mentee: string; constraint: HardConstraint; message: string }
  | { kind: 'capacity'; name: string; capacity: number; count: number };

export interface DraftPairRow {
  id: string;
  mentorId: string;
  menteeId: string;
}

export interface SwappedPair extends DraftPairRow {
  score: number;
  reasons: string[];
}

const REMOVED_DETAIL = 'removed from a pair by a coordinator';
const SWAPPED_DETAIL = 'swapped out by a coordinator';

/** Pairs a coordinator removed from a draft: a re-run keeps them apart, as if they had met before. */
export function exclusionsOf(unmatched: UnmatchedEntry[], input: Pick<MatchInput, 'mentors' | 'mentees'>): PastPair[] {
  const slackOf = new Map([...input.mentors, ...input.mentees].map((c) => [c.participantId, c.slackUserId] as const));
  const out: PastPair[] = [];
  for (const u of unmatched) {
    if (u.reason !== 'removed' || !u.removedWith || u.role !== 'mentee') continue;
    const mentee = slackOf.get(u.participantId);
    const mentor = slackOf.get(u.removedWith);
    if (mentee && mentor) out.push({ mentorSlackUserId: mentor, menteeSlackUserId: mentee });
  }
  return out;
}

/** Pins that still pass the hard constraints (a profile may have changed since they were set). */
export function pinsThatHold(input: MatchInput, pins: PairRef[]): PairRef[] {
  const bad = new Set(checkPins({ ...input, pins }).map((e) => `${e.mentorId}:${e.menteeId}`));
  return pins.filter((p) => !bad.has(`${p.mentorId}:${p.menteeId}`));
}

/**
 * What a re-run starts from: the old draft's pins (those that still hold, or with `extraPin` replacing the
 * mentee's earlier pin) and its removed people, kept apart unless the new pin brings them back.
 */
export function rerunPlan(
  input: MatchInput,
  oldPins: PairRef[],
  oldUnmatched: UnmatchedEntry[],
  extraPin?: PairRef,
): { pins: PairRef[]; keepApart: UnmatchedEntry[] } {
  const removed = oldUnmatched.filter((u) => u.reason === 'removed');
  if (!extraPin) return { pins: pinsThatHold(input, oldPins), keepApart: removed };
  return {
    pins: [...oldPins.filter((p) => p.menteeId !== extraPin.menteeId), extraPin],
    keepApart: removed.filter((u) => u.participantId !== extraPin.menteeId && u.participantId !== extraPin.mentorId),
  };
}

/** The matcher's input for a draft: the cohort with its pins, and removed pairs kept apart. */
export function draftInput(input: MatchInput, pins: PairRef[], keepApart: UnmatchedEntry[]): MatchInput {
  return { ...input, pins, pastPairs: [...input.pastPairs, ...exclusionsOf(keepApart, input)] };
}

/** The waitlist of a new draft: someone removed earlier and still unmatched keeps that reason. */
export function draftUnmatched(result: Extract<MatchResult, { ok: true }>, keepApart: UnmatchedEntry[]): UnmatchedEntry[] {
  const matchedIds = new Set(result.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const entries = result.unmatched.map((u) => {
    const kept = keepApart.find((k) => k.participantId === u.participantId);
    return kept && !matchedIds.has(u.participantId)
      ? kept
      : { participantId: u.participantId, role: u.role, reason: u.reason, detail: u.detail };
  });
  return entries.filter((u, i, all) => all.findIndex((x) => x.participantId === u.participantId) === i);
}

/** The waitlist after a pair is removed: both wait (the mentor only when they have no other mentee). */
export function unmatchedAfterRemoval(unmatched: UnmatchedEntry[], pair: PairRef, mentorStillPaired: boolean): UnmatchedEntry[] {
  const out = unmatched.filter((u) => u.participantId !== pair.mentorId && u.participantId !== pair.menteeId);
  if (!mentorStillPaired)
    out.push({
      participantId: pair.mentorId,
      role: 'mentor',
      reason: 'removed',
      detail: REMOVED_DETAIL,
      removedWith: pair.menteeId,
    });
  out.push({
    participantId: pair.menteeId,
    role: 'mentee',
    reason: 'removed',
    detail: REMOVED_DETAIL,
    removedWith: pair.mentorId,
  });
  return out;
}

/** A coordinator's pin, by Slack ids: both active in the programme, the mentee not paired already. */
export function pinRequest(input: MatchInput, mentorSlackId: string, menteeSlackId: string): PairRef | EditRefusal {
  const mentor = input.mentors.find((m) => m.slackUserId === mentorSlackId);
  const mentee = input.mentees.find((m) => m.slackUserId === menteeSlackId);
  if (!mentor) return { reason: 'not_a_mentor', slackUserId: mentorSlackId };
  if (!mentee) return { reason: 'not_a_mentee', slackUserId: menteeSlackId };
  if ((input.pairedElsewhere ?? []).some((p) => p.menteeId === mentee.participantId))
    return { reason: 'already_paired', slackUserId: menteeSlackId };
  return { mentorId: mentor.participantId, menteeId: mentee.participantId };
}

/** The two people of a swap: different people of the same role, both in the programme. */
export function swapPair(
  input: MatchInput,
  slackA: string,
  slackB: string,
): { a: MatchCandidate; b: MatchCandidate } | EditRefusal {
  if (slackA === slackB) return { reason: 'same_person' };
  const everyone = [...input.mentors, ...input.mentees];
  const a = everyone.find((c) => c.slackUserId === slackA);
  const b = everyone.find((c) => c.slackUserId === slackB);
  if (!a || !b) return { reason: 'not_in_draft', slackUserId: a ? slackB : slackA };
  if (a.role !== b.role)
    return { reason: 'different_roles', a: { slackUserId: slackA, role: a.role }, b: { slackUserId: slackB, role: b.role } };
  return { a, b };
}

/**
 * A swap: `a` and `b` exchange partners in `pairs` (their draft pairs); whoever had none takes the other's
 * place on the waitlist. Every new pair must pass the hard constraints and capacity, or it is refused.
 */
export function planSwap(
  input: MatchInput,
  a: MatchCandidate,
  b: MatchCandidate,
  pairs: DraftPairRow[],
  unmatched: UnmatchedEntry[],
): { pairs: SwappedPair[]; unmatched: UnmatchedEntry[] } | EditRefusal {
  if (pairs.length === 0) return { reason: 'no_partners' };
  const side = a.role === 'mentor' ? 'mentorId' : 'menteeId';
  const swapped = pairs.map((p) => ({ ...p, [side]: p[side] === a.participantId ? b.participantId : a.participantId }));
  const byId = new Map([...input.mentors, ...input.mentees].map((c) => [c.participantId, c] as const));
  const problems: SwapProblem[] = [];
  const out: SwappedPair[] = swapped.map((p) => {
    const mentor = byId.get(p.mentorId)!;
    const mentee = byId.get(p.menteeId)!;
    const e = explainPair(mentor, mentee, input);
    if (mentor.status !== 'active' || mentee.status !== 'active')
      problems.push({ kind: 'paused', mentor: mentor.displayName, mentee: mentee.displayName });
    if (e.violation)
      problems.push({ kind: 'constraint', mentor: mentor.displayName, mentee: mentee.displayName, ...e.violation });
    return { id: p.id, mentorId: p.mentorId, menteeId: p.menteeId, score: e.score, reasons: e.reasons };
  });
  if (a.role === 'mentor') {
    for (const m of [a, b]) {
      const count = swapped.filter((p) => p.mentorId === m.participantId).length;
      if (count > mentorCapacity(m)) problems.push({ kind: 'capacity', name: m.displayName, capacity: mentorCapacity(m), count });
    }
  }
  if (problems.length > 0) return { reason: 'swap_breaks_rules', problems };
  const nowPaired = new Set(swapped.flatMap((p) => [p.mentorId, p.menteeId]));
  const wasPaired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const waitlist = unmatched.filter((u) => !nowPaired.has(u.participantId));
  for (const id of wasPaired) {
    if (!nowPaired.has(id))
      waitlist.push({ participantId: id, role: byId.get(id)!.role, reason: 'removed', detail: SWAPPED_DETAIL });
  }
  return { pairs: out, unmatched: waitlist };
}

export const isEditRefusal = (value: object): value is EditRefusal => 'reason' in value;
