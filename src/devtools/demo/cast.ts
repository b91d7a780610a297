// Who plays the demo: a synthetic workspace, and what each person answers when they join.
import { addDays } from '../../core/calendar.js';
import { isWorkingTime, localTime, zonedInstant } from '../../domain/schedule/index.js';
import type { Answers, EmulatedUser, Workspace } from '../emulator/index.js';
import { createPrng, pick } from '../emulator/prng.js';
import { JUNIOR_TITLES, MID_TITLES, SENIOR_TITLES, syntheticWorkspace } from '../emulator/syntheticWorkspace.js';

export type DemoRole = 'mentor' | 'mentee';

export interface CastMember {
  userId: string;
  name: string;
  timezone: string;
  department: string;
  title: string;
  role: DemoRole;
  level: number;
  answers: Answers;
  /** When they open /rm-join (a weekday working hour in their zone). */
  joinsAt: Date;
}

export interface Cast {
  workspace: Workspace;
  coordinator: EmulatedUser;
  members: CastMember[];
  /** Colleagues who hear of the programme but do not sign up. */
  bystanders: EmulatedUser[];
}

const UPWARD = [
  'social-media',
  'ai-new-tech',
  'digital-tools',
  'online-safety',
  'workplace-culture',
  'diversity-inclusion',
  'consumer-insight',
  'sustainability',
];
const DOWNWARD = ['leadership', 'strategy', 'career-navigation', 'organisational-dynamics', 'business-finance'];
const MENTOR_GOALS = [
  'Show a leader how my generation actually uses social media.',
  'Help someone senior get hands-on with AI tools.',
  'Learn how decisions get made at the top.',
  'Share what makes new joiners stay, or leave.',
];
const MENTEE_GOALS = [
  'Understand how my teams use AI day to day.',
  'Be less awkward on LinkedIn.',
  'Hear honestly what our culture feels like to juniors.',
  'Stay close to what younger customers care about.',
];

/** Career stage (1 to 7, see domain/people.ts) read from a synthetic job title. */
export function levelOfTitle(title: string): number {
  const role = title.split(',')[0]?.trim() ?? '';
  if (['Apprentice', 'Graduate Analyst'].includes(role)) return 1;
  if ((JUNIOR_TITLES as readonly string[]).includes(role)) return 2;
  if (['Senior Specialist', 'Consultant'].includes(role)) return 3;
  if ((MID_TITLES as readonly string[]).includes(role)) return 4;
  if (['Senior Manager', 'Principal'].includes(role)) return 5;
  if (['Director', 'Head of Department'].includes(role)) return 6;
  if ((SENIOR_TITLES as readonly string[]).includes(role)) return 7;
  return 3;
}

function generationFor(level: number, random: () => number): string {
  if (level <= 2) return random() < 0.8 ? 'gen-z' : 'millennial';
  if (level <= 4) return random() < 0.7 ? 'millennial' : 'gen-z';
  return random() < 0.6 ? 'gen-x' : random() < 0.5 ? 'millennial' : 'boomer';
}

function some(random: () => number, items: readonly string[], count: number): string[] {
  const pool = [...items];
  const chosen: string[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

/** A weekday working hour in the person's zone, `businessDays` working days after `from`. */
function workingMomentAfter(from: Date, businessDays: number, zone: string, random: () => number): Date {
  let date = localTime(from, zone).date;
  for (let left = businessDays; ;) {
    date = addDays(date, 1);
    const noon = localTime(zonedInstant(date, 12 * 60, zone), zone);
    if (noon.weekday === 0 || noon.weekday === 6) continue;
    if (left-- > 0) continue;
    const at = zonedInstant(date, (9 + Math.floor(random() * 8)) * 60 + Math.floor(random() * 4) * 15, zone);
    return isWorkingTime(localTime(at, zone)) ? at : zonedInstant(date, 10 * 60, zone);
  }
}

/**
 * The synthetic workspace of `people` humans and their parts: one coordinator (from People when there is
 * one), a few bystanders, and the rest split by career stage into mentors (the more junior ~45 %, one mentee
 * each) and mentees, so that a couple of mentees wait on the waitlist for the rematch.
 */
export function castFor(people: number, seed: number, openedAt: Date, joinDays: number): Cast {
  const workspace = syntheticWorkspace({ people, seed, deletedRatio: 0, at: openedAt });
  const random = createPrng(seed ^ 0x5eed);
  const humans = workspace.users.filter((u) => !u.is_bot && u.id.startsWith('U1'));
  const coordinator = humans.find((u) => u.profile.title.endsWith(', People')) ?? humans[0]!;
  const others = humans.filter((u) => u.id !== coordinator.id);
  const bystanderCount = Math.max(1, Math.round(others.length * 0.05));
  const bystanders = others.filter((_, i) => i % Math.ceil(others.length / bystanderCount) === 1).slice(0, bystanderCount);
  const joiners = others
    .filter((u) => !bystanders.includes(u))
    .map((u) => ({ u, level: levelOfTitle(u.profile.title), tie: random() }))
    .sort((a, b) => a.level - b.level || a.tie - b.tie);
  const mentorCount = Math.floor(joiners.length * 0.45);
  const members = joiners.map(({ u, level }, rank): CastMember => {
    const role: DemoRole = rank < mentorCount ? 'mentor' : 'mentee';
    // The ranking decides the part; a mentor is at most level 4 and a mentee at least 3, as in life.
    const stage = role === 'mentor' ? Math.min(level, 4) : Math.max(level, 3);
    const department = u.profile.title.split(', ')[1] ?? 'Operations';
    const answers: Answers = {
      role,
      seniorityLevel: String(stage),
      generation: generationFor(stage, random),
      department,
      teaches:
        role === 'mentor'
          ? some(random, UPWARD, 2 + Math.floor(random() * 2))
          : some(random, DOWNWARD, 1 + Math.floor(random() * 2)),
      learns:
        role === 'mentor'
          ? some(random, DOWNWARD, 1 + Math.floor(random() * 2))
          : some(random, UPWARD, 2 + Math.floor(random() * 2)),
      goals: pick(random, role === 'mentor' ? MENTOR_GOALS : MENTEE_GOALS),
      meetingPreference: pick(random, ['video', 'either', 'either', 'in_person']),
      ...(role === 'mentor' ? { capacity: '1' } : {}),
    };
    return {
      userId: u.id,
      name: u.real_name,
      timezone: u.tz,
      department,
      title: u.profile.title,
      role,
      level: stage,
      answers,
      joinsAt: workingMomentAfter(openedAt, Math.floor(random() * joinDays), u.tz, random),
    };
  });
  members.sort((a, b) => a.joinsAt.getTime() - b.joinsAt.getTime());
  return { workspace, coordinator, members, bystanders };
}
