import { makeUser, type EmulatedUser } from './user.js';

/** A public or private channel that exists before the app starts (DMs and group DMs are created on demand). */
export interface EmulatedChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  /** Members, including the bot user when the bot was invited. */
  members: string[];
}

export interface Workspace {
  teamId: string;
  teamDomain: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
  users: EmulatedUser[];
  channels: EmulatedChannel[];
}

export const SLACKBOT_USER_ID = 'USLACKBOT';

export function botUser(team: Pick<Workspace, 'teamId' | 'botUserId' | 'botId' | 'appId'>, at: Date): EmulatedUser {
  return makeUser(
    {
      id: team.botUserId,
      teamId: team.teamId,
      name: 'reverse_mentoring',
      realName: 'Reverse Mentoring',
      tz: 'America/Los_Angeles',
      isBot: true,
      botId: team.botId,
      appId: team.appId,
    },
    at,
  );
}

/** Slackbot is in every users.list, with is_bot false: a trap for naive "real person" filters. */
export function slackbotUser(teamId: string, at: Date): EmulatedUser {
  return makeUser({ id: SLACKBOT_USER_ID, teamId, name: 'slackbot', realName: 'Slackbot', tz: 'America/Los_Angeles' }, at);
}

export function defaultChannels(teamId: string, botUserId: string, humans: string[]): EmulatedChannel[] {
  const suffix = teamId.slice(1, 5);
  return [
    { id: `C${suffix}GENERAL`, name: 'general', is_private: false, is_archived: false, members: [...humans, botUserId] },
    { id: `C${suffix}RANDOM`, name: 'random', is_private: false, is_archived: false, members: [...humans] },
  ];
}
