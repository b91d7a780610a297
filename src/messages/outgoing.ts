// The contract between what the bot says and the outbox that delivers it: builders make these, the store
// keeps them (src/store/outbox.ts), the sender delivers them (src/slack/outbox.ts).
import type { Block, KnownBlock } from '@slack/web-api';

/** A channel id, or people to reach in a DM (one user) or group DM (several): the sender opens it. */
export type OutboxTarget = { channel: string } | { users: string[] };

/** Extra metadata fields; the sender adds `idempotency_key` itself. */
export type OutboxMetadata = Record<string, string | number | boolean>;

/** A text file shared in the conversation instead of a chat message (the payload's `text` is its comment). */
export interface OutboxFile {
  filename: string;
  title: string;
  /** UTF-8 text, e.g. an iCalendar invitation */
  content: string;
}

export interface OutboxPayload {
  to: OutboxTarget;
  text: string;
  blocks?: (KnownBlock | Block)[];
  metadata?: OutboxMetadata;
  file?: OutboxFile;
}

/** A message that matters, to be written to the outbox in the transaction of the change that caused it. */
export interface OutgoingMessage extends OutboxPayload {
  /** Unique per message that matters, e.g. "intro:<pairingId>": a second enqueue with it is a no-op. */
  idempotencyKey: string;
  /** What the message is for, e.g. "pairing.intro": shown to coordinators if it fails, so never its text. */
  kind: string;
  /** Not before this time; unset = at once. */
  notBefore?: Date;
}
