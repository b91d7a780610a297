import type { types } from '@slack/bolt';
import type { FetchFunction } from '@slack/web-api';

/** Slack calls and response_url POSTs that take longer fail instead of holding their work (SLACK_TIMEOUT_MS). */
export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

/**
 * `fetch` that gives up after `timeoutMs` (or earlier, if the caller's own signal fires). Bolt sends `respond()`
 * through the App's `clientOptions.fetch`, which has no timeout of its own: a response_url that hangs would hold
 * the listener, its after-ack slot and a graceful shutdown for as long as the socket stays open.
 */
export function fetchWithTimeout(timeoutMs: number): FetchFunction {
  return (url, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(url, { ...init, signal } as RequestInit);
  };
}

/**
 * Answers a slash command after its ack, through the command's response_url (valid 30 minutes, 5 uses):
 * for work that may take longer than Slack's 3 seconds. Gives up after `timeoutMs`.
 */
export async function respondLater(
  responseUrl: string,
  text: string,
  blocks?: types.KnownBlock[],
  timeoutMs = DEFAULT_SLACK_TIMEOUT_MS,
): Promise<void> {
  const res = await fetchWithTimeout(timeoutMs)(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) }),
  });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
