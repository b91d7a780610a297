import type { SlackMessage } from '../conversations.js';
import { invalidArguments, SlackApiError } from '../errors.js';
import { isObject, jsonParam, int, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';
import type { MethodSpec } from './types.js';

function getUploadUrl(params: JsonObject, state: EmulatorState): JsonObject {
  const filename = str(params, 'filename');
  const length = int(params, 'length');
  if (!filename) throw invalidArguments(['[ERROR] missing required field: filename']);
  if (length === undefined || length < 1) throw invalidArguments(['[ERROR] missing required field: length']);
  const file = state.files.create(
    filename,
    length,
    str(params, 'alt_text') ?? str(params, 'alt_txt'),
    str(params, 'snippet_type'),
  );
  return { ok: true, upload_url: state.files.uploadUrl(file), file_id: file.id };
}

function completeUpload(params: JsonObject, state: EmulatorState): JsonObject {
  const parsed = jsonParam(params, 'files');
  const entries = parsed?.ok && Array.isArray(parsed.value) ? parsed.value.filter(isObject) : [];
  if (entries.length === 0) throw invalidArguments(['[ERROR] missing required field: files']);
  const channelId = str(params, 'channel_id') ?? str(params, 'channels');
  const conversation = channelId ? state.conversations.get(channelId) : undefined;
  if (channelId && !conversation) throw new SlackApiError('channel_not_found');
  if (conversation && !conversation.members.includes(state.workspace.botUserId)) throw new SlackApiError('not_in_channel');
  const initialComment = str(params, 'initial_comment');
  const threadTs = str(params, 'thread_ts');
  const share = {
    ...(channelId ? { channelId } : {}),
    ...(initialComment !== undefined ? { initialComment } : {}),
    ...(threadTs !== undefined ? { threadTs } : {}),
  };
  const files = entries.map((entry) => state.files.complete(String(entry.id ?? ''), str(entry, 'title'), share));
  const described = files.map((f) => state.files.describe(f));
  if (conversation) {
    const ws = state.workspace;
    const message: SlackMessage = {
      type: 'message',
      ts: state.ids.ts(),
      user: ws.botUserId,
      bot_id: ws.botId,
      app_id: ws.appId,
      text: initialComment ?? '',
      team: ws.teamId,
      files: described,
    };
    if (threadTs !== undefined) message.thread_ts = threadTs;
    conversation.messages.push(message);
  }
  return { ok: true, files: described };
}

export const fileMethods: Record<string, MethodSpec> = {
  'files.getUploadURLExternal': { token: 'bot', handler: getUploadUrl },
  'files.completeUploadExternal': { token: 'bot', handler: completeUpload },
};
