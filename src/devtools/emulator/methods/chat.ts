import type { SlackMessage } from '../conversations.js';
import { SlackApiError } from '../errors.js';
import { clone, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';
import { messageContent, targetConversation } from './messageContent.js';
import type { MethodSpec } from './types.js';

function botProfile(state: EmulatorState): JsonObject {
  const ws = state.workspace;
  return {
    id: ws.botId,
    app_id: ws.appId,
    name: state.user(ws.botUserId)?.real_name ?? 'bot',
    deleted: false,
    team_id: ws.teamId,
  };
}

function postMessage(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = targetConversation(params, state);
  const ts = state.ids.ts();
  const content = messageContent(params, `${conversation.id}:${ts}`);
  const ws = state.workspace;
  const message: SlackMessage = {
    type: 'message',
    ts,
    user: ws.botUserId,
    bot_id: ws.botId,
    app_id: ws.appId,
    team: ws.teamId,
    ...content,
  };
  const threadTs = str(params, 'thread_ts');
  if (threadTs !== undefined) {
    if (!conversation.messages.some((m) => m.ts === threadTs)) throw new SlackApiError('thread_not_found');
    message.thread_ts = threadTs;
  }
  conversation.messages.push(message);
  return { ok: true, channel: conversation.id, ts, message: { ...clone(message), bot_profile: botProfile(state) } };
}

function postEphemeral(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = targetConversation(params, state);
  const user = state.requireUser(str(params, 'user'));
  if (!conversation.members.includes(user.id)) throw new SlackApiError('user_not_in_channel');
  const ts = state.ids.ts();
  const content = messageContent(params, `${conversation.id}:${ts}`);
  conversation.ephemerals.push({
    channel: conversation.id,
    user: user.id,
    ts,
    text: content.text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
  });
  return { ok: true, message_ts: ts };
}

function update(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = targetConversation(params, state);
  const ts = str(params, 'ts') ?? '';
  const message = conversation.messages.find((m) => m.ts === ts);
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== state.workspace.botUserId) throw new SlackApiError('cant_update_message');
  const content = messageContent(
    { ...params, text: str(params, 'text') ?? message.text },
    `${conversation.id}:${ts}:${state.ids.ts()}`,
  );
  message.text = content.text;
  if (params.blocks !== undefined) {
    if (content.blocks) message.blocks = content.blocks;
    else delete message.blocks;
  }
  if (content.attachments) message.attachments = content.attachments;
  if (content.metadata) message.metadata = content.metadata;
  message.edited = { user: state.workspace.botUserId, ts: state.ids.ts() };
  return { ok: true, channel: conversation.id, ts, text: message.text, message: clone(message) };
}

function remove(params: JsonObject, state: EmulatorState): JsonObject {
  const conversation = targetConversation(params, state);
  const ts = str(params, 'ts') ?? '';
  const index = conversation.messages.findIndex((m) => m.ts === ts);
  const message = conversation.messages[index];
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== state.workspace.botUserId) throw new SlackApiError('cant_delete_message');
  conversation.messages.splice(index, 1);
  return { ok: true, channel: conversation.id, ts };
}

export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': { token: 'bot', handler: postMessage },
  'chat.postEphemeral': { token: 'bot', handler: postEphemeral },
  'chat.update': { token: 'bot', handler: update },
  'chat.delete': { token: 'bot', handler: remove },
};
