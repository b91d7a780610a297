import { createPrng, pick } from './prng.js';
import { makeUser, type EmulatedUser } from './user.js';
import { botUser, defaultChannels, slackbotUser, type Workspace } from './team.js';

export interface SyntheticWorkspaceOptions {
  people: number;
  seed: number;
  /** Share of people who have left (deleted: true). Default 0.03. */
  deletedRatio?: number;
  /** Instant used for tz_offset / tz_label (default: now). */
  at?: Date;
  teamId?: string;
}

const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jamal',
  'Kaia',
  'Liam',
  'Mei',
  'Noah',
  'Olu',
  'Paula',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zara',
  'Aroha',
  'Bilal',
  'Carmen',
  'Dmitri',
  'Esi',
  'Felix',
  'Gita',
  'Hana',
  'Ivan',
  'Joy',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
];
const LAST = [
  'Adeyemi',
  'Bauer',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Johansson',
  'Kowalski',
  'Lopez',
  'Mensah',
  'Nakamura',
  'Olsen',
  'Patel',
  'Quispe',
  'Rossi',
  'Singh',
  'Tanaka',
  'Urquhart',
  'Vasquez',
  'Wright',
  'Xu',
  'Yilmaz',
  'Zhou',
  'Ngata',
  'Brown',
  'Costa',
  'Das',
  'Eriksen',
  'Fofana',
  'Gupta',
  'Haddad',
];
const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'People',
  'Operations',
  'Product',
  'Customer Success',
  'Legal',
  'Data',
];
export const JUNIOR_TITLES = ['Associate', 'Graduate Analyst', 'Junior Specialist', 'Coordinator', 'Apprentice', 'Analyst'];
export const SENIOR_TITLES = [
  'Director',
  'Head of Department',
  'Vice President',
  'Senior Manager',
  'Principal',
  'Chief of Staff',
];
export const MID_TITLES = ['Manager', 'Senior Specialist', 'Team Lead', 'Consultant'];
const ZONES = [
  'Europe/London',
  'Europe/London',
  'America/New_York',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'Africa/Lagos',
];

/** A deterministic workspace of `people` humans (same seed, same workspace) plus the bot and Slackbot. */
export function syntheticWorkspace(options: SyntheticWorkspaceOptions): Workspace {
  const random = createPrng(options.seed);
  const at = options.at ?? new Date();
  const teamId = options.teamId ?? `T0SYN${(options.seed >>> 0).toString(36).toUpperCase().padStart(5, '0').slice(-5)}`;
  const team = { teamId, botUserId: 'U0EMUBOT01', botId: 'B0EMUBOT01', appId: 'A0EMUAPP01' };
  const deletedRatio = options.deletedRatio ?? 0.03;
  const handles = new Set<string>();
  const users: EmulatedUser[] = [];
  for (let i = 1; i <= options.people; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    let handle = `${first}.${last}`.toLowerCase();
    for (let n = 2; handles.has(handle); n++) handle = `${first}.${last}${n}`.toLowerCase();
    handles.add(handle);
    const department = pick(random, DEPARTMENTS);
    const roll = random();
    const title = pick(random, roll < 0.45 ? JUNIOR_TITLES : roll < 0.7 ? MID_TITLES : SENIOR_TITLES);
    users.push(
      makeUser(
        {
          id: `U1${i.toString(36).toUpperCase().padStart(8, '0')}`,
          teamId,
          name: handle,
          realName: `${first} ${last}`,
          // As in Slack, some chose a display name and some left it empty (their real name shows).
          displayName: [``, first, `${first} ${last.slice(0, 1)}.`][i % 3]!,
          title: `${title}, ${department}`,
          department,
          email: `${handle}@synthetic.example.com`,
          tz: pick(random, ZONES),
          deleted: random() < deletedRatio,
        },
        at,
      ),
    );
  }
  const active = users.filter((u) => !u.deleted).map((u) => u.id);
  return {
    ...team,
    teamDomain: `synthetic-${options.seed}`,
    teamName: `Synthetic workspace ${options.seed}`,
    users: [...users, botUser(team, at), slackbotUser(teamId, at)],
    channels: defaultChannels(teamId, team.botUserId, active),
  };
}
