import type { SlackEmulator } from './server.js';
import type { JsonObject } from './json.js';

/** Legacy verification token: deprecated, still in every payload. */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

export function userRef(emulator: SlackEmulator, userId: string): JsonObject {
  const user = emulator.user(userId);
  if (!user) throw new Error(`no user ${userId} in the emulated workspace`);
  return { id: user.id, username: user.name, name: user.name, team_id: user.team_id };
}

export function teamRef(emulator: SlackEmulator): JsonObject {
  return { id: emulator.workspace.teamId, domain: emulator.workspace.teamDomain };
}

export function channelName(emulator: SlackEmulator, channelId: string): string {
  const info = emulator.conversationInfo(channelId);
  if (info?.is_im === true) return 'directmessage';
  return typeof info?.name === 'string' ? info.name : 'unknown';
}

/** 'seconds.micros' from the emulator clock, as action_ts / event_ts. */
export function slackTs(ms: number): string {
  return (ms / 1000).toFixed(6);
}

export function authorizations(emulator: SlackEmulator): JsonObject[] {
  return [
    {
      enterprise_id: null,
      team_id: emulator.workspace.teamId,
      user_id: emulator.workspace.botUserId,
      is_bot: true,
      is_enterprise_install: false,
    },
  ];
}

/** Events API envelope around an inner event (fixtures/event_callback_envelope_app_mention.json). */
export function eventEnvelope(emulator: SlackEmulator, event: JsonObject, eventId: string, token: string): JsonObject {
  const ws = emulator.workspace;
  const now = emulator.now();
  const type = typeof event.type === 'string' ? event.type : 'unknown';
  return {
    token,
    team_id: ws.teamId,
    context_team_id: ws.teamId,
    context_enterprise_id: null,
    api_app_id: ws.appId,
    event: { ...event, event_ts: event.event_ts ?? slackTs(now) },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(now / 1000),
    authorizations: authorizations(emulator),
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: type, tid: ws.teamId, aid: ws.appId })).toString('base64url')}`,
  };
}
