import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request a piece of work belongs to, carried through its async calls (AsyncLocalStorage), so that every
 * log line written while Slack's request is handled, by us, Bolt or the WebClient, carries the same
 * `requestId` (src/logger.ts reads it). The storage is a context carrier, not state: two bots in one process
 * each run their own requests in it.
 */
interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * 8 random characters: enough to tell apart the requests of a few minutes of logs. From `randomUUID`, whose entropy
 * Node draws for many ids at once: a draw of 6 bytes a request cost the ack up to 15 µs in a burst (bench/load).
 */
export function newRequestId(): string {
  const uuid = randomUUID();
  return Buffer.from(uuid.slice(0, 8) + uuid.slice(9, 13), 'hex').toString('base64url');
}

/** Slack's retries of one event carry its `event_id`: one id for all of them. Anything else gets a new one. */
export function requestIdFor(body: object): string {
  const eventId = (body as { event_id?: unknown }).event_id;
  return typeof eventId === 'string' && /^Ev\w{1,40}$/.test(eventId) ? eventId : newRequestId();
}

/** Runs `work` as part of the request `requestId`. */
export function runInRequest<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The id of the request the caller is working for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * `work`, to be called later (from a queue, a timer), still as part of the current request. Only the request's own
 * context is carried: `AsyncLocalStorage.bind` made an AsyncResource a call, with two deprecation wrappers, about 2 %
 * of the ack path's CPU in a burst (bench/load's window profile).
 */
export function inThisRequest<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => R {
  const context = storage.getStore();
  return context === undefined
    ? (...args: A) => storage.exit(work, ...args)
    : (...args: A) => storage.run(context, work, ...args);
}
