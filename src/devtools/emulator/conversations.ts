import { SlackApiError } from './errors.js';
import { stableId } from './ids.js';
import type { JsonObject } from './json.js';
import type { EmulatedChannel, Workspace } from './team.js';

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

/** A message as conversations.history returns it. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  team: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  files?: JsonObject[];
  edited?: { user: string; ts: string };
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  /** Set when a response_url post replaced or deleted it. */
  replaced?: boolean;
  deleted?: boolean;
}

export type ConversationKind = 'channel' | 'im' | 'mpim';

export interface Conversation {
  id: string;
  name: string;
  kind: ConversationKind;
  is_private: boolean;
  is_archived: boolean;
  created: number;
  creator: string;
  members: string[];
  /** The other party of a DM with the bot. */
  user?: string;
  messages: SlackMessage[];
  ephemerals: EphemeralMessage[];
}

export class ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private readonly byMembers = new Map<string, string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly nowSeconds: () => number,
  ) {
    for (const channel of workspace.channels) this.addChannel(channel);
  }

  addChannel(channel: EmulatedChannel): Conversation {
    const conversation: Conversation = {
      id: channel.id,
      name: channel.name,
      kind: 'channel',
      is_private: channel.is_private,
      is_archived: channel.is_archived,
      created: this.nowSeconds(),
      creator: this.workspace.users[0]?.id ?? this.workspace.botUserId,
      members: [...channel.members],
      messages: [],
      ephemerals: [],
    };
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.byId.get(id);
  }

  all(): Conversation[] {
    return [...this.byId.values()];
  }

  require(id: string): Conversation {
    const conversation = this.byId.get(id);
    if (!conversation) throw new SlackApiError('channel_not_found');
    return conversation;
  }

  find(userIds: readonly string[]): Conversation | undefined {
    const id = this.byMembers.get(this.membersKey(userIds));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The DM (one user) or group DM (several) between the bot and `userIds`; the id is stable for the set. */
  openWith(userIds: readonly string[]): { conversation: Conversation; existed: boolean } {
    const key = this.membersKey(userIds);
    const known = this.byMembers.get(key);
    const existing = known === undefined ? undefined : this.byId.get(known);
    if (existing) return { conversation: existing, existed: true };
    const others = [...new Set(userIds)].sort();
    const isIm = others.length === 1;
    const names = others.map((id) => this.workspace.users.find((u) => u.id === id)?.name ?? id.toLowerCase());
    const botName = this.workspace.users.find((u) => u.id === this.workspace.botUserId)?.name ?? 'bot';
    const conversation: Conversation = {
      // Current Slack gives group DMs C-prefixed ids, like channels; apps must not guess the kind from the prefix.
      id: stableId(isIm ? 'D' : 'C', `${this.workspace.teamId}:${key}`),
      name: isIm ? (others[0] ?? '') : `mpdm-${[...names, botName].join('--')}-1`,
      kind: isIm ? 'im' : 'mpim',
      is_private: true,
      is_archived: false,
      created: this.nowSeconds(),
      creator: this.workspace.botUserId,
      members: [this.workspace.botUserId, ...others],
      messages: [],
      ephemerals: [],
    };
    if (isIm) conversation.user = others[0];
    this.byId.set(conversation.id, conversation);
    this.byMembers.set(key, conversation.id);
    return { conversation, existed: false };
  }

  findMessage(channelId: string, ts: string): SlackMessage | undefined {
    return this.byId.get(channelId)?.messages.find((m) => m.ts === ts);
  }

  /** Channel object as conversations.info / conversations.open(return_im) return it. */
  describe(conversation: Conversation): JsonObject {
    const base: JsonObject = {
      id: conversation.id,
      created: conversation.created,
      is_archived: conversation.is_archived,
      is_org_shared: false,
      context_team_id: this.workspace.teamId,
      updated: conversation.created * 1000,
    };
    if (conversation.kind === 'im') {
      return {
        ...base,
        is_im: true,
        user: conversation.user,
        is_user_deleted: this.workspace.users.find((u) => u.id === conversation.user)?.deleted ?? false,
        last_read: '0000000000.000000',
        latest: null,
        unread_count: 0,
        unread_count_display: 0,
        is_open: true,
        priority: 0,
      };
    }
    return {
      ...base,
      name: conversation.name,
      is_channel: conversation.kind === 'channel',
      is_group: false,
      is_im: false,
      is_mpim: conversation.kind === 'mpim',
      is_private: conversation.is_private,
      is_general: conversation.name === 'general',
      is_member: conversation.members.includes(this.workspace.botUserId),
      creator: conversation.creator,
      num_members: conversation.members.length,
    };
  }

  private membersKey(userIds: readonly string[]): string {
    return [...new Set(userIds)].sort().join(',');
  }
}
