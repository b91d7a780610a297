import { type Cohort, type CohortSettings, compileCohort, pairWeight, passesHardConstraints } from './cohort.js';
import { findViolation, inactiveWords, isPrivateConstraint, makeConstraintRules, type ConstraintRules } from './constraints.js';
import type { HardConstraint, MatchCandidate, MatchInput, UnmatchedParticipant } from './types.js';

/** Unmatched people x people on the other side checked one by one to explain "no feasible partner". */
const EXPLAIN_BUDGET = 2_000_000;

const CONSTRAINT_WORDS: Record<HardConstraint, string> = {
  wrong_role: 'wrong role',
  inactive: 'not active',
  same_person: 'the same person',
  seniority_gap: 'seniority gap too small',
  reporting_line: 'same reporting line',
  avoid_list: '',
  past_pair: 'paired in an earlier programme',
  below_min_score: 'score below the programme minimum',
};
const ORDER = Object.keys(CONSTRAINT_WORDS) as HardConstraint[];

export function inactiveEntry(person: MatchCandidate): UnmatchedParticipant {
  return {
    participantId: person.participantId,
    role: person.role,
    reason: 'inactive',
    detail: `${inactiveWords(person) ?? person.displayName}: not matched`,
  };
}

function capacityEntry(person: MatchCandidate, feasible: number, allBooked: boolean): UnmatchedParticipant {
  const other = person.role === 'mentee' ? 'mentor' : 'mentee';
  const who =
    feasible === 1
      ? `the one ${other} who fits`
      : feasible === 2
        ? `both ${other}s who fit`
        : `all ${feasible} ${other}s who fit`;
  const why = allBooked ? 'already fully booked' : 'paired with others in the best overall assignment';
  return {
    participantId: person.participantId,
    role: person.role,
    reason: 'capacity',
    detail: `${person.displayName} is on the waitlist: ${who} ${feasible === 1 ? 'is' : 'are'} ${why}`,
  };
}

/**
 * Why nobody fits, counted over the active people on the other side. `belowMinimum(other)` tells whether a
 * pair that breaks no hard constraint scores under the programme minimum.
 */
function noPartnerEntry(
  person: MatchCandidate,
  others: readonly MatchCandidate[],
  rules: ConstraintRules,
  belowMinimum: ((other: MatchCandidate) => boolean) | null,
): UnmatchedParticipant {
  const otherRole = person.role === 'mentee' ? 'mentor' : 'mentee';
  const counts = new Map<HardConstraint, number>();
  for (const other of others) {
    const [mentor, mentee] = person.role === 'mentee' ? [other, person] : [person, other];
    const v = findViolation(mentor, mentee, rules)?.constraint ?? (belowMinimum?.(other) ? 'below_min_score' : null);
    // The avoid lists are private (the signup form promises it): a pair they rule out is not counted or named.
    if (v && !isPrivateConstraint(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const parts = ORDER.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${CONSTRAINT_WORDS[k]}`);
  const detail =
    others.length === 0
      ? `no active ${otherRole}s to pair ${person.displayName} with`
      : parts.length === 0
        ? `no ${otherRole} can be paired with ${person.displayName}`
        : `no ${otherRole} can be paired with ${person.displayName}: ${parts.join(', ')}`;
  return { participantId: person.participantId, role: person.role, reason: 'no_feasible_partner', detail };
}

function noPartnerSummary(person: MatchCandidate): UnmatchedParticipant {
  const otherRole = person.role === 'mentee' ? 'mentor' : 'mentee';
  return {
    participantId: person.participantId,
    role: person.role,
    reason: 'no_feasible_partner',
    detail: `no ${otherRole} meets the hard constraints for ${person.displayName}`,
  };
}

export interface WaitingContext {
  /** The other side's people who took part in the solve (the cohort's mentors or mentees). */
  solveOthers: readonly MatchCandidate[];
  feasibleInSolve: (person: MatchCandidate) => number;
  /** Active people on the other side who were not free: fully booked mentors, pinned or already paired mentees. */
  outsideOthers: readonly MatchCandidate[];
  cohort: Cohort;
  settings: CohortSettings;
  input: MatchInput;
}

/** A reason for each person left without a partner: nobody fits at all, or everyone who fits is taken. */
export function explainWaiting(people: readonly MatchCandidate[], ctx: WaitingContext): UnmatchedParticipant[] {
  if (people.length === 0) return [];
  const isMentee = people[0]?.role === 'mentee';
  const rules = makeConstraintRules(ctx.input.minSeniorityGap, ctx.input.pastPairs);
  // People outside the solve get their own small cohort, for the same feasibility and minimum-score tests.
  const aux = compileCohort(isMentee ? ctx.outsideOthers : people, isMentee ? people : ctx.outsideOthers, ctx.settings);
  const fits = (c: Cohort, m: number, e: number): boolean => passesHardConstraints(c, m, e) && pairWeight(c, m, e) >= c.minWeight;
  const solveIndex = new Map(ctx.solveOthers.map((p, i) => [p.participantId, i] as const));
  const outsideIndex = new Map(ctx.outsideOthers.map((p, i) => [p.participantId, i] as const));
  const personSolveIndex = new Map(
    (isMentee ? ctx.cohort.mentees : ctx.cohort.mentors).map((p, i) => [p.participantId, i] as const),
  );
  let budget = EXPLAIN_BUDGET;
  return people.map((person, i) => {
    let outsideFeasible = 0;
    for (let o = 0; o < ctx.outsideOthers.length; o++) if (isMentee ? fits(aux, o, i) : fits(aux, i, o)) outsideFeasible++;
    const inSolve = ctx.feasibleInSolve(person);
    if (inSolve + outsideFeasible > 0) return capacityEntry(person, inSolve + outsideFeasible, inSolve === 0);
    const others = [...ctx.solveOthers, ...ctx.outsideOthers];
    budget -= others.length;
    if (budget < 0) return noPartnerSummary(person);
    const p = personSolveIndex.get(person.participantId) as number;
    const belowMinimum = (other: MatchCandidate): boolean => {
      const o = solveIndex.get(other.participantId);
      if (o !== undefined) {
        return isMentee
          ? pairWeight(ctx.cohort, o, p) < ctx.cohort.minWeight
          : pairWeight(ctx.cohort, p, o) < ctx.cohort.minWeight;
      }
      const a = outsideIndex.get(other.participantId) as number;
      return isMentee ? pairWeight(aux, a, i) < aux.minWeight : pairWeight(aux, i, a) < aux.minWeight;
    };
    return noPartnerEntry(person, others, rules, belowMinimum);
  });
}
