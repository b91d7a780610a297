// The id_token checks of "Sign in with Slack": signature with Slack's published key, issuer, audience, expiry, nonce.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { authorizeLocation, OpenIdClient, slackOpenIdSettings } from '../../../../src/dashboard/signIn/openid.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const settings = slackOpenIdSettings({
  clientId: '123.456',
  clientSecret: 'secret',
  baseUrl: 'https://slack.com',
  apiUrl: 'https://slack.com/api/',
  timeoutMs: 1000,
});
const slack = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

function token(
  claims: Record<string, unknown> = {},
  key = slack.privateKey,
  header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' },
) {
  const seconds = NOW.getTime() / 1000;
  const body = {
    iss: 'https://slack.com',
    sub: 'U0EMU0005',
    aud: '123.456',
    exp: seconds + 300,
    iat: seconds,
    nonce: 'the-nonce',
    'https://slack.com/user_id': 'U0EMU0005',
    'https://slack.com/team_id': 'T0EMU',
    ...claims,
  };
  const signed = `${b64(header)}.${b64(body)}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(key).toString('base64url')}`;
}

function client(): { client: OpenIdClient; fetched: string[] } {
  const fetched: string[] = [];
  const jwk = { ...slack.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const fake = (async (url: string | URL) => {
    fetched.push(String(url));
    return new Response(JSON.stringify({ keys: [jwk] }), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { client: new OpenIdClient(settings, fake), fetched };
}

describe('OpenIdClient.verifyIdToken', () => {
  test('a token Slack signed for this client and nonce gives the Slack user and team', async () => {
    const { client: c, fetched } = client();
    await expect(c.verifyIdToken(token(), 'the-nonce', NOW)).resolves.toEqual({ slackUserId: 'U0EMU0005', teamId: 'T0EMU' });
    await c.verifyIdToken(token(), 'the-nonce', NOW);
    expect(fetched).toEqual(['https://slack.com/openid/connect/keys']); // the keys are kept
  });

  test.each([
    ['another key', () => token({}, other.privateKey), 'signature does not verify'],
    [
      'a changed claim',
      () =>
        token().replace(
          /\.([^.]+)\./,
          (_m, p: string) =>
            `.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), 'https://slack.com/user_id': 'U0ADMIN' })}.`,
        ),
      'signature does not verify',
    ],
    ['no signature algorithm', () => token({}, slack.privateKey, { alg: 'none' }), 'not signed with RS256'],
    ['another issuer', () => token({ iss: 'https://evil.example' }), 'another issuer'],
    ['another client', () => token({ aud: '999.999' }), 'another client'],
    ['an expired token', () => token({ exp: NOW.getTime() / 1000 - 120 }), 'expired'],
    ['another sign-in’s nonce', () => token({ nonce: 'other' }), 'nonce'],
    ['no Slack user id', () => token({ 'https://slack.com/user_id': undefined }), 'lacks the claims'],
  ])('refuses %s', async (_what, make, reason) => {
    await expect(client().client.verifyIdToken(make(), 'the-nonce', NOW)).rejects.toThrow(reason);
  });
});

describe('authorizeLocation', () => {
  test('Slack’s authorize URL with the code flow, the openid scope, state, nonce, redirect and team', () => {
    const url = new URL(authorizeLocation(settings, { state: 's', nonce: 'n', redirectUri: 'https://bot/cb', team: 'T1' }));
    expect(url.origin + url.pathname).toBe('https://slack.com/openid/connect/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      scope: 'openid profile',
      client_id: '123.456',
      state: 's',
      nonce: 'n',
      redirect_uri: 'https://bot/cb',
      team: 'T1',
    });
  });
});
