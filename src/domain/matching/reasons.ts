import type { PairPoints } from './cohort.js';
import { meetingCompatibility, WEIGHT_SCALE } from './score.js';
import type { MatchCandidate, MeetingPreference } from './types.js';
import { formatOffset } from './workingHours.js';

export interface ReasonContext {
  topicLabels: Record<string, string>;
  mentorOffset: number | null;
  menteeOffset: number | null;
  /** Shared minutes of the two working days (null when a time zone is unknown). */
  overlapMinutes: number | null;
}

/** Points out of 100 with at most two decimals, e.g. "+33.75". */
export function formatPoints(points: number): string {
  return `+${Number((points / (WEIGHT_SCALE / 100)).toFixed(2))}`;
}

/**
 * formatPoints of integer points 0..WEIGHT_SCALE, each formatted once: a match explains every pair, and its
 * parts take few values (toFixed was a fifth of the time of explaining 10,000 pairs).
 */
const formattedPoints: (string | undefined)[] = [];
function pointsText(points: number): string {
  if (!Number.isInteger(points) || points < 0 || points > WEIGHT_SCALE) return formatPoints(points);
  return (formattedPoints[points] ??= formatPoints(points));
}

/** The list without repeats, in order of first appearance (the list itself when it has none: lists are short). */
function unique(list: readonly string[]): readonly string[] {
  for (let i = 1; i < list.length; i++) {
    for (let j = 0; j < i; j++) if (list[j] === list[i]) return [...new Set(list)];
  }
  return list;
}

function label(topic: string, labels: Record<string, string>): string {
  return Object.prototype.hasOwnProperty.call(labels, topic) ? (labels[topic] as string) : topic;
}

function coverage(
  teacher: MatchCandidate,
  learner: MatchCandidate,
  points: number,
  topicLabels: Record<string, string>,
  learnerIsMentee: boolean,
): string {
  const wanted = unique(learner.learns);
  // Plain loops: explaining a match runs this twice a pair, mostly before V8 optimises it.
  const covered: string[] = [];
  for (let q = 0; q < wanted.length; q++) {
    const t = wanted[q] as string;
    if (teacher.teaches.includes(t)) covered.push(label(t, topicLabels));
  }
  if (wanted.length === 0) return `${learner.displayName} has not listed topics to learn (${pointsText(points)})`;
  const subject = learnerIsMentee ? `${teacher.displayName} covers` : `${teacher.displayName} can teach ${learner.displayName}`;
  const what = `topic${wanted.length === 1 ? '' : 's'} ${learner.displayName} wants to learn`;
  if (covered.length === 0) {
    const labels: string[] = [];
    for (let q = 0; q < wanted.length; q++) labels.push(label(wanted[q] as string, topicLabels));
    const names = labels.join(', ');
    return `${subject} none of the topics ${learner.displayName} wants to learn (${names}) (${pointsText(points)})`;
  }
  return `${subject} ${covered.length} of ${wanted.length} ${what}: ${covered.join(', ')} (${pointsText(points)})`;
}

function department(mentor: MatchCandidate, mentee: MatchCandidate, points: number): string {
  const a = mentor.department.trim();
  const b = mentee.department.trim();
  if (a === '' || b === '') {
    const who = a === '' ? mentor.displayName : mentee.displayName;
    return `department unknown for ${who} (${pointsText(points)})`;
  }
  if (a.toLowerCase() === b.toLowerCase()) return `same department: ${a} (${pointsText(points)})`;
  return `different departments: ${a} and ${b} (${pointsText(points)})`;
}

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function workingHours(mentor: MatchCandidate, mentee: MatchCandidate, points: number, ctx: ReasonContext): string {
  if (ctx.mentorOffset === null || ctx.menteeOffset === null || ctx.overlapMinutes === null) {
    const who = ctx.mentorOffset === null ? mentor : mentee;
    return `time zone unknown for ${who.displayName} (${who.timezone}) (${pointsText(points)})`;
  }
  const where =
    `${mentor.displayName} in ${mentor.timezone} (${formatOffset(ctx.mentorOffset)}), ` +
    `${mentee.displayName} in ${mentee.timezone} (${formatOffset(ctx.menteeOffset)})`;
  if (ctx.overlapMinutes === 0) return `no shared working hours: ${where} (${pointsText(points)})`;
  return `${duration(ctx.overlapMinutes)} of shared working hours: ${where} (${pointsText(points)})`;
}

const PREFERENCE_WORDS: Record<MeetingPreference, string> = {
  video: 'prefers video',
  in_person: 'prefers in person',
  either: 'is happy either way',
};
const PREFERENCE_CODE: Record<MeetingPreference, number> = { video: 0, in_person: 1, either: 2 };

function meeting(mentor: MatchCandidate, mentee: MatchCandidate, points: number): string {
  const a = mentor.meetingPreference;
  const b = mentee.meetingPreference;
  const fits = meetingCompatibility(PREFERENCE_CODE[a], PREFERENCE_CODE[b]) === 1;
  if (a === b) {
    const how =
      a === 'either' ? 'both happy with video or in person' : a === 'video' ? 'both prefer video' : 'both prefer in person';
    return `${how} (${pointsText(points)})`;
  }
  const words = `${mentor.displayName} ${PREFERENCE_WORDS[a]}, ${mentee.displayName} ${PREFERENCE_WORDS[b]}`;
  return `${fits ? 'meeting preferences fit' : 'meeting preferences clash'}: ${words} (${pointsText(points)})`;
}

/** One reason per score part, in a fixed order, each with the points it contributed. */
export function describePair(mentor: MatchCandidate, mentee: MatchCandidate, points: PairPoints, ctx: ReasonContext): string[] {
  return [
    flat(coverage(mentor, mentee, points.mentorCoversMentee, ctx.topicLabels, true)),
    flat(coverage(mentee, mentor, points.menteeCoversMentor, ctx.topicLabels, false)),
    flat(department(mentor, mentee, points.differentDepartment)),
    flat(workingHours(mentor, mentee, points.workingHours, ctx)),
    flat(meeting(mentor, mentee, points.meetingPreference)),
  ];
}

/**
 * The same text, in one piece. V8 keeps a string built from parts as a tree of them until a character is read;
 * a match keeps five reasons a pair, and the garbage collector moved every node of every tree (explaining the
 * 10,000 pairs of a 10,000 x 10,000 match and sorting them: 85-109 ms -> 63-78 ms). The character read decides
 * the result (NaN only for ''), so an optimising compiler cannot drop it.
 */
function flat(text: string): string {
  const first = text.charCodeAt(0);
  return first !== first ? '' : text;
}
