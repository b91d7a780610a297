// How the dashboard answers: every response carries the same security headers (docs/dashboard.md, "Security").
import type { ServerResponse } from 'node:http';
import type { Html } from '../html.js';

/**
 * No script runs on any page (there is none), styles and images come only from the bot, forms post only to it,
 * no other site may frame it, and no Referer leaves for another site (a sign-in link's token is in its path).
 * (Not no-referrer: Chromium then sends `Origin: null` with the dashboard's own forms, which the origin check refuses.)
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

export interface Answer {
  res: ServerResponse;
  https: boolean;
  /** Set-Cookie values to add */
  cookies?: string[];
}

function head(a: Answer, status: number, headers: Record<string, string>): void {
  a.res.writeHead(status, {
    ...securityHeaders(a.https),
    ...headers,
    ...(a.cookies && a.cookies.length > 0 ? { 'set-cookie': a.cookies } : {}),
  });
}

export function sendHtml(a: Answer, status: number, page: Html): void {
  const body = Buffer.from(`<!doctype html>\n${page.text}`, 'utf8');
  head(a, status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
  });
  a.res.end(a.res.req.method === 'HEAD' ? undefined : body);
}

/** 303 See Other: after a form, the browser asks for the page with GET (a reload does not post again). */
export function redirect(a: Answer, location: string): void {
  head(a, 303, { location, 'cache-control': 'no-store', 'content-length': '0' });
  a.res.end();
}

export function sendFile(a: Answer, contentType: string, body: Buffer, extra: Record<string, string> = {}): void {
  head(a, 200, { 'content-type': contentType, 'content-length': String(body.length), ...extra });
  a.res.end(a.res.req.method === 'HEAD' ? undefined : body);
}
