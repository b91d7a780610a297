// Reads what the bot did in the local Slack since the last look: messages, private replies, modals and files.
import type { JsonObject, SlackEmulator } from '../emulator/index.js';
import { messageLines } from './blockText.js';
import { whenFor, type Transcript } from './transcript.js';

export interface Delivered {
  kind: 'message' | 'ephemeral';
  channelId: string;
  /** The message ts (for a response_url post: the ts of the message it answered, if any). */
  ts: string;
  at: Date;
  text: string;
  blocks: unknown[];
  /** The people who see it. */
  receivers: string[];
  /** The outbox idempotency key written in the message metadata. */
  key?: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class Observer {
  private callCursor = 0;
  private postCursor = 0;
  /** Conversation id → its human members, learnt from conversations.open and DM posts. */
  private readonly members = new Map<string, string[]>();
  private pending: Delivered[] = [];

  constructor(
    private readonly emulator: SlackEmulator,
    private readonly transcript: Transcript,
    /** Zone for a public channel's messages (the programme's). */
    private readonly channelZone: string,
  ) {}

  nameOf = (userId: string): string => this.emulator.user(userId)?.real_name || userId;
  zoneOf = (userId: string): string => this.emulator.user(userId)?.tz || 'UTC';

  membersOf(channelId: string): string[] {
    return this.members.get(channelId) ?? [];
  }

  /** "DM Zoe Park", "Group DM Zoe Park + Amara Obi", "#general". */
  where(channelId: string): string {
    const members = this.membersOf(channelId);
    if (members.length === 1) return `DM ${this.nameOf(members[0]!)}`;
    if (members.length > 1) return `Group DM ${members.map(this.nameOf).join(' + ')}`;
    const info = this.emulator.conversationInfo(channelId);
    return info && typeof info.name === 'string' ? `#${info.name}` : channelId;
  }

  private zonesOf(receivers: string[]): string[] {
    return receivers.length > 0 ? receivers.map(this.zoneOf) : [this.channelZone];
  }

  /** The messages collected since the last take(). */
  take(): Delivered[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** Adds what happened since the last call to the transcript; the new messages wait for take(). */
  collect(now: Date): void {
    const delivered = this.pending;
    const calls = this.emulator.calls;
    for (; this.callCursor < calls.length; this.callCursor++) {
      const call = calls[this.callCursor]!;
      if (call.status !== 200 || call.response.ok !== true) continue;
      const p = call.params;
      const r = call.response;
      switch (call.method) {
        case 'conversations.open': {
          const channel = isObject(r.channel) ? str(r.channel.id) : '';
          const users = str(p.users)
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean);
          if (channel && users.length > 0) this.members.set(channel, users);
          break;
        }
        case 'chat.postMessage': {
          const channelId = str(r.channel);
          if (/^[UW]/.test(str(p.channel))) this.members.set(channelId, [str(p.channel)]);
          const metadata = isObject(p.metadata) && isObject(p.metadata.event_payload) ? p.metadata.event_payload : {};
          const ts = str(r.ts);
          const sentAt = new Date(Number(ts) * 1000);
          const planned = str(metadata.planned_at) ? new Date(str(metadata.planned_at)) : undefined;
          // A scheduled message shows its planned time (the pass that sent it ran a few minutes later).
          const at = planned && planned <= sentAt ? planned : sentAt;
          const receivers = this.membersOf(channelId);
          const message: Delivered = {
            kind: 'message',
            channelId,
            ts,
            at,
            text: str(p.text),
            blocks: Array.isArray(p.blocks) ? p.blocks : [],
            receivers,
            ...(str(metadata.idempotency_key) ? { key: str(metadata.idempotency_key) } : {}),
          };
          delivered.push(message);
          this.transcript.add({
            at,
            when: whenFor(at, this.zonesOf(receivers)),
            head: `→ ${this.where(channelId)}`,
            lines: messageLines(p, this.nameOf),
          });
          break;
        }
        case 'chat.update': {
          const channelId = str(r.channel) || str(p.channel);
          const receivers = this.membersOf(channelId);
          this.transcript.add({
            at: now,
            when: whenFor(now, this.zonesOf(receivers)),
            head: `✎ ${this.where(channelId)} (message updated)`,
            lines: messageLines(p, this.nameOf),
            minor: true,
          });
          break;
        }
        case 'chat.postEphemeral': {
          const user = str(p.user);
          const channelId = str(p.channel);
          delivered.push({
            kind: 'ephemeral',
            channelId,
            ts: str(r.message_ts),
            at: now,
            text: str(p.text),
            blocks: Array.isArray(p.blocks) ? p.blocks : [],
            receivers: [user],
          });
          this.transcript.add({
            at: now,
            when: whenFor(now, [this.zoneOf(user)]),
            head: `→ ${this.nameOf(user)} only (in ${this.where(channelId)})`,
            lines: messageLines(p, this.nameOf),
          });
          break;
        }
        case 'views.open':
        case 'views.push':
        case 'views.update': {
          const view = isObject(r.view) ? r.view : undefined;
          const user = view ? this.emulator.viewOwner(str(view.id)) : undefined;
          if (!view || !user || view.type !== 'modal') break;
          const title = isObject(view.title) ? str(view.title.text) : '';
          const verb = call.method === 'views.update' ? 'modal now shows' : 'sees the modal';
          // Only the coordinator's matching preview and report matter in the brief transcript.
          const minor = !/match_preview|report/.test(str(view.callback_id));
          const lines = messageLines({ blocks: view.blocks }, this.nameOf);
          // The totals line under the heading and any notice (":warning: Swapped ...") tell the story of a preview.
          const summary = [lines[1] ?? lines[0], ...lines.filter((l) => l.startsWith(':warning:'))].filter(Boolean).join(' — ');
          this.transcript.add({
            at: now,
            when: whenFor(now, [this.zoneOf(user)]),
            head: `${this.nameOf(user)} ${verb} "${title}"`,
            lines,
            minor,
            summary,
          });
          break;
        }
        case 'files.completeUploadExternal': {
          const channelId = str(p.channel_id);
          const files = Array.isArray(p.files) ? p.files.filter(isObject).map((f) => str(f.title) || str(f.id)) : [];
          this.transcript.add({
            at: now,
            when: whenFor(now, this.zonesOf(this.membersOf(channelId))),
            head: `→ ${channelId ? this.where(channelId) : 'Slack'}: file ${files.join(', ')}`,
            lines: [],
          });
          break;
        }
        default:
          break;
      }
    }
    const posts = this.emulator.responseUrlPosts();
    for (; this.postCursor < posts.length; this.postCursor++) {
      const post = posts[this.postCursor]!;
      if (post.status !== 200 || post.deleteOriginal) continue;
      const body = { text: post.text ?? '', blocks: post.blocks ?? [] };
      if (!body.text && body.blocks.length === 0) continue;
      // A reply that is not in place of a message becomes an ephemeral message of its own: its ts is what a click names.
      const own = post.replaceOriginal
        ? undefined
        : this.emulator
            .ephemeralsIn(post.channelId)
            .filter((e) => e.user === post.userId && e.text === body.text && !e.replaced && !e.deleted)
            .at(-1);
      delivered.push({
        kind: 'ephemeral',
        channelId: post.channelId,
        ts: own?.ts ?? post.messageTs ?? '',
        at: now,
        text: body.text,
        blocks: body.blocks,
        receivers: [post.userId],
      });
      this.transcript.add({
        at: now,
        when: whenFor(now, [this.zoneOf(post.userId)]),
        head: `→ ${this.nameOf(post.userId)} only`,
        lines: messageLines(body, this.nameOf),
      });
    }
  }
}
