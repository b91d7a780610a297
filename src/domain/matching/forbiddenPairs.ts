import { forEachManager, pairKey } from './constraints.js';
import type { MatchCandidate, PastPair } from './types.js';

/** Index of each Slack id's person: a number, or a list for an id listed more than once (rare). */
type SlackIndex = Map<string, number | number[]>;

function bySlackId(people: readonly MatchCandidate[]): SlackIndex {
  const map: SlackIndex = new Map();
  for (let i = 0; i < people.length; i++) {
    const id = (people[i] as MatchCandidate).slackUserId;
    const seen = map.get(id);
    if (seen === undefined) map.set(id, i);
    else if (typeof seen === 'number') map.set(id, [seen, i]);
    else seen.push(i);
  }
  return map;
}

/**
 * Reporting line, avoid lists, past pairs and same person, as (mentee, mentor) index pairs. Plain loops, without
 * the arrays that spreads and `?? []` made for every person (run once per match, mostly before V8 optimises it).
 */
export function compileForbidden(
  mentors: readonly MatchCandidate[],
  mentees: readonly MatchCandidate[],
  pastPairs: readonly PastPair[],
): { forbiddenStart: Int32Array; forbiddenMentor: Int32Array } {
  const mentorBySlack = bySlackId(mentors);
  const menteeBySlack = bySlackId(mentees);
  const pairsE: number[] = [];
  const pairsM: number[] = [];
  /** Forbids `other` with everyone of Slack id s in `index` (mentees when other is a mentor, and the reverse). */
  const forbid = (index: SlackIndex, s: string, other: number): void => {
    const found = index.get(s);
    if (found === undefined) return;
    for (const i of typeof found === 'number' ? [found] : found) {
      pairsE.push(index === menteeBySlack ? i : other);
      pairsM.push(index === menteeBySlack ? other : i);
    }
  };
  /** The person's managers, then its avoid list. */
  const forbidBlocked = (p: MatchCandidate, index: SlackIndex, other: number): void => {
    forEachManager(p, (s) => forbid(index, s, other));
    for (const s of p.avoidSlackUserIds) forbid(index, s, other);
  };
  for (let m = 0; m < mentors.length; m++) {
    const mentor = mentors[m] as MatchCandidate;
    forbid(menteeBySlack, mentor.slackUserId, m);
    forbidBlocked(mentor, menteeBySlack, m);
  }
  for (let e = 0; e < mentees.length; e++) forbidBlocked(mentees[e] as MatchCandidate, mentorBySlack, e);
  const seen = new Set<string>();
  for (const p of pastPairs) {
    const key = pairKey(p.mentorSlackUserId, p.menteeSlackUserId);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const [a, b] of [
      [p.mentorSlackUserId, p.menteeSlackUserId],
      [p.menteeSlackUserId, p.mentorSlackUserId],
    ] as const) {
      const found = mentorBySlack.get(a);
      if (found === undefined) continue;
      for (const m of typeof found === 'number' ? [found] : found) forbid(menteeBySlack, b, m);
    }
  }
  const forbiddenStart = new Int32Array(mentees.length + 1);
  for (const e of pairsE) forbiddenStart[e + 1] = (forbiddenStart[e + 1] as number) + 1;
  for (let e = 0; e < mentees.length; e++)
    forbiddenStart[e + 1] = (forbiddenStart[e + 1] as number) + (forbiddenStart[e] as number);
  const fill = forbiddenStart.slice(0, mentees.length);
  const forbiddenMentor = new Int32Array(pairsE.length);
  for (let k = 0; k < pairsE.length; k++) {
    const e = pairsE[k] as number;
    const at = fill[e] as number;
    forbiddenMentor[at] = pairsM[k] as number;
    fill[e] = at + 1;
  }
  return { forbiddenStart, forbiddenMentor };
}
