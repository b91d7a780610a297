import { createHmac } from 'node:crypto';

/** X-Slack-Signature: 'v0=' + hex(HMAC-SHA256(secret, 'v0:<timestamp>:<raw body>')). */
export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}
