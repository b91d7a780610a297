// The session cookie (docs/dashboard.md, "Security"): HttpOnly, SameSite=Lax, Secure behind HTTPS, 8 hours, sent
// only to /admin. Its value is a random token; the database keeps only its hash.
import { timingSafeEqual } from 'node:crypto';
import { serializeCookie } from './http/cookies.js';
import { BASE } from './pages/layout.js';

export const SESSION_COOKIE = 'rm_dashboard';
/** Ties a "Sign in with Slack" attempt to the browser that started it (against login CSRF). */
export const SIGN_IN_COOKIE = 'rm_dashboard_signin';

export const isHttps = (publicUrl: string) => publicUrl.startsWith('https://');

export const sessionCookie = (token: string, expiresAt: Date, now: Date, https: boolean) =>
  serializeCookie(SESSION_COOKIE, token, {
    path: BASE,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
    secure: https,
  });

export const clearSessionCookie = (https: boolean) =>
  serializeCookie(SESSION_COOKIE, '', { path: BASE, maxAge: 0, secure: https });

export const signInCookie = (token: string, https: boolean) =>
  serializeCookie(SIGN_IN_COOKIE, token, { path: `${BASE}/signin`, maxAge: 600, secure: https });

export const clearSignInCookie = (https: boolean) =>
  serializeCookie(SIGN_IN_COOKIE, '', { path: `${BASE}/signin`, maxAge: 0, secure: https });

/** The form's CSRF token equals the session's (compared in constant time). */
export function csrfMatches(sent: string | null, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
