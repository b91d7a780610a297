// What coordinators read when a message could not be delivered (the outbox sender gives up on it).
import type { OutboxPayload, OutgoingMessage } from './outgoing.js';

/** The kind of the notice coordinators get when a message cannot be delivered; such notices are not notified. */
export const DELIVERY_FAILED_KIND = 'outbox.delivery_failed';

function describeTarget(payload: OutboxPayload | undefined): string {
  if (!payload) return 'an unreadable recipient';
  return 'users' in payload.to ? payload.to.users.map((u) => `<@${u}>`).join(', ') : `<#${payload.to.channel}>`;
}

/** One DM per coordinator about one failed message: its kind and recipient, never its text. */
export function deliveryFailedNotices(
  failed: { id: string; kind: string; payload: OutboxPayload | undefined },
  reason: string,
  coordinators: string[],
): OutgoingMessage[] {
  const text = `A "${failed.kind}" message to ${describeTarget(failed.payload)} could not be delivered: ${reason}. It will not be retried.`;
  return coordinators.map((coordinator) => ({
    idempotencyKey: `delivery-failed:${failed.id}:${coordinator}`,
    kind: DELIVERY_FAILED_KIND,
    to: { users: [coordinator] },
    text,
  }));
}
