import { createHmac, timingSafeEqual } from 'node:crypto';

/** X-Slack-Signature: 'v0=' + hex(HMAC-SHA256(secret, 'v0:<timestamp>:<raw body>')). */
export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface VerifyInput {
  signingSecret: string;
  timestamp: string | undefined;
  rawBody: string;
  signature: string | undefined;
  /** Seconds since epoch to compare the timestamp with (default: now). */
  nowSeconds?: number;
  /** Bolt refuses requests older than 5 minutes. */
  maxAgeSeconds?: number;
}

export function verifySlackSignature(input: VerifyInput): boolean {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.maxAgeSeconds ?? 300)) return false;
  const expected = Buffer.from(signSlackRequest(input.signingSecret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
