import type { MethodSpec } from './types.js';

export const authMethods: Record<string, MethodSpec> = {
  'auth.test': {
    token: 'bot',
    handler: (_params, state) => {
      const ws = state.workspace;
      const bot = state.user(ws.botUserId);
      return {
        ok: true,
        url: `https://${ws.teamDomain}.slack.com/`,
        team: ws.teamName,
        user: bot?.name ?? 'bot',
        team_id: ws.teamId,
        user_id: ws.botUserId,
        bot_id: ws.botId,
        is_enterprise_install: false,
      };
    },
  },
};
