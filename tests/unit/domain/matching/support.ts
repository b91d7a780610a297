import type { MatchCandidate, MatchInput, WeightedPairs } from '../../../../src/domain/matching/index.js';

export { makeRandom, syntheticCohort, TOPIC_LABELS } from '../../../../bench/matching/synthetic.js';

let counter = 0;

/** A participant with sensible defaults; override what the test is about. */
export function person(role: 'mentor' | 'mentee', overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  counter++;
  const id = overrides.participantId ?? `${role === 'mentor' ? 'm' : 'e'}${counter}`;
  return {
    participantId: id,
    slackUserId: `U_${id}`,
    role,
    displayName: role === 'mentor' ? `Mentor ${id}` : `Mentee ${id}`,
    seniorityLevel: role === 'mentor' ? 1 : 6,
    department: role === 'mentor' ? 'Marketing' : 'Finance',
    teaches: role === 'mentor' ? ['ai'] : ['leadership'],
    learns: role === 'mentor' ? ['leadership'] : ['ai'],
    timezone: 'Europe/London',
    meetingPreference: 'either',
    capacity: 1,
    status: 'active',
    avoidSlackUserIds: [],
    ...overrides,
  };
}

export function input(mentors: MatchCandidate[], mentees: MatchCandidate[], overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    mentors,
    mentees,
    minSeniorityGap: 2,
    pins: [],
    pastPairs: [],
    referenceDate: new Date('2026-11-22T12:00:00Z'),
    topicLabels: {
      ai: 'AI and new technology',
      social: 'social media and personal brand',
      tools: 'digital tools and productivity',
      safety: 'online safety and privacy',
      leadership: 'leadership',
      strategy: 'strategy and decision making',
    },
    ...overrides,
  };
}

/** Random pairs (CSR by mentee) with many ties and some impossible pairs. */
export function randomPairs(
  random: () => number,
  mentees: number,
  mentors: number,
  forbiddenShare: number,
  distinctWeights = 7,
): WeightedPairs {
  const start = new Int32Array(mentees + 1);
  const mentor: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < mentees; e++) {
    for (let m = 0; m < mentors; m++) {
      if (random() < forbiddenShare) continue;
      mentor.push(m);
      weight.push(Math.floor(random() * distinctWeights) * Math.floor(10_000 / (distinctWeights - 1 || 1)));
    }
    start[e + 1] = mentor.length;
  }
  return { start, mentor: Int32Array.from(mentor), weight: Int32Array.from(weight.map((w) => Math.min(w, 10_000))) };
}

export interface Optimum {
  pairs: number;
  weight: number;
}

/** Lexicographic comparison: more pairs first, then more weight. */
export function better(a: Optimum, b: Optimum): boolean {
  return a.pairs > b.pairs || (a.pairs === b.pairs && a.weight > b.weight);
}

/** Tries every assignment (each mentee: some mentor with room, or nobody). Small cases only. */
export function bruteForce(pairs: WeightedPairs, capacity: Int32Array): Optimum {
  const mentees = pairs.start.length - 1;
  const room = Int32Array.from(capacity);
  let best: Optimum = { pairs: 0, weight: 0 };
  const visit = (e: number, count: number, weight: number): void => {
    if (e === mentees) {
      if (better({ pairs: count, weight }, best)) best = { pairs: count, weight };
      return;
    }
    visit(e + 1, count, weight);
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      const m = pairs.mentor[k] as number;
      if ((room[m] as number) === 0) continue;
      room[m] = (room[m] as number) - 1;
      visit(e + 1, count + 1, weight + (pairs.weight[k] as number));
      room[m] = (room[m] as number) + 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

/**
 * An independent oracle: min-cost flow by successive shortest paths found with Bellman-Ford on the residual
 * graph (no potentials, no Dijkstra, no slots). source -> mentee (1) -> mentor (1, cost -(bonus + weight))
 * -> sink (capacity); augment while the cheapest path is negative. The bonus makes one more pair always
 * worth more than any difference in weights, as in the solver's objective.
 */
export function minCostFlow(pairs: WeightedPairs, capacity: Int32Array): Optimum {
  const mentees = pairs.start.length - 1;
  const mentors = capacity.length;
  const source = mentees + mentors;
  const sink = source + 1;
  const nodes = sink + 1;
  const bonus = 10_000 * (Math.min(mentees, mentors * 2) + 1);
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head: number[][] = Array.from({ length: nodes }, () => []);
  const addEdge = (a: number, b: number, c: number, w: number): void => {
    head[a]?.push(to.length);
    to.push(b);
    cap.push(c);
    cost.push(w);
    head[b]?.push(to.length);
    to.push(a);
    cap.push(0);
    cost.push(-w);
  };
  for (let e = 0; e < mentees; e++) addEdge(source, e, 1, 0);
  for (let e = 0; e < mentees; e++) {
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      addEdge(e, mentees + (pairs.mentor[k] as number), 1, -(bonus + (pairs.weight[k] as number)));
    }
  }
  for (let m = 0; m < mentors; m++) addEdge(mentees + m, sink, capacity[m] as number, 0);

  let totalCost = 0;
  let flow = 0;
  for (;;) {
    const dist = new Array<number>(nodes).fill(Infinity);
    const via = new Array<number>(nodes).fill(-1);
    dist[source] = 0;
    for (let round = 0; round < nodes; round++) {
      let changed = false;
      for (let a = 0; a < nodes; a++) {
        const da = dist[a] as number;
        if (da === Infinity) continue;
        for (const edge of head[a] ?? []) {
          if ((cap[edge] as number) <= 0) continue;
          const b = to[edge] as number;
          const nd = da + (cost[edge] as number);
          if (nd < (dist[b] as number)) {
            dist[b] = nd;
            via[b] = edge;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (!((dist[sink] as number) < 0)) break;
    for (let b = sink; b !== source;) {
      const edge = via[b] as number;
      cap[edge] = (cap[edge] as number) - 1;
      cap[edge ^ 1] = (cap[edge ^ 1] as number) + 1;
      b = to[edge ^ 1] as number;
    }
    totalCost += dist[sink] as number;
    flow++;
  }
  return { pairs: flow, weight: -totalCost - flow * bonus };
}

export function evaluate(pairs: WeightedPairs, capacity: Int32Array, mentorForMentee: Int32Array): Optimum {
  const load = new Int32Array(capacity.length);
  let count = 0;
  let weight = 0;
  mentorForMentee.forEach((m, e) => {
    if (m < 0) return;
    let found = -1;
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      if (pairs.mentor[k] === m) found = pairs.weight[k] as number;
    }
    if (found < 0) throw new Error(`mentee ${e} got mentor ${m}, not a possible pair`);
    load[m] = (load[m] as number) + 1;
    if ((load[m] as number) > (capacity[m] as number)) throw new Error(`mentor ${m} over capacity`);
    count++;
    weight += found;
  });
  return { pairs: count, weight };
}
