// A signed request replayed inside Slack's five-minute signature window (by anyone who saw it) must change
// nothing. Slack gives every command, click and submission its own trigger id, and never sends one twice
// (it does not retry interactive requests), so the second request with a trigger id is a replay.
import type { Db } from '../store/database.js';
import { claimRequest } from '../store/processedEvents.js';

/** The request's own Slack id, when it has one that is never legitimately sent twice. */
export function replayKeyOf(body: unknown): { key: string; type: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { trigger_id?: unknown; type?: unknown; command?: unknown };
  if (typeof b.trigger_id !== 'string' || b.trigger_id === '') return undefined;
  const type = typeof b.command === 'string' ? 'command' : typeof b.type === 'string' ? b.type : 'interaction';
  return { key: `trigger:${b.trigger_id}`, type: `request.${type}` };
}

/** True the first time a request is seen; false for a replay. Recorded ids are pruned with event ids. */
export function isFirstDelivery(db: Db, key: string, type: string, now: Date): Promise<boolean> {
  return claimRequest(db, key, type, now);
}
