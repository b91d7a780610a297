import type { ConstraintViolation, MatchCandidate, PastPair } from './types.js';

export interface ConstraintRules {
  minSeniorityGap: number;
  /** Unordered keys of people paired in earlier programmes (see pairKey). */
  pastPairKeys: ReadonlySet<string>;
}

export function pairKey(slackA: string, slackB: string): string {
  return slackA < slackB ? `${slackA}\u0000${slackB}` : `${slackB}\u0000${slackA}`;
}

export function makeConstraintRules(minSeniorityGap: number, pastPairs: readonly PastPair[]): ConstraintRules {
  return {
    minSeniorityGap,
    pastPairKeys: new Set(pastPairs.map((p) => pairKey(p.mentorSlackUserId, p.menteeSlackUserId))),
  };
}

/** Visits the person's known managers, nearest first (direct manager, then the chain), without building a list. */
export function forEachManager(person: MatchCandidate, visit: (slackUserId: string) => void): void {
  if (person.managerSlackId) visit(person.managerSlackId);
  for (const s of person.managementChain ?? []) visit(s);
}

/** The person's known managers, nearest first (direct manager, then the chain). */
export function managersOf(person: MatchCandidate): string[] {
  const managers: string[] = [];
  forEachManager(person, (s) => managers.push(s));
  return managers;
}

/**
 * What a coordinator is told about a pair that an avoid list forbids: nothing more, since the signup form promises
 * that nobody sees those lists (not which list, not that there is one).
 */
export const PAIR_CANNOT_BE_MADE = 'this pair cannot be made';

/** The hard constraints whose reason is never shown: only that the pair cannot be made. */
export const isPrivateConstraint = (constraint: string): boolean => constraint === 'avoid_list';

const STATUS_WORDS = { paused: 'is paused', withdrawn: 'has withdrawn', departed: 'has left the company' } as const;

export function inactiveWords(person: MatchCandidate): string | null {
  return person.status === 'active' ? null : `${person.displayName} ${STATUS_WORDS[person.status]}`;
}

function reportingLineWords(a: MatchCandidate, b: MatchCandidate): string | null {
  const managers = managersOf(a);
  const at = managers.indexOf(b.slackUserId);
  if (at === 0 && a.managerSlackId === b.slackUserId) return `${b.displayName} is ${a.displayName}'s manager`;
  if (at >= 0) return `${b.displayName} is in ${a.displayName}'s management chain`;
  return null;
}

/** The first hard constraint a mentor-mentee pair breaks, in words; null when the pair is possible. */
export function findViolation(
  mentor: MatchCandidate,
  mentee: MatchCandidate,
  rules: ConstraintRules,
): ConstraintViolation | null {
  if (mentor.role !== 'mentor' || mentee.role !== 'mentee') {
    return {
      constraint: 'wrong_role',
      message: `${mentor.displayName} must be a mentor and ${mentee.displayName} a mentee`,
    };
  }
  const inactive = inactiveWords(mentor) ?? inactiveWords(mentee);
  if (inactive) return { constraint: 'inactive', message: inactive };
  if (mentor.slackUserId === mentee.slackUserId) {
    return { constraint: 'same_person', message: `${mentor.displayName} cannot mentor themselves` };
  }
  const gap = mentee.seniorityLevel - mentor.seniorityLevel;
  if (gap < rules.minSeniorityGap) {
    return {
      constraint: 'seniority_gap',
      message:
        `${mentor.displayName} is not junior enough to ${mentee.displayName}: seniority ` +
        `${mentor.seniorityLevel} vs ${mentee.seniorityLevel}, the programme needs a gap of at least ${rules.minSeniorityGap}`,
    };
  }
  const line = reportingLineWords(mentor, mentee) ?? reportingLineWords(mentee, mentor);
  if (line) return { constraint: 'reporting_line', message: `same reporting line: ${line}` };
  if (mentor.avoidSlackUserIds.includes(mentee.slackUserId) || mentee.avoidSlackUserIds.includes(mentor.slackUserId)) {
    // The avoid lists are private: say neither who asked nor that anyone did.
    return { constraint: 'avoid_list', message: PAIR_CANNOT_BE_MADE };
  }
  if (rules.pastPairKeys.has(pairKey(mentor.slackUserId, mentee.slackUserId))) {
    return {
      constraint: 'past_pair',
      message: `${mentor.displayName} and ${mentee.displayName} were already paired in an earlier programme`,
    };
  }
  return null;
}
