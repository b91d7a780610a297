import { compileForbidden } from './forbiddenPairs.js';
import {
  meetingCompatibility,
  normaliseWeights,
  popcount32,
  UNKNOWN_DEPARTMENT_FRACTION,
  UNKNOWN_ZONE_FRACTION,
  WEIGHT_SCALE,
} from './score.js';
import type { MatchCandidate, PastPair, ScoreWeights } from './types.js';
import { DEFAULT_WORKING_DAY, utcOffsetMinutes, workingOverlapMinutes } from './workingHours.js';

/**
 * A cohort compiled to typed arrays so that a pair's feasibility and score cost a few integer operations.
 * Mentor index m and mentee index e refer to the `mentors` / `mentees` arrays.
 */
export interface Cohort {
  mentors: readonly MatchCandidate[];
  mentees: readonly MatchCandidate[];
  weights: ScoreWeights;
  /** 32-bit words per topic bit set. */
  words: number;
  mentorTeach: Uint32Array;
  mentorLearn: Uint32Array;
  menteeTeach: Uint32Array;
  menteeLearn: Uint32Array;
  topicCount: number;
  /** Number of distinct topics each person wants to learn. */
  menteeLearnCount: Int32Array;
  mentorLearnCount: Int32Array;
  /**
   * Integer points (of WEIGHT_SCALE) for covering `covered` of `wanted` topics, at
   * wanted x (topicCount + 1) + covered. All parts are integers so a score is an exact sum.
   */
  mentorCoversMenteePoints: Int32Array;
  menteeCoversMentorPoints: Int32Array;
  /** -1 = blank department. */
  mentorDept: Int32Array;
  menteeDept: Int32Array;
  mentorZone: Int32Array;
  menteeZone: Int32Array;
  zoneCount: number;
  zoneOffsets: (number | null)[];
  /** Working-hours points per zone pair, zoneCount x zoneCount. */
  zonePoints: Int32Array;
  /** Department points: different, same, either blank. */
  departmentPoints: { different: number; same: number; unknown: number };
  /** Meeting-preference points, 3 x 3 by preference code. */
  preferencePoints: Int32Array;
  /** 0 video, 1 in_person, 2 either. */
  mentorPref: Uint8Array;
  menteePref: Uint8Array;
  mentorSeniority: Float64Array;
  menteeSeniority: Float64Array;
  minSeniorityGap: number;
  /** Mentors each mentee may never meet (reporting line, avoid lists, past pairs, same person), CSR by mentee. */
  forbiddenStart: Int32Array;
  forbiddenMentor: Int32Array;
  /** Integer weight below which a pair is treated as impossible. */
  minWeight: number;
  workingDay: { startMinute: number; endMinute: number };
}

export interface CohortSettings {
  minSeniorityGap: number;
  pastPairs: readonly PastPair[];
  referenceDate: Date;
  weights?: Partial<ScoreWeights>;
  minScore?: number;
  workingDay?: { startMinute: number; endMinute: number };
}

const PREFERENCE_CODE = { video: 0, in_person: 1, either: 2 } as const;

/** The dense id of `key` in order of first appearance (a new one, the next integer, for a key not seen yet). */
function idOf(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) {
    i = map.size;
    map.set(key, i);
  }
  return i;
}

// Plain loops over the people here: run once per match, mostly before V8 optimises them, where a closure per
// person, a spread or a for...of over a list made them several times slower in a fresh process.

function indexTopics(people: readonly MatchCandidate[], topics: Map<string, number>): void {
  for (let i = 0; i < people.length; i++) {
    const p = people[i] as MatchCandidate;
    for (let q = 0; q < p.teaches.length; q++) idOf(topics, p.teaches[q] as string);
    for (let q = 0; q < p.learns.length; q++) idOf(topics, p.learns[q] as string);
  }
}

/** Each person's topics (the ones taught, or wanted with `learns`) as a bit set of `words` 32-bit words. */
function topicBits(people: readonly MatchCandidate[], learns: boolean, topics: Map<string, number>, words: number): Uint32Array {
  const out = new Uint32Array(people.length * words);
  for (let i = 0; i < people.length; i++) {
    const p = people[i] as MatchCandidate;
    const list = learns ? p.learns : p.teaches;
    for (let q = 0; q < list.length; q++) {
      const b = idOf(topics, list[q] as string);
      const w = i * words + (b >>> 5);
      out[w] = (out[w] as number) | (1 << (b & 31));
    }
  }
  return out;
}

/** Department ids (-1: blank), case and surrounding spaces ignored. */
function departmentIds(people: readonly MatchCandidate[], departments: Map<string, number>): Int32Array {
  const out = new Int32Array(people.length);
  for (let i = 0; i < people.length; i++) {
    const d = (people[i] as MatchCandidate).department.trim().toLowerCase();
    out[i] = d === '' ? -1 : idOf(departments, d);
  }
  return out;
}

/** Time zone ids; a new zone's name is added to `names`. */
function zoneIds(people: readonly MatchCandidate[], zones: Map<string, number>, names: string[]): Int32Array {
  const out = new Int32Array(people.length);
  for (let i = 0; i < people.length; i++) {
    const zone = (people[i] as MatchCandidate).timezone;
    const z = idOf(zones, zone);
    if (z === names.length) names.push(zone);
    out[i] = z;
  }
  return out;
}

function preferenceCodes(people: readonly MatchCandidate[]): Uint8Array {
  const out = new Uint8Array(people.length);
  for (let i = 0; i < people.length; i++) out[i] = PREFERENCE_CODE[(people[i] as MatchCandidate).meetingPreference] ?? 2;
  return out;
}

function seniorities(people: readonly MatchCandidate[]): Float64Array {
  const out = new Float64Array(people.length);
  for (let i = 0; i < people.length; i++) out[i] = (people[i] as MatchCandidate).seniorityLevel;
  return out;
}

export function compileCohort(
  mentors: readonly MatchCandidate[],
  mentees: readonly MatchCandidate[],
  settings: CohortSettings,
): Cohort {
  const weights = normaliseWeights(settings.weights);
  const nM = mentors.length;
  const nE = mentees.length;

  const topics = new Map<string, number>();
  indexTopics(mentors, topics);
  indexTopics(mentees, topics);
  const words = Math.max(1, Math.ceil(topics.size / 32));
  const mentorTeach = topicBits(mentors, false, topics, words);
  const mentorLearn = topicBits(mentors, true, topics, words);
  const menteeTeach = topicBits(mentees, false, topics, words);
  const menteeLearn = topicBits(mentees, true, topics, words);
  const topicCount = topics.size;
  const learnCount = (learn: Uint32Array, n: number): Int32Array => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let count = 0;
      for (let w = 0; w < words; w++) count += popcount32(learn[i * words + w] ?? 0);
      out[i] = count;
    }
    return out;
  };
  const coverPoints = (weight: number): Int32Array => {
    const out = new Int32Array((topicCount + 1) * (topicCount + 1));
    for (let wanted = 1; wanted <= topicCount; wanted++) {
      for (let covered = 0; covered <= wanted; covered++) {
        out[wanted * (topicCount + 1) + covered] = points(weight, covered / wanted);
      }
    }
    return out;
  };

  const departments = new Map<string, number>();
  const mentorDept = departmentIds(mentors, departments);
  const menteeDept = departmentIds(mentees, departments);

  const zones = new Map<string, number>();
  const zoneNames: string[] = [];
  const mentorZone = zoneIds(mentors, zones, zoneNames);
  const menteeZone = zoneIds(mentees, zones, zoneNames);
  const zoneCount = zoneNames.length;
  const zoneOffsets = zoneNames.map((tz) => utcOffsetMinutes(tz, settings.referenceDate));
  const workingDay = settings.workingDay ?? DEFAULT_WORKING_DAY;
  const dayLength = Math.max(1, workingDay.endMinute - workingDay.startMinute);
  const zonePoints = new Int32Array(zoneCount * zoneCount);
  for (let a = 0; a < zoneCount; a++) {
    for (let b = 0; b < zoneCount; b++) {
      const oa = zoneOffsets[a] ?? null;
      const ob = zoneOffsets[b] ?? null;
      const fraction = oa === null || ob === null ? UNKNOWN_ZONE_FRACTION : workingOverlapMinutes(oa, ob, workingDay) / dayLength;
      zonePoints[a * zoneCount + b] = points(weights.workingHours, fraction);
    }
  }

  const { forbiddenStart, forbiddenMentor } = compileForbidden(mentors, mentees, settings.pastPairs);
  const minScore = settings.minScore ?? 0;

  return {
    mentors,
    mentees,
    weights,
    words,
    mentorTeach,
    mentorLearn,
    menteeTeach,
    menteeLearn,
    topicCount,
    menteeLearnCount: learnCount(menteeLearn, nE),
    mentorLearnCount: learnCount(mentorLearn, nM),
    mentorCoversMenteePoints: coverPoints(weights.mentorCoversMentee),
    menteeCoversMentorPoints: coverPoints(weights.menteeCoversMentor),
    mentorDept,
    menteeDept,
    mentorZone,
    menteeZone,
    zoneCount,
    zoneOffsets,
    zonePoints,
    departmentPoints: {
      different: points(weights.differentDepartment, 1),
      same: 0,
      unknown: points(weights.differentDepartment, UNKNOWN_DEPARTMENT_FRACTION),
    },
    preferencePoints: Int32Array.from({ length: 9 }, (_, k) =>
      points(weights.meetingPreference, meetingCompatibility(Math.floor(k / 3), k % 3)),
    ),
    mentorPref: preferenceCodes(mentors),
    menteePref: preferenceCodes(mentees),
    mentorSeniority: seniorities(mentors),
    menteeSeniority: seniorities(mentees),
    minSeniorityGap: settings.minSeniorityGap,
    forbiddenStart,
    forbiddenMentor,
    minWeight: Math.ceil((minScore / 100) * WEIGHT_SCALE),
    workingDay,
  };
}

/** Flooring every part keeps the sum of parts at or below WEIGHT_SCALE. */
function points(weight: number, fraction: number): number {
  return Math.floor(weight * fraction * WEIGHT_SCALE + 1e-9);
}

export interface PairPoints {
  mentorCoversMentee: number;
  menteeCoversMentor: number;
  differentDepartment: number;
  workingHours: number;
  meetingPreference: number;
}

/**
 * How many of the mentee's topics the mentor teaches (high 16 bits) and of the mentor's the mentee teaches (low 16
 * bits): a cohort's topics are far fewer than 65,536 (its points tables are (topics + 1)^2 long).
 */
function topicsCovered(c: Cohort, m: number, e: number): number {
  const words = c.words;
  let forMentee = 0;
  let forMentor = 0;
  for (let w = 0; w < words; w++) {
    forMentee += popcount32((c.mentorTeach[m * words + w] as number) & (c.menteeLearn[e * words + w] as number));
    forMentor += popcount32((c.menteeTeach[e * words + w] as number) & (c.mentorLearn[m * words + w] as number));
  }
  return forMentee * 0x10000 + forMentor;
}

function departmentPoints(c: Cohort, m: number, e: number): number {
  const dm = c.mentorDept[m] as number;
  const de = c.menteeDept[e] as number;
  // All three read on every call: a branch read only for the rarer pairs lacked V8's feedback when it was optimised.
  const { different, same, unknown } = c.departmentPoints;
  return dm < 0 || de < 0 ? unknown : dm === de ? same : different;
}

/** The pair's score parts in integer points; their sum is pairWeight. */
export function pairPoints(c: Cohort, m: number, e: number): PairPoints {
  const covered = topicsCovered(c, m, e);
  const span = c.topicCount + 1;
  return {
    mentorCoversMentee: c.mentorCoversMenteePoints[(c.menteeLearnCount[e] as number) * span + (covered >>> 16)] as number,
    menteeCoversMentor: c.menteeCoversMentorPoints[(c.mentorLearnCount[m] as number) * span + (covered & 0xffff)] as number,
    differentDepartment: departmentPoints(c, m, e),
    workingHours: c.zonePoints[(c.mentorZone[m] as number) * c.zoneCount + (c.menteeZone[e] as number)] as number,
    meetingPreference: c.preferencePoints[(c.mentorPref[m] as number) * 3 + (c.menteePref[e] as number)] as number,
  };
}

/**
 * The pair's integer weight 0..WEIGHT_SCALE (feasibility is checked separately): pairPoints' sum (a test checks
 * it), without the object. Pricing asks it for about 200,000 pairs at 2,000 x 2,000, many of them before V8
 * optimises the caller (and so before the object could be left out): 31 to 45 ms -> 11 to 17 ms for 200,000 pairs
 * in a fresh process.
 */
export function pairWeight(c: Cohort, m: number, e: number): number {
  const covered = topicsCovered(c, m, e);
  const span = c.topicCount + 1;
  return (
    (c.mentorCoversMenteePoints[(c.menteeLearnCount[e] as number) * span + (covered >>> 16)] as number) +
    (c.menteeCoversMentorPoints[(c.mentorLearnCount[m] as number) * span + (covered & 0xffff)] as number) +
    departmentPoints(c, m, e) +
    (c.zonePoints[(c.mentorZone[m] as number) * c.zoneCount + (c.menteeZone[e] as number)] as number) +
    (c.preferencePoints[(c.mentorPref[m] as number) * 3 + (c.menteePref[e] as number)] as number)
  );
}

/** Seniority gap and the forbidden list only (people are already filtered to active ones). */
export function passesHardConstraints(c: Cohort, m: number, e: number): boolean {
  if ((c.menteeSeniority[e] as number) - (c.mentorSeniority[m] as number) < c.minSeniorityGap) return false;
  const end = c.forbiddenStart[e + 1] as number;
  for (let k = c.forbiddenStart[e] as number; k < end; k++) if (c.forbiddenMentor[k] === m) return false;
  return true;
}
