// "Sign in with Slack": the OpenID Connect authorization-code flow against Slack's documented endpoints
// (/openid/connect/authorize, openid.connect.token, the keys at /openid/connect/keys). The id_token's signature
// (RS256, Slack's published keys), issuer, audience, expiry and nonce are all checked before its claims
// (https://slack.com/user_id, https://slack.com/team_id) are believed. docs/dashboard.md, "Sign in with Slack".
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export interface OpenIdSettings {
  clientId: string;
  clientSecret: string;
  /** https://slack.com/openid/connect/authorize */
  authorizeUrl: string;
  /** https://slack.com/api/openid.connect.token */
  tokenUrl: string;
  /** https://slack.com/openid/connect/keys */
  keysUrl: string;
  /** https://slack.com: what the id_token's `iss` must say */
  issuer: string;
  timeoutMs: number;
}

/** Slack's OpenID endpoints under one base URL (https://slack.com, or the local emulator) and a Web API URL. */
export function slackOpenIdSettings(o: {
  clientId: string;
  clientSecret: string;
  baseUrl: string;
  apiUrl: string;
  timeoutMs: number;
}): OpenIdSettings {
  const base = o.baseUrl.replace(/\/+$/, '');
  return {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    authorizeUrl: `${base}/openid/connect/authorize`,
    tokenUrl: `${o.apiUrl}openid.connect.token`,
    keysUrl: `${base}/openid/connect/keys`,
    issuer: base,
    timeoutMs: o.timeoutMs,
  };
}

/** Where the browser goes to sign in: Slack asks the person, then sends them back with a code and the state. */
export function authorizeLocation(
  s: OpenIdSettings,
  p: { state: string; nonce: string; redirectUri: string; team?: string | undefined },
): string {
  const url = new URL(s.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid profile');
  url.searchParams.set('client_id', s.clientId);
  url.searchParams.set('state', p.state);
  url.searchParams.set('nonce', p.nonce);
  url.searchParams.set('redirect_uri', p.redirectUri);
  if (p.team) url.searchParams.set('team', p.team);
  return url.toString();
}

export class OpenIdError extends Error {}

const tokenResponse = z.union([
  z.object({ ok: z.literal(true), id_token: z.string().min(1) }).loose(),
  z.object({ ok: z.literal(false), error: z.string().default('unknown') }).loose(),
]);

const jwtHeader = z.object({ alg: z.literal('RS256'), kid: z.string().optional() }).loose();
const SLACK_ID = /^[A-Z0-9]+$/;
const claimsSchema = z
  .object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number(),
    iat: z.number(),
    nonce: z.string(),
    'https://slack.com/user_id': z.string().regex(SLACK_ID),
    'https://slack.com/team_id': z.string().regex(SLACK_ID),
  })
  .loose();

const jwks = z.object({ keys: z.array(z.object({ kty: z.string(), kid: z.string().optional() }).loose()) });

export interface VerifiedIdentity {
  slackUserId: string;
  teamId: string;
}

/** A minute of clock difference between Slack and this host is tolerated. */
const LEEWAY_S = 60;

const b64 = (part: string) => Buffer.from(part, 'base64url');

/** The client: exchanges a code for an id_token and verifies it. One per bot; it caches Slack's keys. */
export class OpenIdClient {
  private keys: { at: number; byKid: Map<string, KeyObject>; all: KeyObject[] } | undefined;

  constructor(
    readonly settings: OpenIdSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Code -> verified identity. Throws OpenIdError with a short reason (never a token) when anything is off. */
  async identify(code: string, redirectUri: string, nonce: string, now: Date): Promise<VerifiedIdentity> {
    const s = this.settings;
    const res = await this.fetchImpl(s.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: s.clientId,
        client_secret: s.clientSecret,
        code,
        redirect_uri: redirectUri,
        grant_type: 'authorization_code',
      }).toString(),
      signal: AbortSignal.timeout(s.timeoutMs),
    });
    const parsed = tokenResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new OpenIdError(`openid.connect.token answered HTTP ${res.status} with no usable body`);
    if (!parsed.data.ok) throw new OpenIdError(`openid.connect.token refused: ${parsed.data.error}`);
    return this.verifyIdToken(parsed.data.id_token as string, nonce, now);
  }

  async verifyIdToken(idToken: string, nonce: string, now: Date): Promise<VerifiedIdentity> {
    const parts = idToken.split('.');
    if (parts.length !== 3) throw new OpenIdError('id_token is not a JWT');
    const [headPart, claimsPart, signaturePart] = parts as [string, string, string];
    const header = jwtHeader.safeParse(safeJson(b64(headPart)));
    if (!header.success) throw new OpenIdError('id_token is not signed with RS256');
    const key = await this.key(header.data.kid, now);
    const signed = Buffer.from(`${headPart}.${claimsPart}`);
    if (!verify('RSA-SHA256', signed, key, b64(signaturePart))) throw new OpenIdError('id_token signature does not verify');
    const claims = claimsSchema.safeParse(safeJson(b64(claimsPart)));
    if (!claims.success) throw new OpenIdError('id_token lacks the claims Sign in with Slack sends');
    const c = claims.data;
    const seconds = now.getTime() / 1000;
    if (c.iss !== this.settings.issuer) throw new OpenIdError('id_token from another issuer');
    const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!audiences.includes(this.settings.clientId)) throw new OpenIdError('id_token for another client');
    if (c.exp + LEEWAY_S < seconds) throw new OpenIdError('id_token has expired');
    if (c.iat - LEEWAY_S > seconds) throw new OpenIdError('id_token issued in the future');
    if (c.nonce !== nonce) throw new OpenIdError('id_token nonce does not match this sign-in');
    return { slackUserId: c['https://slack.com/user_id'], teamId: c['https://slack.com/team_id'] };
  }

  /** Slack's signing key by kid, from its published keys (fetched again after an hour or for an unknown kid). */
  private async key(kid: string | undefined, now: Date): Promise<KeyObject> {
    const fresh = this.keys && now.getTime() - this.keys.at < 3_600_000;
    const known = () => (kid ? this.keys?.byKid.get(kid) : this.keys?.all.length === 1 ? this.keys.all[0] : undefined);
    if (fresh && known()) return known()!;
    const res = await this.fetchImpl(this.settings.keysUrl, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    const parsed = jwks.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new OpenIdError(`no signing keys at ${this.settings.keysUrl}`);
    const byKid = new Map<string, KeyObject>();
    const all: KeyObject[] = [];
    for (const jwk of parsed.data.keys) {
      if (jwk.kty !== 'RSA') continue;
      const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      all.push(key);
      if (jwk.kid) byKid.set(jwk.kid, key);
    }
    this.keys = { at: now.getTime(), byKid, all };
    const found = known();
    if (!found) throw new OpenIdError('id_token signed with an unknown key');
    return found;
  }
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
