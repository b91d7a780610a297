import type { types } from '@slack/bolt';

/**
 * Answers a slash command after its ack, through the command's response_url (valid 30 minutes, 5 uses):
 * for work that may take longer than Slack's 3 seconds.
 */
export async function respondLater(responseUrl: string, text: string, blocks?: types.KnownBlock[]): Promise<void> {
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) }),
  });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
