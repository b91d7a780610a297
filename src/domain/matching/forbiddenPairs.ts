import { managersOf, pairKey } from './constraints.js';
import type { MatchCandidate, PastPair } from './types.js';

function bySlackId(people: readonly MatchCandidate[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  people.forEach((p, i) => {
    const list = map.get(p.slackUserId);
    if (list) list.push(i);
    else map.set(p.slackUserId, [i]);
  });
  return map;
}

/** Reporting line, avoid lists, past pairs and same person, as (mentee, mentor) index pairs. */
export function compileForbidden(
  mentors: readonly MatchCandidate[],
  mentees: readonly MatchCandidate[],
  pastPairs: readonly PastPair[],
): { forbiddenStart: Int32Array; forbiddenMentor: Int32Array } {
  const mentorBySlack = bySlackId(mentors);
  const menteeBySlack = bySlackId(mentees);
  const pairsE: number[] = [];
  const pairsM: number[] = [];
  const add = (e: number, m: number): void => {
    pairsE.push(e);
    pairsM.push(m);
  };
  mentors.forEach((mentor, m) => {
    for (const s of [mentor.slackUserId, ...managersOf(mentor), ...mentor.avoidSlackUserIds]) {
      for (const e of menteeBySlack.get(s) ?? []) add(e, m);
    }
  });
  mentees.forEach((mentee, e) => {
    for (const s of [...managersOf(mentee), ...mentee.avoidSlackUserIds]) {
      for (const m of mentorBySlack.get(s) ?? []) add(e, m);
    }
  });
  const seen = new Set<string>();
  for (const p of pastPairs) {
    const key = pairKey(p.mentorSlackUserId, p.menteeSlackUserId);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const [a, b] of [
      [p.mentorSlackUserId, p.menteeSlackUserId],
      [p.menteeSlackUserId, p.mentorSlackUserId],
    ] as const) {
      for (const m of mentorBySlack.get(a) ?? []) for (const e of menteeBySlack.get(b) ?? []) add(e, m);
    }
  }
  const forbiddenStart = new Int32Array(mentees.length + 1);
  for (const e of pairsE) forbiddenStart[e + 1] = (forbiddenStart[e + 1] ?? 0) + 1;
  for (let e = 0; e < mentees.length; e++) forbiddenStart[e + 1] = (forbiddenStart[e + 1] ?? 0) + (forbiddenStart[e] ?? 0);
  const fill = forbiddenStart.slice(0, mentees.length);
  const forbiddenMentor = new Int32Array(pairsE.length);
  pairsE.forEach((e, k) => {
    const at = fill[e] ?? 0;
    forbiddenMentor[at] = pairsM[k] ?? 0;
    fill[e] = at + 1;
  });
  return { forbiddenStart, forbiddenMentor };
}
