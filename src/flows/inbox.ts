// The durable inbox's use of the database (src/requests/inbox.ts drives it), and the DM that tells a person a
// request of theirs failed for good.
import { requestFailedMessage } from '../messages/inbox.js';
import type { Db } from '../store/database.js';
import { enqueueMessages } from '../store/outbox.js';
import {
  claimDue,
  inboxWriteLanes,
  markDone,
  markFailed,
  markRetry,
  pruneInbox,
  recordRequests,
  releaseLeases,
  renewLeases,
  type InboxLease,
  warmUpRecords,
  type NewInboxRequest,
} from '../store/inbox.js';

/** The inbox's records, on this database. */
export function inboxRecords(db: Db) {
  return {
    recordRequests: (requests: readonly NewInboxRequest[], lease: InboxLease, now: Date) =>
      recordRequests(db, requests, lease, now),
    markDone: (ids: readonly string[], now: Date) => markDone(db, ids, now),
    markRetry: (id: string, retryAt: Date, error: string) => markRetry(db, id, retryAt, error),
    markFailed: (id: string, now: Date, error: string) => markFailed(db, id, now, error),
    renewLeases: (ids: readonly string[], lease: InboxLease) => renewLeases(db, ids, lease),
    releaseLeases: (owner: string) => releaseLeases(db, owner),
    claimDue: (lease: InboxLease, now: Date, limit: number) => claimDue(db, lease, now, limit),
    pruneInbox: (before: Date) => pruneInbox(db, before),
    writeLanes: inboxWriteLanes(db),
    warmUp: (now: Date) => warmUpRecords(db, now),
  };
}

/** A DM (through the outbox, once per request) saying that what the person asked for did not go through. */
export async function tellRequestFailed(db: Db, slackUserId: string, requestKey: string, kind: string): Promise<void> {
  await enqueueMessages(db, [requestFailedMessage(slackUserId, requestKey, kind)]);
}
