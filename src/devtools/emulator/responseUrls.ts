import { LIMITS, validateBlocks, withGeneratedIds } from './blockKit.js';
import type { ConversationStore, SlackMessage } from './conversations.js';
import { randomHex, type IdFactory } from './ids.js';
import { clone, isObject, type JsonObject } from './json.js';
import type { Workspace } from './team.js';

/** fixtures/block_kit_limits.json: "valid 30 minutes, up to 5 uses". */
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

export interface ResponseUrlTarget {
  userId: string;
  channelId: string;
  /** The message an action came from (for replace_original / delete_original). */
  messageTs?: string;
  isEphemeral?: boolean;
}

export interface ResponseUrlPost {
  id: string;
  url: string;
  /** 'ack' when the app answered a slash command with a message in the HTTP response instead. */
  via: 'response_url' | 'ack';
  userId: string;
  channelId: string;
  messageTs?: string;
  time: number;
  status: number;
  body: JsonObject;
  responseType: 'ephemeral' | 'in_channel';
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  text?: string;
  blocks?: JsonObject[];
}

interface Issued extends ResponseUrlTarget {
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlReply {
  status: number;
  body: JsonObject;
}

export class ResponseUrlStore {
  readonly posts: ResponseUrlPost[] = [];
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly workspace: Workspace,
    private readonly conversations: ConversationStore,
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  issue(target: ResponseUrlTarget): string {
    const id = `${this.workspace.teamId}/${this.ids.next('', 12)}/${randomHex(12)}`;
    this.issued.set(id, { ...target, issuedAt: this.now(), uses: 0 });
    return `${this.baseUrl()}/response/${id}`;
  }

  idOf(url: string): string {
    return url.slice(url.indexOf('/response/') + '/response/'.length);
  }

  post(id: string, body: unknown, via: ResponseUrlPost['via'] = 'response_url'): ResponseUrlReply {
    const issued = this.issued.get(id);
    if (!issued) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (via === 'response_url') {
      if (this.now() - issued.issuedAt > RESPONSE_URL_TTL_MS) return this.record(id, issued, body, via, 404, 'expired_url');
      if (issued.uses >= RESPONSE_URL_MAX_USES) return this.record(id, issued, body, via, 404, 'used_url');
      issued.uses += 1;
    }
    if (!isObject(body)) return this.record(id, issued, body, via, 400, 'invalid_payload');
    const deleteOriginal = body.delete_original === true || body.delete_original === 'true';
    const hasContent = (typeof body.text === 'string' && body.text !== '') || Array.isArray(body.blocks);
    if (!deleteOriginal && !hasContent) return this.record(id, issued, body, via, 400, 'no_text');
    if (Array.isArray(body.blocks) && validateBlocks(body.blocks, '/blocks', LIMITS.messageBlocks).length > 0) {
      return this.record(id, issued, body, via, 400, 'invalid_blocks');
    }
    this.apply(issued, body, deleteOriginal);
    return this.record(id, issued, body, via, 200, undefined);
  }

  private apply(target: Issued, body: JsonObject, deleteOriginal: boolean): void {
    const conversation = this.conversations.get(target.channelId);
    if (!conversation) return;
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks)
      ? withGeneratedIds(body.blocks as unknown[], `${target.channelId}:${text}`)
      : undefined;
    const replace = body.replace_original === true || body.replace_original === 'true';
    if ((deleteOriginal || replace) && target.messageTs !== undefined) {
      if (target.isEphemeral) {
        const original = conversation.ephemerals.find((e) => e.ts === target.messageTs && e.user === target.userId);
        if (original && deleteOriginal) original.deleted = true;
        if (original && !deleteOriginal) Object.assign(original, { text, blocks, replaced: true });
        return;
      }
      const index = conversation.messages.findIndex((m) => m.ts === target.messageTs);
      const original = conversation.messages[index];
      if (original && deleteOriginal) conversation.messages.splice(index, 1);
      if (original && !deleteOriginal) {
        original.text = text;
        if (blocks) original.blocks = blocks;
        else delete original.blocks;
      }
      return;
    }
    const ts = this.ids.ts();
    if (body.response_type === 'in_channel') {
      const message: SlackMessage = {
        type: 'message',
        ts,
        user: this.workspace.botUserId,
        bot_id: this.workspace.botId,
        app_id: this.workspace.appId,
        text,
        team: this.workspace.teamId,
      };
      if (blocks) message.blocks = blocks;
      conversation.messages.push(message);
    } else {
      conversation.ephemerals.push({ channel: conversation.id, user: target.userId, ts, text, ...(blocks ? { blocks } : {}) });
    }
  }

  private record(
    id: string,
    target: Issued,
    body: unknown,
    via: ResponseUrlPost['via'],
    status: number,
    error: string | undefined,
  ): ResponseUrlReply {
    const json = isObject(body) ? clone(body) : { raw: body };
    const post: ResponseUrlPost = {
      id,
      url: `${this.baseUrl()}/response/${id}`,
      via,
      userId: target.userId,
      channelId: target.channelId,
      time: this.now(),
      status,
      body: json,
      responseType: json.response_type === 'in_channel' ? 'in_channel' : 'ephemeral',
      replaceOriginal: json.replace_original === true || json.replace_original === 'true',
      deleteOriginal: json.delete_original === true || json.delete_original === 'true',
    };
    if (target.messageTs !== undefined) post.messageTs = target.messageTs;
    if (typeof json.text === 'string') post.text = json.text;
    if (Array.isArray(json.blocks)) post.blocks = json.blocks as JsonObject[];
    this.posts.push(post);
    return { status, body: error === undefined ? { ok: true } : { ok: false, error } };
  }
}
