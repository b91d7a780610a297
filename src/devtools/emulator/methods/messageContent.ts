import { LIMITS, validateBlocks, withGeneratedIds } from '../blockKit.js';
import type { Conversation, MessageMetadata } from '../conversations.js';
import { SlackApiError } from '../errors.js';
import { isObject, jsonParam, str, type JsonObject } from '../json.js';
import type { EmulatorState } from '../state.js';

/** chat.postMessage truncates beyond this; the emulator refuses instead so tests notice. */
export const MAX_TEXT = 40_000;
const MAX_ATTACHMENTS = 100;

export interface MessageContent {
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
}

export function messageContent(params: JsonObject, seed: string): MessageContent {
  const text = str(params, 'text') ?? '';
  const content: MessageContent = { text };
  const blocks = jsonParam(params, 'blocks');
  if (blocks) {
    if (!blocks.ok || !Array.isArray(blocks.value)) throw new SlackApiError('invalid_blocks_format');
    const problems = validateBlocks(blocks.value, '/blocks', LIMITS.messageBlocks);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', { response_metadata: { messages: problems } });
    if (blocks.value.length > 0) content.blocks = withGeneratedIds(blocks.value, seed);
  }
  const attachments = jsonParam(params, 'attachments');
  if (attachments) {
    if (!attachments.ok || !Array.isArray(attachments.value)) throw new SlackApiError('invalid_attachments');
    if (attachments.value.length > MAX_ATTACHMENTS) throw new SlackApiError('too_many_attachments');
    if (attachments.value.length > 0) content.attachments = attachments.value.filter(isObject);
  }
  if (text === '' && !content.blocks && !content.attachments) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  const metadata = jsonParam(params, 'metadata');
  if (metadata) {
    const value = metadata.ok ? metadata.value : undefined;
    if (!isObject(value) || typeof value.event_type !== 'string' || !isObject(value.event_payload)) {
      throw new SlackApiError('invalid_metadata_format');
    }
    content.metadata = { event_type: value.event_type, event_payload: value.event_payload };
  }
  return content;
}

/**
 * The conversation a chat.* call targets. A user id means the app's DM with that user, as on Slack.
 * Posting to a deactivated user's DM succeeds on Slack (python-slack-sdk#1156), so no check here.
 */
export function targetConversation(params: JsonObject, state: EmulatorState): Conversation {
  const channel = str(params, 'channel');
  if (!channel) throw new SlackApiError('channel_not_found');
  const user = /^[UW]/.test(channel) ? state.user(channel) : undefined;
  const conversation = user ? state.conversations.openWith([user.id]).conversation : state.conversations.get(channel);
  if (!conversation) throw new SlackApiError('channel_not_found');
  if (!conversation.members.includes(state.workspace.botUserId)) throw new SlackApiError('not_in_channel');
  if (conversation.is_archived) throw new SlackApiError('is_archived');
  return conversation;
}
