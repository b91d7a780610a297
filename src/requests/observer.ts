/**
 * What the request life cycle tells whoever measures it (src/metrics implements it; src/runtime.ts wires it).
 * Kinds, outcomes and reasons are fixed words: never an id, a name or a text from the request.
 */

/** The kind of a verified Slack request: its payload type, `slash_command`, or `ssl_check`. */
export type RequestKind = string;

/** 2xx: answered; 4xx: refused after verification (an unparseable body); 5xx: failed or never acknowledged. */
export type RequestOutcome = 'ok' | 'refused' | 'error' | 'draining';

/** Why a request was turned away before it reached Bolt. */
export type JunkReason = 'unsigned' | 'stale_timestamp' | 'bad_signature' | 'too_large' | 'unparseable';

export interface RequestObserver {
  /** A verified request was answered `seconds` after it arrived (the ack latency Slack sees, near enough). */
  answered(kind: RequestKind, outcome: RequestOutcome, seconds: number): void;
  /** A request was turned away: not Slack's, too large, or not a Slack payload. */
  junk(reason: JunkReason): void;
}

/** Told of every batch of requests the durable inbox writes before their answers. */
export interface InboxObserver {
  /** `requests` answers waited for one statement that took `seconds` to commit (ok) or to fail */
  recorded(requests: number, seconds: number, ok: boolean): void;
}

export const ignoreRequests: RequestObserver = { answered: () => undefined, junk: () => undefined };

export function outcomeOf(status: number): RequestOutcome {
  if (status >= 500) return 'error';
  if (status >= 400) return 'refused';
  return 'ok';
}
