import type { ScoreWeights } from './types.js';

export const DEFAULT_WEIGHTS: ScoreWeights = {
  mentorCoversMentee: 0.45,
  menteeCoversMentor: 0.2,
  differentDepartment: 0.15,
  workingHours: 0.12,
  meetingPreference: 0.08,
};

/** Integer weights 0..WEIGHT_SCALE keep the solvers' arithmetic exact (sums stay far below 2^53). */
export const WEIGHT_SCALE = 10_000;

export function normaliseWeights(partial: Partial<ScoreWeights> | undefined): ScoreWeights {
  const merged = { ...DEFAULT_WEIGHTS, ...partial };
  const keys = Object.keys(DEFAULT_WEIGHTS) as (keyof ScoreWeights)[];
  if (keys.some((k) => !Number.isFinite(merged[k]) || merged[k] < 0)) return { ...DEFAULT_WEIGHTS };
  const sum = keys.reduce((s, k) => s + merged[k], 0);
  if (sum <= 0) return { ...DEFAULT_WEIGHTS };
  const out = { ...merged };
  for (const k of keys) out[k] = merged[k] / sum;
  return out;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Weight of the meeting-preference part: 1 when compatible, 0 for video against in person. */
export function meetingCompatibility(a: number, b: number): number {
  // 0 video, 1 in_person, 2 either
  return a === 2 || b === 2 || a === b ? 1 : 0;
}

/** Working-hours part for people with unknown time zones: neither rewarded nor punished. */
export const UNKNOWN_ZONE_FRACTION = 0.5;
/** Department part when either department is blank. */
export const UNKNOWN_DEPARTMENT_FRACTION = 0.5;

/** Mentors take 1 or 2 mentees; other values are clamped into that range. */
export function mentorCapacity(mentor: { capacity: number }): number {
  return Number.isFinite(mentor.capacity) ? Math.min(2, Math.max(1, Math.floor(mentor.capacity))) : 1;
}
