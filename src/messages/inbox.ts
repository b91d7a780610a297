// What a person is told when something they asked for failed for good (docs/operations.md, "The inbox").
import type { OutgoingMessage } from './outgoing.js';

const WHAT: Record<string, string> = {
  slash_command: 'Your command',
  block_actions: 'Your click on one of my buttons',
  view_submission: 'The form you sent',
};

export function requestFailedText(kind: string): string {
  const what = WHAT[kind] ?? 'Your last request';
  return `Sorry: ${what.charAt(0).toLowerCase()}${what.slice(1)} did not go through, so it may not have taken effect. Please check and try again in a minute; if it keeps failing, tell your coordinators.`;
}

/** The same notice as a DM, when the request's response_url no longer works: once per request. */
export function requestFailedMessage(slackUserId: string, requestKey: string, kind: string): OutgoingMessage {
  return {
    idempotencyKey: `request-failed:${requestKey}`,
    kind: 'request.failed',
    to: { users: [slackUserId] },
    text: requestFailedText(kind),
  };
}
