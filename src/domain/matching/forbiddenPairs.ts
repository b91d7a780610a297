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

/** The forbidden (mentee, mentor) index pairs found so far, in order. */
interface Found {
  mentee: number[];
  mentor: number[];
}

/**
 * Forbids `other` with everyone of Slack id `s` in `index`: mentees when `other` is a mentor (`othersAreMentors`),
 * mentors when it is a mentee.
 */
function forbid(found: Found, index: SlackIndex, s: string, other: number, othersAreMentors: boolean): void {
  const at = index.get(s);
  if (at === undefined) return;
  if (typeof at === 'number') {
    found.mentee.push(othersAreMentors ? at : other);
    found.mentor.push(othersAreMentors ? other : at);
    return;
  }
  for (let q = 0; q < at.length; q++) {
    const i = at[q] as number;
    found.mentee.push(othersAreMentors ? i : other);
    found.mentor.push(othersAreMentors ? other : i);
  }
}

/** The person's managers (direct manager, then the chain), then its avoid list. */
function forbidBlocked(found: Found, p: MatchCandidate, index: SlackIndex, other: number, othersAreMentors: boolean): void {
  forEachManager(p, (s) => forbid(found, index, s, other, othersAreMentors));
  const avoid = p.avoidSlackUserIds;
  for (let q = 0; q < avoid.length; q++) forbid(found, index, avoid[q] as string, other, othersAreMentors);
}

/**
 * Reporting line, avoid lists, past pairs and same person, as (mentee, mentor) index pairs. Plain loops and
 * functions, without arrays made per person (run once per match, mostly before V8 optimises it).
 */
export function compileForbidden(
  mentors: readonly MatchCandidate[],
  mentees: readonly MatchCandidate[],
  pastPairs: readonly PastPair[],
): { forbiddenStart: Int32Array; forbiddenMentor: Int32Array } {
  const mentorBySlack = bySlackId(mentors);
  const menteeBySlack = bySlackId(mentees);
  const found: Found = { mentee: [], mentor: [] };
  for (let m = 0; m < mentors.length; m++) {
    const mentor = mentors[m] as MatchCandidate;
    forbid(found, menteeBySlack, mentor.slackUserId, m, true);
    forbidBlocked(found, mentor, menteeBySlack, m, true);
  }
  for (let e = 0; e < mentees.length; e++) forbidBlocked(found, mentees[e] as MatchCandidate, mentorBySlack, e, false);
  const seen = new Set<string>();
  for (let q = 0; q < pastPairs.length; q++) {
    const p = pastPairs[q] as PastPair;
    const key = pairKey(p.mentorSlackUserId, p.menteeSlackUserId);
    if (seen.has(key)) continue;
    seen.add(key);
    forbidPast(found, mentorBySlack, menteeBySlack, p.mentorSlackUserId, p.menteeSlackUserId);
    forbidPast(found, mentorBySlack, menteeBySlack, p.menteeSlackUserId, p.mentorSlackUserId);
  }
  const pairsE = found.mentee;
  const pairsM = found.mentor;
  const forbiddenStart = new Int32Array(mentees.length + 1);
  for (let k = 0; k < pairsE.length; k++) {
    const e = pairsE[k] as number;
    forbiddenStart[e + 1] = (forbiddenStart[e + 1] as number) + 1;
  }
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

/** A past pair, one way round: the mentors of Slack id `mentorSlack` with the mentees of `menteeSlack`. */
function forbidPast(
  found: Found,
  mentorBySlack: SlackIndex,
  menteeBySlack: SlackIndex,
  mentorSlack: string,
  menteeSlack: string,
): void {
  const at = mentorBySlack.get(mentorSlack);
  if (at === undefined) return;
  if (typeof at === 'number') forbid(found, menteeBySlack, menteeSlack, at, true);
  else for (let q = 0; q < at.length; q++) forbid(found, menteeBySlack, menteeSlack, at[q] as number, true);
}
