import type { types } from '@slack/bolt';
import { httpFetch } from './httpFetch.js';

/** Slack calls and response_url POSTs that take longer fail instead of holding their work (SLACK_TIMEOUT_MS). */
export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

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
  await respondWith(
    responseUrl,
    { response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) },
    timeoutMs,
  );
}

/** Posts a reply (an ephemeral message as a slash command's ack would carry it) to a response_url. */
export async function respondWith(responseUrl: string, reply: object, timeoutMs = DEFAULT_SLACK_TIMEOUT_MS): Promise<void> {
  const res = await httpFetch(timeoutMs)(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reply),
  });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
