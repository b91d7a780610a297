import type { IncomingMessage } from 'node:http';
import { parseCookies, serializeCookie } from '../../../../src/dashboard/http/cookies.js';
import { fromOwnOrigin } from '../../../../src/dashboard/http/origin.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const OWN = 'https://rm-bot.example.com';

describe('fromOwnOrigin', () => {
  test('the dashboard’s own forms pass', () => {
    expect(fromOwnOrigin(request({ origin: OWN, 'sec-fetch-site': 'same-origin' }), OWN)).toBe(true);
    expect(fromOwnOrigin(request({}), OWN)).toBe(true); // no browser: it has no cookie either
  });

  test('another site, a sibling subdomain or an opaque origin is refused', () => {
    expect(fromOwnOrigin(request({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), OWN)).toBe(false);
    expect(fromOwnOrigin(request({ 'sec-fetch-site': 'same-site' }), OWN)).toBe(false);
    expect(fromOwnOrigin(request({ origin: 'null' }), OWN)).toBe(false);
    expect(fromOwnOrigin(request({ origin: 'http://rm-bot.example.com' }), OWN)).toBe(false);
  });
});

describe('cookies', () => {
  test('HttpOnly and SameSite=Lax always; Secure behind HTTPS; a value must be a token', () => {
    expect(serializeCookie('rm_dashboard', 'abc_-1', { path: '/admin', maxAge: 60, secure: true })).toBe(
      'rm_dashboard=abc_-1; Path=/admin; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(serializeCookie('x', '', { path: '/admin', maxAge: 0, secure: false })).toBe(
      'x=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax',
    );
    expect(() => serializeCookie('x', 'a;b', { path: '/', maxAge: 1, secure: false })).toThrow();
  });

  test('parseCookies keeps the first of a name', () => {
    expect(parseCookies('a=1; rm_dashboard=tok; a=2; junk').get('a')).toBe('1');
    expect(parseCookies(undefined).size).toBe(0);
  });
});
