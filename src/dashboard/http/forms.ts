// Reading what a dashboard form posted: urlencoded, at most 64 kB.
import type { IncomingMessage } from 'node:http';
import { readBody, TOO_LARGE } from '../../requests/bodyReader.js';

export const FORM_LIMIT_BYTES = 64 * 1024;

/** The posted fields, or null when the body is not a form or is too large. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const body = await readBody(req, FORM_LIMIT_BYTES);
  if (body === TOO_LARGE) return null;
  return new URLSearchParams(body.toString('utf8'));
}
