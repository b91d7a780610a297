import type { Conversation, SlackMessage } from '../conversations.js';
import { SlackApiError } from '../errors.js';
import { clone, flag, idList, int, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';
import type { MethodSpec } from './types.js';

const MAX_USERS = 8;

function open(params: JsonObject, state: EmulatorState): JsonObject {
  const channelId = str(params, 'channel');
  let conversation: Conversation;
  let existed = true;
  if (channelId) {
    conversation = state.conversations.require(channelId);
  } else {
    const ids = [...new Set(idList(params, 'users'))].filter((id) => id !== state.workspace.botUserId);
    if (ids.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (ids.length > MAX_USERS) throw new SlackApiError('too_many_users');
    for (const id of ids) {
      const user = state.requireUser(id);
      if (user.deleted) throw new SlackApiError('user_disabled');
      if (user.is_bot) throw new SlackApiError('cannot_dm_bot');
    }
    ({ conversation, existed } = state.conversations.openWith(ids));
  }
  const body: JsonObject = { ok: true };
  if (existed) Object.assign(body, { no_op: true, already_open: true });
  body.channel = flag(params, 'return_im') ? state.conversations.describe(conversation) : { id: conversation.id };
  return body;
}

function readable(params: JsonObject, state: EmulatorState): Conversation {
  const conversation = state.conversations.require(str(params, 'channel') ?? '');
  if (!conversation.members.includes(state.workspace.botUserId)) throw new SlackApiError('not_in_channel');
  return conversation;
}

/** Metadata comes back only with include_all_metadata=true (Slack's documented default is false). */
function present(message: SlackMessage, withMetadata: boolean): JsonObject {
  const copy: JsonObject = { ...clone(message) };
  if (!withMetadata) delete copy.metadata;
  return copy;
}

function cursorTs(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('next_ts:')) throw new SlackApiError('invalid_cursor');
  return decoded.slice('next_ts:'.length);
}

function history(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = readable(params, state);
  const limit = Math.min(Math.max(int(params, 'limit') ?? 100, 1), 999);
  const inclusive = flag(params, 'inclusive');
  const oldest = Number(str(params, 'oldest') ?? '0');
  const latest = Number(str(params, 'latest') ?? 'Infinity');
  const after = cursorTs(str(params, 'cursor'));
  const inRange = (m: SlackMessage): boolean => {
    const t = Number(m.ts);
    return (inclusive ? t >= oldest : t > oldest) && (inclusive ? t <= latest : t < latest);
  };
  const topLevel = conversation.messages
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
    .filter(inRange)
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  const start = after === undefined ? 0 : topLevel.findIndex((m) => m.ts === after);
  if (start === -1) throw new SlackApiError('invalid_cursor');
  const page = topLevel.slice(start, start + limit);
  const next = topLevel[start + limit];
  const withMetadata = flag(params, 'include_all_metadata');
  const body: JsonObject = {
    ok: true,
    messages: page.map((m) => present(m, withMetadata)),
    has_more: next !== undefined,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
  };
  if (next) body.response_metadata = { next_cursor: Buffer.from(`next_ts:${next.ts}`).toString('base64') };
  return body;
}

function replies(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = readable(params, state);
  const ts = str(params, 'ts') ?? '';
  const parent = conversation.messages.find((m) => m.ts === ts);
  if (!parent) throw new SlackApiError('thread_not_found');
  const withMetadata = flag(params, 'include_all_metadata');
  const thread = [parent, ...conversation.messages.filter((m) => m.thread_ts === ts && m.ts !== ts)];
  return { ok: true, messages: thread.map((m) => present(m, withMetadata)), has_more: false };
}

function info(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = state.conversations.require(str(params, 'channel') ?? '');
  return { ok: true, channel: state.conversations.describe(conversation) };
}

export const conversationMethods: Record<string, MethodSpec> = {
  'conversations.open': { token: 'bot', handler: open },
  'conversations.history': { token: 'bot', handler: history },
  'conversations.replies': { token: 'bot', handler: replies },
  'conversations.info': { token: 'bot', handler: info },
};
