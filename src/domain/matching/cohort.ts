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

/** Dense ids in order of first appearance. */
function indexer(): { of: (key: string) => number; size: () => number } {
  const map = new Map<string, number>();
  return {
    of: (key) => {
      let i = map.get(key);
      if (i === undefined) {
        i = map.size;
        map.set(key, i);
      }
      return i;
    },
    size: () => map.size,
  };
}

export function compileCohort(
  mentors: readonly MatchCandidate[],
  mentees: readonly MatchCandidate[],
  settings: CohortSettings,
): Cohort {
  const weights = normaliseWeights(settings.weights);
  const nM = mentors.length;
  const nE = mentees.length;
  const everyone = [...mentors, ...mentees];

  const topicIndex = indexer();
  for (const p of everyone) for (const t of [...p.teaches, ...p.learns]) topicIndex.of(t);
  const words = Math.max(1, Math.ceil(topicIndex.size() / 32));
  const bits = (people: readonly MatchCandidate[], pick: (p: MatchCandidate) => string[]): Uint32Array => {
    const out = new Uint32Array(people.length * words);
    people.forEach((p, i) => {
      for (const t of pick(p)) {
        const b = topicIndex.of(t);
        const w = i * words + (b >>> 5);
        out[w] = (out[w] ?? 0) | (1 << (b & 31));
      }
    });
    return out;
  };
  const mentorTeach = bits(mentors, (p) => p.teaches);
  const mentorLearn = bits(mentors, (p) => p.learns);
  const menteeTeach = bits(mentees, (p) => p.teaches);
  const menteeLearn = bits(mentees, (p) => p.learns);
  const topicCount = topicIndex.size();
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

  const deptIndex = indexer();
  const dept = (people: readonly MatchCandidate[]): Int32Array =>
    Int32Array.from(people, (p) => {
      const d = p.department.trim().toLowerCase();
      return d === '' ? -1 : deptIndex.of(d);
    });

  const zoneIndex = indexer();
  const zoneNames: string[] = [];
  const zone = (people: readonly MatchCandidate[]): Int32Array =>
    Int32Array.from(people, (p) => {
      const z = zoneIndex.of(p.timezone);
      if (z === zoneNames.length) zoneNames.push(p.timezone);
      return z;
    });
  const mentorZone = zone(mentors);
  const menteeZone = zone(mentees);
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
    mentorDept: dept(mentors),
    menteeDept: dept(mentees),
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
    mentorPref: Uint8Array.from(mentors, (p) => PREFERENCE_CODE[p.meetingPreference] ?? 2),
    menteePref: Uint8Array.from(mentees, (p) => PREFERENCE_CODE[p.meetingPreference] ?? 2),
    mentorSeniority: Float64Array.from(mentors, (p) => p.seniorityLevel),
    menteeSeniority: Float64Array.from(mentees, (p) => p.seniorityLevel),
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

/** The pair's score parts in integer points; their sum is pairWeight. */
export function pairPoints(c: Cohort, m: number, e: number): PairPoints {
  const words = c.words;
  let forMentee = 0;
  let forMentor = 0;
  for (let w = 0; w < words; w++) {
    forMentee += popcount32((c.mentorTeach[m * words + w] as number) & (c.menteeLearn[e * words + w] as number));
    forMentor += popcount32((c.menteeTeach[e * words + w] as number) & (c.mentorLearn[m * words + w] as number));
  }
  const span = c.topicCount + 1;
  const dm = c.mentorDept[m] as number;
  const de = c.menteeDept[e] as number;
  // All three read on every call: a branch read only for the rarer pairs lacked V8's feedback when it was optimised.
  const { different, same, unknown } = c.departmentPoints;
  return {
    mentorCoversMentee: c.mentorCoversMenteePoints[(c.menteeLearnCount[e] as number) * span + forMentee] as number,
    menteeCoversMentor: c.menteeCoversMentorPoints[(c.mentorLearnCount[m] as number) * span + forMentor] as number,
    differentDepartment: dm < 0 || de < 0 ? unknown : dm === de ? same : different,
    workingHours: c.zonePoints[(c.mentorZone[m] as number) * c.zoneCount + (c.menteeZone[e] as number)] as number,
    meetingPreference: c.preferencePoints[(c.mentorPref[m] as number) * 3 + (c.menteePref[e] as number)] as number,
  };
}

/** The pair's integer weight 0..WEIGHT_SCALE (feasibility is checked separately). */
export function pairWeight(c: Cohort, m: number, e: number): number {
  const p = pairPoints(c, m, e);
  return p.mentorCoversMentee + p.menteeCoversMentor + p.differentDepartment + p.workingHours + p.meetingPreference;
}

/** Seniority gap and the forbidden list only (people are already filtered to active ones). */
export function passesHardConstraints(c: Cohort, m: number, e: number): boolean {
  if ((c.menteeSeniority[e] as number) - (c.mentorSeniority[m] as number) < c.minSeniorityGap) return false;
  const end = c.forbiddenStart[e + 1] as number;
  for (let k = c.forbiddenStart[e] as number; k < end; k++) if (c.forbiddenMentor[k] === m) return false;
  return true;
}
