import { assignCohort } from './assignCohort.js';
import { type CohortSettings, compileCohort } from './cohort.js';
import { explainCompiled } from './explain.js';
import { orderByKey } from './orderByKey.js';
import { checkPins } from './pins.js';
import { mentorCapacity } from './score.js';
import type { MatchCandidate, MatchedPair, MatchInput, MatchResult, UnmatchedParticipant } from './types.js';
import { explainWaiting, inactiveEntry } from './unmatchedReasons.js';

/**
 * The people by participantId (stable): their ids sorted by the built-in sort, which compares strings as `<` does
 * without a comparator call per step (a comparator ran mostly before V8 optimised it: 1 to 3 ms at 2,000).
 */
function byParticipantId(people: readonly MatchCandidate[]): MatchCandidate[] {
  const ids: string[] = [];
  const atId = new Map<string, number | number[]>();
  for (let i = 0; i < people.length; i++) {
    const id = (people[i] as MatchCandidate).participantId;
    const seen = atId.get(id);
    if (seen === undefined) {
      atId.set(id, i);
      ids.push(id);
    } else if (typeof seen === 'number') atId.set(id, [seen, i]);
    else seen.push(i);
  }
  ids.sort();
  const sorted: MatchCandidate[] = [];
  for (let q = 0; q < ids.length; q++) {
    const at = atId.get(ids[q] as string) as number | number[];
    if (typeof at === 'number') sorted.push(people[at] as MatchCandidate);
    else for (const i of at) sorted.push(people[i] as MatchCandidate);
  }
  return sorted;
}

function sortedUnique(people: readonly MatchCandidate[], role: 'mentor' | 'mentee'): MatchCandidate[] {
  const sorted = byParticipantId(people);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as MatchCandidate;
    if (p.role !== role) throw new RangeError(`${p.participantId} is listed as a ${role} but has role ${p.role}`);
    if (i > 0 && sorted[i - 1]?.participantId === p.participantId) {
      throw new RangeError(`participant ${p.participantId} is listed twice`);
    }
  }
  return sorted;
}

const byScoreThenMentee = (a: MatchedPair, b: MatchedPair): number => b.score - a.score || (a.menteeId < b.menteeId ? -1 : 1);

/** Sorts pairs listed by menteeId as byScoreThenMentee does: by score (two decimals), highest first, then place. */
function sortByScore(pairs: MatchedPair[]): void {
  const keys = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) keys[i] = -Math.round((pairs[i] as MatchedPair).score * 100);
  const order = orderByKey(keys);
  const listed = pairs.slice();
  for (let q = 0; q < order.length; q++) pairs[q] = listed[order[q] as number] as MatchedPair;
}

/**
 * Matches a whole cohort, or the part of one that needs (re-)matching. Pure and deterministic: the result
 * depends on the input's content, not on the order of its lists (people are processed by participantId).
 * Maximises the number of pairs first, then the total score; pins are kept; see assignCohort for the solvers.
 */
export function matchCohort(input: MatchInput): MatchResult {
  const pinErrors = checkPins(input);
  if (pinErrors.length > 0) return { ok: false, pinErrors };
  const options = input.options ?? {};
  options.threads?.prepare?.(input.mentees.length, input.mentors.length);
  const mentors = sortedUnique(input.mentors, 'mentor');
  const mentees = sortedUnique(input.mentees, 'mentee');
  const settings: CohortSettings = {
    minSeniorityGap: input.minSeniorityGap,
    pastPairs: input.pastPairs,
    referenceDate: input.referenceDate,
    weights: options.weights,
    minScore: options.minScore,
    workingDay: options.workingDay,
  };
  const elsewhere = input.pairedElsewhere ?? [];
  const takenMentees = new Set([...elsewhere, ...input.pins].map((p) => p.menteeId));
  const used = new Map<string, number>();
  for (const p of [...elsewhere, ...input.pins]) used.set(p.mentorId, (used.get(p.mentorId) ?? 0) + 1);

  const unmatched: UnmatchedParticipant[] = [];
  const solveMentors: MatchCandidate[] = [];
  const capacities: number[] = [];
  for (let i = 0; i < mentors.length; i++) {
    const m = mentors[i] as MatchCandidate;
    if (m.status !== 'active') {
      if (!used.has(m.participantId)) unmatched.push(inactiveEntry(m));
      continue;
    }
    const remaining = mentorCapacity(m) - (used.get(m.participantId) ?? 0);
    if (remaining > 0) {
      solveMentors.push(m);
      capacities.push(remaining);
    }
  }
  const solveMentees: MatchCandidate[] = [];
  for (let i = 0; i < mentees.length; i++) {
    const e = mentees[i] as MatchCandidate;
    if (takenMentees.has(e.participantId)) continue;
    if (e.status !== 'active') unmatched.push(inactiveEntry(e));
    else solveMentees.push(e);
  }

  const cohort = compileCohort(solveMentors, solveMentees, settings);
  const capacity = Int32Array.from(capacities);
  const solved =
    solveMentors.length > 0 && solveMentees.length > 0
      ? assignCohort(cohort, capacity, {
          solver: options.solver ?? 'auto',
          candidatesPerPerson: options.candidatesPerPerson,
          certify: options.certify ?? 'auto',
          threads: options.threads,
        })
      : null;

  const pairs: MatchedPair[] = [];
  const pins = [...input.pins].sort((a, b) => (a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0));
  if (pins.length > 0) {
    const mentorById = new Map(mentors.map((m) => [m.participantId, m] as const));
    const menteeById = new Map(mentees.map((e) => [e.participantId, e] as const));
    const pinCohort = compileCohort(
      pins.map((p) => mentorById.get(p.mentorId) as MatchCandidate),
      pins.map((p) => menteeById.get(p.menteeId) as MatchCandidate),
      settings,
    );
    pins.forEach((p, i) => pairs.push({ ...p, pinned: true, ...explainCompiled(pinCohort, i, i, input.topicLabels) }));
  }
  const assignedCount = new Int32Array(solveMentors.length);
  const mentorForMentee = solved?.mentorForMentee ?? new Int32Array(0);
  for (let e = 0; e < mentorForMentee.length; e++) {
    const m = mentorForMentee[e] as number;
    if (m < 0) continue;
    assignedCount[m] = (assignedCount[m] as number) + 1;
    const { score, parts, reasons } = explainCompiled(cohort, m, e, input.topicLabels);
    pairs.push({
      mentorId: (solveMentors[m] as MatchCandidate).participantId,
      menteeId: (solveMentees[e] as MatchCandidate).participantId,
      pinned: false,
      score,
      parts,
      reasons,
    });
  }
  const pinnedCount = pins.length;
  const pinned = pairs.slice(0, pinnedCount).sort(byScoreThenMentee);
  pairs.splice(0, pinnedCount);
  sortByScore(pairs);
  pairs.unshift(...pinned);

  // Plain loops over the people (once per match, mostly before V8 optimises them).
  const waitingMentees: MatchCandidate[] = [];
  const menteeFeasible = new Map<MatchCandidate, number>();
  for (let e = 0; e < solveMentees.length; e++) {
    if ((mentorForMentee[e] ?? -1) >= 0) continue;
    const p = solveMentees[e] as MatchCandidate;
    waitingMentees.push(p);
    menteeFeasible.set(p, solved?.menteeFeasible[e] ?? 0);
  }
  const idleMentors: MatchCandidate[] = [];
  const mentorFeasible = new Map<MatchCandidate, number>();
  for (let m = 0; m < solveMentors.length; m++) {
    const p = solveMentors[m] as MatchCandidate;
    if (assignedCount[m] !== 0 || used.has(p.participantId)) continue;
    idleMentors.push(p);
    mentorFeasible.set(p, solved?.mentorFeasible[m] ?? 0);
  }
  // The people outside the solve only explain someone waiting.
  const inSolve = waitingMentees.length > 0 ? new Set(solveMentors) : null;
  unmatched.push(
    ...explainWaiting(waitingMentees, {
      solveOthers: solveMentors,
      feasibleInSolve: (p) => menteeFeasible.get(p) ?? 0,
      outsideOthers: inSolve ? mentors.filter((m) => m.status === 'active' && !inSolve.has(m)) : [],
      cohort,
      settings,
      input,
    }),
    ...explainWaiting(idleMentors, {
      solveOthers: solveMentees,
      feasibleInSolve: (p) => mentorFeasible.get(p) ?? 0,
      outsideOthers:
        idleMentors.length > 0 ? mentees.filter((e) => e.status === 'active' && takenMentees.has(e.participantId)) : [],
      cohort,
      settings,
      input,
    }),
  );
  unmatched.sort((a, b) => (a.role === b.role ? (a.participantId < b.participantId ? -1 : 1) : a.role === 'mentee' ? -1 : 1));

  let total = 0;
  for (let i = 0; i < pairs.length; i++) total += (pairs[i] as MatchedPair).score * 100;
  const totalScore = Math.round(total) / 100;
  return {
    ok: true,
    pairs,
    unmatched,
    totalScore,
    stats: {
      solver: solved?.solver ?? 'none',
      exact: solved?.exact ?? true,
      mentees: solveMentees.length,
      mentorSlots: capacities.reduce((s, x) => s + x, 0),
      candidatePairs: solved?.candidatePairs ?? 0,
      certificationRounds: solved?.rounds ?? 0,
    },
  };
}
