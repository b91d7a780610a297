// Wires the durable inbox (src/requests/inbox.ts) to this bot: its records, Bolt to run a request again, and
// Slack to tell the person when a request failed for good.
import type { Middleware, AnyMiddlewareArgs, ReceiverEvent } from '@slack/bolt';
import type { Clock } from '../core/clock.js';
import { inboxRecords, tellRequestFailed } from '../flows/inbox.js';
import { requestFailedText } from '../messages/inbox.js';
import type { SlackBody } from '../requests/body.js';
import type { InboxObserver } from '../requests/observer.js';
import { ACKED_BY_RECEIVER } from '../requests/httpReceiver.js';
import { DurableInbox, errorLabel, INBOX_TICKET, type InboxTicket } from '../requests/inbox.js';
import type { AppLogger } from '../logger.js';
import type { Db } from '../store/database.js';
import { respondLater } from './respond.js';

/** A response_url works for 30 minutes; a little less, to be safe. */
const RESPONSE_URL_LIFETIME_MS = 25 * 60_000;

export interface InboxSettings {
  observer?: InboxObserver;
  leaseMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  backoffMs?: readonly number[];
  slackTimeoutMs?: number;
}

/** Slack's errors about a trigger id: it lives 3 s and opens one modal, so no later attempt can use it. */
const TRIGGER_ERRORS = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id']);

/**
 * An error about the trigger id: one of its codes, or `invalid_arguments` explained as "invalid `trigger_id`" (how
 * views.open's documentation shows a bad trigger refused).
 */
export function isTriggerError(err: unknown): boolean {
  const data = (err as { data?: { error?: unknown; response_metadata?: { messages?: unknown } } } | undefined)?.data;
  if (typeof data?.error !== 'string') return false;
  if (TRIGGER_ERRORS.has(data.error)) return true;
  const messages = data.response_metadata?.messages;
  return (
    data.error === 'invalid_arguments' &&
    Array.isArray(messages) &&
    messages.some((m) => typeof m === 'string' && m.includes('trigger_id'))
  );
}

/** The person who asked, if the request was someone's action. */
function askedBy(body: SlackBody): string | undefined {
  const user = body.user as { id?: unknown } | undefined;
  if (typeof user?.id === 'string') return user.id;
  return typeof body.user_id === 'string' ? body.user_id : undefined;
}

export function createInbox(
  deps: { db: Db; clock: Clock; logger: AppLogger },
  dispatch: (event: ReceiverEvent) => Promise<void>,
  settings: InboxSettings = {},
): DurableInbox {
  const { db, clock, logger } = deps;
  const giveUp = async (body: SlackBody, ticket: InboxTicket) => {
    const who = askedBy(body);
    if (!who) return;
    const responseUrl = typeof body.response_url === 'string' ? body.response_url : undefined;
    if (responseUrl && clock.now().getTime() - ticket.receivedAt.getTime() < RESPONSE_URL_LIFETIME_MS) {
      try {
        await respondLater(responseUrl, requestFailedText(ticket.kind), undefined, settings.slackTimeoutMs);
        return;
      } catch (err) {
        logger.warn(`inbox: the response_url did not take the notice (${errorLabel(err)}): sending a DM`);
      }
    }
    await tellRequestFailed(db, who, ticket.requestKey, ticket.kind);
  };
  return new DurableInbox({
    store: inboxRecords(db),
    logger: logger.child('inbox'),
    now: () => clock.now(),
    redeliver: (body, ticket) =>
      dispatch({
        body,
        // Answered long ago: replies go to the response_url (ACKED_BY_RECEIVER), as when the receiver acks first.
        ack: async () => {},
        customProperties: { [ACKED_BY_RECEIVER]: true, [INBOX_TICKET]: ticket },
      }),
    giveUp,
    isFinal: isTriggerError,
    ...settings,
  });
}

/**
 * The outermost listener middleware: a listener that throws marks its request's attempt failed (Bolt's error
 * handler swallows the error), so the inbox tries it again or tells the person.
 */
export function inboxOutcome(): Middleware<AnyMiddlewareArgs> {
  return async ({ context, next }) => {
    try {
      await next();
    } catch (err) {
      const ticket = context[INBOX_TICKET] as InboxTicket | undefined;
      if (ticket) ticket.failed ??= err;
      throw err;
    }
  };
}
