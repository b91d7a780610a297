import { type Cohort, compileCohort, pairPoints } from './cohort.js';
import { findViolation, makeConstraintRules } from './constraints.js';
import { describePair } from './reasons.js';
import { WEIGHT_SCALE } from './score.js';
import type { ConstraintViolation, MatchCandidate, MatchInput, ScoreParts } from './types.js';
import { workingOverlapMinutes } from './workingHours.js';

export interface PairExplanation {
  /** The hard constraint the pair breaks, or null when it is possible. */
  violation: ConstraintViolation | null;
  /** 0..100, two decimals: the same number matchCohort reports for this pair. */
  score: number;
  parts: ScoreParts;
  reasons: string[];
}

export type PairRules = Pick<MatchInput, 'minSeniorityGap' | 'pastPairs' | 'referenceDate' | 'topicLabels' | 'options'>;

export function toScore(weight: number): number {
  return Math.round(weight) / (WEIGHT_SCALE / 100);
}

/** Score, parts and reasons of mentor index m with mentee index e of a compiled cohort. */
export function explainCompiled(
  c: Cohort,
  m: number,
  e: number,
  topicLabels: Record<string, string>,
): Omit<PairExplanation, 'violation'> {
  const points = pairPoints(c, m, e);
  const mentorOffset = c.zoneOffsets[c.mentorZone[m] as number] ?? null;
  const menteeOffset = c.zoneOffsets[c.menteeZone[e] as number] ?? null;
  const overlapMinutes =
    mentorOffset === null || menteeOffset === null ? null : workingOverlapMinutes(mentorOffset, menteeOffset, c.workingDay);
  const mentor = c.mentors[m] as MatchCandidate;
  const mentee = c.mentees[e] as MatchCandidate;
  return {
    // pairWeight's sum, without computing the parts again.
    score: toScore(
      points.mentorCoversMentee +
        points.menteeCoversMentor +
        points.differentDepartment +
        points.workingHours +
        points.meetingPreference,
    ),
    parts: {
      mentorCoversMentee: toScore(points.mentorCoversMentee),
      menteeCoversMentor: toScore(points.menteeCoversMentor),
      differentDepartment: toScore(points.differentDepartment),
      workingHours: toScore(points.workingHours),
      meetingPreference: toScore(points.meetingPreference),
    },
    reasons: describePair(mentor, mentee, points, { topicLabels, mentorOffset, menteeOffset, overlapMinutes }),
  };
}

/**
 * Everything a coordinator needs to judge one pair (a swap in the preview, a pin): whether it is possible and
 * why, and its score with reasons. The score does not depend on the rest of the cohort.
 */
export function explainPair(mentor: MatchCandidate, mentee: MatchCandidate, rules: PairRules): PairExplanation {
  const c = compileCohort([mentor], [mentee], {
    minSeniorityGap: rules.minSeniorityGap,
    pastPairs: rules.pastPairs,
    referenceDate: rules.referenceDate,
    weights: rules.options?.weights,
    workingDay: rules.options?.workingDay,
  });
  const violation = findViolation(mentor, mentee, makeConstraintRules(rules.minSeniorityGap, rules.pastPairs));
  return { violation, ...explainCompiled(c, 0, 0, rules.topicLabels) };
}
