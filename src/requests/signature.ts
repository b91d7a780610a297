import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses to accept, and so do we, requests signed more than 5 minutes from now. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type SignatureProblem = 'missing headers' | 'stale timestamp' | 'unknown signature version' | 'signature mismatch';

/**
 * What can be told from X-Slack-Request-Timestamp and X-Slack-Signature alone, before the body is read: both
 * present, the timestamp within 5 minutes of `nowSeconds` (either way: a replayed request is refused too), a
 * `v0=` signature of the right shape. Undefined: the body is worth reading (and its HMAC checking).
 */
export function checkSignatureHeaders(
  timestamp: string | undefined,
  signature: string | undefined,
  nowSeconds: number,
): SignatureProblem | undefined {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'missing headers';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) return 'stale timestamp';
  if (!signature.startsWith('v0=')) return 'unknown signature version';
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return 'signature mismatch';
  return undefined;
}

/**
 * Checks X-Slack-Signature: 'v0=' + hex(HMAC-SHA256(signing secret, 'v0:<timestamp>:<raw body>')), after
 * `checkSignatureHeaders`. One HMAC and a constant-time comparison; returns what is wrong, or undefined when
 * the request is Slack's.
 */
export function checkSlackSignature(
  signingSecret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: Buffer,
  nowSeconds: number,
): SignatureProblem | undefined {
  const problem = checkSignatureHeaders(timestamp, signature, nowSeconds);
  if (problem) return problem;
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest();
  const given = Buffer.from(signature!.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'signature mismatch';
}
