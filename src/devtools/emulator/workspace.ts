import { makeUser, type EmulatedUser, type UserSpec } from './user.js';
import { botUser, defaultChannels, slackbotUser, SLACKBOT_USER_ID, type Workspace } from './team.js';

export { DEPARTMENT_FIELD_ID, departmentOf, makeUser, userAt } from './user.js';
export type { EmulatedProfile, EmulatedUser, ProfileField, UserSpec } from './user.js';
export { syntheticWorkspace, type SyntheticWorkspaceOptions } from './syntheticWorkspace.js';
export { botUser, defaultChannels, slackbotUser, SLACKBOT_USER_ID } from './team.js';
export type { EmulatedChannel, Workspace } from './team.js';

export interface WorkspaceOptions {
  /** Instant used for tz_offset / tz_label (default: now). */
  at?: Date;
}

export const DEFAULT_TEAM = {
  teamId: 'T0EMU00001',
  teamDomain: 'rm-emulator',
  teamName: 'Reverse Mentoring (emulated)',
  botUserId: 'U0EMUBOT01',
  botId: 'B0EMUBOT01',
  appId: 'A0EMUAPP01',
} as const;

type PersonRow = [
  id: string,
  handle: string,
  realName: string,
  displayName: string,
  title: string,
  department: string,
  tz: string,
];

// Mixed seniority on purpose: reverse mentoring pairs juniors (mentors) with seniors (mentees). Display names differ
// from real names and handles, as in Slack; Priya and Leo chose none (Slack then shows their real name).
const PEOPLE: PersonRow[] = [
  ['U0EMU0001', 'amara.okafor', 'Amara Okafor', 'Amara', 'Chief Operating Officer', 'Operations', 'Europe/London'],
  ['U0EMU0002', 'daniel.reyes', 'Daniel Reyes', 'Dan Reyes', 'VP of Sales', 'Sales', 'America/Los_Angeles'],
  ['U0EMU0003', 'priya.raman', 'Priya Raman', '', 'Head of Finance', 'Finance', 'Asia/Kolkata'],
  ['U0EMU0004', 'klaus.becker', 'Klaus Becker', 'Klaus B.', 'Engineering Director', 'Engineering', 'Europe/Berlin'],
  ['U0EMU0005', 'margaret.liu', 'Margaret Liu', 'Maggie Liu', 'Chief People Officer', 'People', 'America/New_York'],
  ['U0EMU0006', 'hemi.walker', 'Hemi Walker', 'Hemi W.', 'Regional Sales Manager', 'Sales', 'Pacific/Auckland'],
  ['U0EMU0007', 'zoe.martin', 'Zoe Martin', 'Zoë', 'Marketing Associate', 'Marketing', 'Europe/London'],
  ['U0EMU0008', 'leo.nguyen', 'Leo Nguyen', '', 'Junior Software Engineer', 'Engineering', 'America/Los_Angeles'],
  ['U0EMU0009', 'aisha.khan', 'Aisha Khan', 'Aisha K.', 'Graduate Financial Analyst', 'Finance', 'Asia/Kolkata'],
  ['U0EMU0010', 'jonas.weber', 'Jonas Weber', 'Jonas W.', 'Product Designer', 'Product', 'Europe/Berlin'],
  [
    'U0EMU0011',
    'maya.thompson',
    'Maya Thompson',
    'Maya T.',
    'Customer Success Associate',
    'Customer Success',
    'Pacific/Auckland',
  ],
  ['U0EMU0012', 'sam.carter', 'Sam Carter', 'Sam', 'Sales Development Representative', 'Sales', 'America/New_York'],
];

/** The departed colleague of the default workspace (deleted: true). */
export const DEFAULT_DELETED_USER_ID = 'U0EMU0012';

/** Twelve people (one deleted), the app's bot user and Slackbot, in five time zones. */
export function defaultWorkspace(options: WorkspaceOptions = {}): Workspace {
  const at = options.at ?? new Date();
  const team = DEFAULT_TEAM;
  const people = PEOPLE.map(([id, name, realName, displayName, title, department, tz], index) => {
    const spec: UserSpec = {
      id,
      teamId: team.teamId,
      name,
      realName,
      displayName,
      title: `${title}, ${department}`,
      department,
      email: `${name}@rm-emulator.example.com`,
      tz,
      deleted: id === DEFAULT_DELETED_USER_ID,
      isAdmin: index === 0,
      isOwner: index === 0,
    };
    return makeUser(spec, at);
  });
  const active = people.filter((u) => !u.deleted).map((u) => u.id);
  return {
    ...team,
    users: [...people, botUser(team, at), slackbotUser(team.teamId, at)],
    channels: defaultChannels(team.teamId, team.botUserId, active),
  };
}

export function findUserByName(workspace: Workspace, name: string): EmulatedUser | undefined {
  return workspace.users.find((u) => u.name === name);
}

/** People who can take part: not deleted, not bots, not Slackbot. */
export function humanUsers(workspace: Workspace): EmulatedUser[] {
  return workspace.users.filter((u) => !u.deleted && !u.is_bot && u.id !== SLACKBOT_USER_ID);
}
