import type { MatchCandidate, MatchInput, PastPair } from '../../src/domain/matching/index.js';

/** sfc32: small, fast, seeded; enough for synthetic cohorts and property tests. */
export function makeRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162;
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export function pickWeighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function pickDistinct<T>(random: () => number, items: readonly (readonly [T, number])[], count: number): T[] {
  const out: T[] = [];
  for (let guard = 0; out.length < count && guard < 100; guard++) {
    const t = pickWeighted(random, items);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

export const TOPIC_LABELS: Record<string, string> = {
  social: 'social media and personal brand',
  ai: 'AI and new technology',
  tools: 'digital tools and productivity',
  safety: 'online safety and privacy',
  culture: 'workplace culture and Gen Z expectations',
  dei: 'diversity and inclusion',
  market: 'consumer and market insight',
  sustainability: 'sustainability and social causes',
  leadership: 'leadership',
  strategy: 'strategy and decision making',
  career: 'career navigation',
  org: 'organisational dynamics',
  finance: 'business and finance',
};

// A few popular topics, as in real cohorts: this is what makes greedy matching lose.
const YOUNG_TOPICS = [
  ['ai', 8],
  ['social', 6],
  ['tools', 4],
  ['culture', 3],
  ['safety', 2],
  ['dei', 1.5],
  ['market', 1],
  ['sustainability', 1],
] as const;
const SENIOR_TOPICS = [
  ['leadership', 5],
  ['career', 4],
  ['strategy', 3],
  ['org', 2],
  ['finance', 1.5],
] as const;
const ZONES = [
  ['Europe/London', 35],
  ['America/New_York', 20],
  ['Europe/Berlin', 15],
  ['Asia/Kolkata', 10],
  ['Asia/Singapore', 8],
  ['America/Los_Angeles', 7],
  ['Australia/Sydney', 5],
] as const;
const PREFERENCES = [
  ['video', 50],
  ['either', 35],
  ['in_person', 15],
] as const;

export interface SyntheticOptions {
  mentors: number;
  mentees: number;
  seed: number;
  /** Share of mentors with capacity 2. */
  doubleCapacityShare?: number;
  /** Share of people neither active (paused, withdrawn, departed). */
  inactiveShare?: number;
  departments?: number;
}

/** A mentoring-like cohort: discrete scores with many ties, about 0.5 % forbidden pairs. */
export function syntheticCohort(options: SyntheticOptions): MatchInput {
  const random = makeRandom(options.seed);
  const departments = options.departments ?? 12;
  const int = (n: number): number => Math.floor(random() * n);
  const status = (): MatchCandidate['status'] => {
    if (random() >= (options.inactiveShare ?? 0)) return 'active';
    return pickWeighted(random, [
      ['paused', 2],
      ['withdrawn', 1],
      ['departed', 1],
    ] as const);
  };
  const mentees: MatchCandidate[] = [];
  for (let i = 0; i < options.mentees; i++) {
    mentees.push({
      participantId: `e${i}`,
      slackUserId: `UE${i}`,
      role: 'mentee',
      displayName: `Mentee ${i}`,
      seniorityLevel: 4 + int(5),
      department: `Dept ${int(departments)}`,
      teaches: pickDistinct(random, SENIOR_TOPICS, 1 + int(3)),
      learns: pickDistinct(random, YOUNG_TOPICS, 1 + int(4)),
      timezone: pickWeighted(random, ZONES),
      meetingPreference: pickWeighted(random, PREFERENCES),
      capacity: 1,
      status: status(),
      avoidSlackUserIds: [],
    });
  }
  // Senior leaders manage each other; a mentee's chain is a few other mentees.
  for (const m of mentees) {
    if (options.mentees > 1 && random() < 0.6) {
      const chain = [`UE${int(options.mentees)}`, `UE${int(options.mentees)}`].filter((s) => s !== m.slackUserId);
      m.managementChain = chain;
    }
  }
  const mentors: MatchCandidate[] = [];
  for (let i = 0; i < options.mentors; i++) {
    const mentor: MatchCandidate = {
      participantId: `m${i}`,
      slackUserId: `UM${i}`,
      role: 'mentor',
      displayName: `Mentor ${i}`,
      seniorityLevel: 1 + int(3),
      department: `Dept ${int(departments)}`,
      teaches: pickDistinct(random, YOUNG_TOPICS, 1 + int(4)),
      learns: pickDistinct(random, SENIOR_TOPICS, 1 + int(3)),
      timezone: pickWeighted(random, ZONES),
      meetingPreference: pickWeighted(random, PREFERENCES),
      capacity: random() < (options.doubleCapacityShare ?? 0) ? 2 : 1,
      status: status(),
      avoidSlackUserIds: [],
    };
    if (options.mentees > 0) {
      mentor.managerSlackId = `UE${int(options.mentees)}`;
      mentor.managementChain = [`UE${int(options.mentees)}`];
      if (random() < 0.02) mentor.avoidSlackUserIds = [`UE${int(options.mentees)}`];
    }
    mentors.push(mentor);
  }
  const pastPairs: PastPair[] = [];
  for (let i = 0; i < Math.floor(Math.min(options.mentors, options.mentees) / 10); i++) {
    pastPairs.push({ mentorSlackUserId: `UM${int(options.mentors)}`, menteeSlackUserId: `UE${int(options.mentees)}` });
  }
  return {
    mentors,
    mentees,
    minSeniorityGap: 2,
    pins: [],
    pastPairs,
    referenceDate: new Date('2026-11-22T12:00:00Z'),
    topicLabels: TOPIC_LABELS,
  };
}
