// "Sign in with Slack" (OpenID Connect), emulated: the authorize page (a consent page where the browser's Slack
// user allows the app), openid.connect.token and openid.connect.userInfo, the signing keys and the discovery
// document. Built to Slack's documented behaviour: codes are single-use and short-lived, redirect_uri must match
// the one sent to authorize, the id_token is an RS256 JWT with iss, sub, aud, exp, iat, auth_time, nonce and
// Slack's https://slack.com/user_id and team_id claims.
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from './json.js';
import { parseParams } from './requestBody.js';
import type { Workspace } from './team.js';
import type { EmulatedUser } from './user.js';

export interface OpenIdClientCredentials {
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_OPENID_CLIENT: OpenIdClientCredentials = {
  clientId: 'emulator-client-id',
  clientSecret: 'emulator-client-secret',
};

/** Slack's codes are good for a few minutes; here 5. */
const CODE_TTL_MS = 5 * 60_000;
const ID_TOKEN_TTL_S = 300;
const KEY_ID = 'emulator-key-1';

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  nonce: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface OpenIdCall {
  method: 'authorize' | 'openid.connect.token' | 'openid.connect.userInfo';
  ok: boolean;
  error?: string;
}

export class OpenIdProvider {
  /** Who this browser is signed in to Slack as: the consent page offers them first. */
  signedInUser: string | undefined;
  readonly calls: OpenIdCall[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, string>();
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly user: (id: string) => EmulatedUser | undefined,
    private readonly baseUrl: () => string,
    private readonly now: () => number,
    readonly client: OpenIdClientCredentials = DEFAULT_OPENID_CLIENT,
  ) {}

  /** Takes the provider's paths (true); false for anything else. */
  route(req: IncomingMessage, url: URL, raw: Buffer, contentType: string, res: ServerResponse): boolean {
    const path = url.pathname;
    if (path === '/openid/connect/authorize' && req.method === 'GET') this.authorizePage(url.searchParams, res);
    else if (path === '/openid/connect/authorize' && req.method === 'POST')
      this.authorizeDecision(new URLSearchParams(raw.toString('utf8')), res);
    else if (path === '/openid/connect/keys') this.json(res, 200, { keys: [this.jwk()] });
    else if (path === '/.well-known/openid-configuration') this.json(res, 200, this.discovery());
    else if (path === '/api/openid.connect.token') this.token(req, parseParams(raw, contentType, url.searchParams) ?? {}, res);
    else if (path === '/api/openid.connect.userInfo') this.userInfo(req, res);
    else return false;
    return true;
  }

  private issuer(): string {
    return this.baseUrl();
  }

  private discovery(): JsonObject {
    const base = this.baseUrl();
    return {
      issuer: base,
      authorization_endpoint: `${base}/openid/connect/authorize`,
      token_endpoint: `${base}/api/openid.connect.token`,
      userinfo_endpoint: `${base}/api/openid.connect.userInfo`,
      jwks_uri: `${base}/openid/connect/keys`,
      scopes_supported: ['openid', 'profile', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    };
  }

  private keyPair() {
    this.keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.keys;
  }

  private jwk(): JsonObject {
    const jwk = this.keyPair().publicKey.export({ format: 'jwk' });
    return { e: String(jwk.e), n: String(jwk.n), kty: 'RSA', kid: KEY_ID, alg: 'RS256', use: 'sig' };
  }

  private authorizeProblem(q: URLSearchParams): string | undefined {
    if (q.get('response_type') !== 'code') return 'invalid_response_type';
    if (q.get('client_id') !== this.client.clientId) return 'invalid_client_id';
    if (!(q.get('scope') ?? '').split(/[\s,]+/).includes('openid')) return 'invalid_scope';
    if (!q.get('redirect_uri')) return 'bad_redirect_uri';
    const team = q.get('team');
    if (team && team !== this.workspace.teamId) return 'invalid_team';
    return undefined;
  }

  /** The page Slack shows: "<App> wants to know who you are" with the person signed in, and Allow / Cancel. */
  private authorizePage(q: URLSearchParams, res: ServerResponse): void {
    const problem = this.authorizeProblem(q);
    if (problem) {
      this.calls.push({ method: 'authorize', ok: false, error: problem });
      this.html(res, 400, `<h1>Something went wrong</h1><p>${escape(problem)}</p>`);
      return;
    }
    const humans = this.workspace.users.filter((u) => !u.is_bot && !u.deleted && u.id !== 'USLACKBOT');
    const chosen = this.signedInUser ?? humans[0]?.id;
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce']
      .map((k) => `<input type="hidden" name="${k}" value="${escape(q.get(k) ?? '')}">`)
      .join('');
    const choices = humans
      .map(
        (u) =>
          `<li><label><input type="radio" name="user" value="${escape(u.id)}"${u.id === chosen ? ' checked' : ''}> ${escape(u.real_name)} (${escape(u.id)})</label></li>`,
      )
      .join('');
    this.html(
      res,
      200,
      `<h1>Sign in to ${escape(this.workspace.teamName)}</h1>
<p>An app wants to confirm your identity on ${escape(this.workspace.teamDomain)}.slack.com. This is the local Slack emulator: choose who you are signed in as.</p>
<form method="post" action="/openid/connect/authorize">${hidden}
<fieldset><legend>Signed in as</legend><ul>${choices}</ul></fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
    );
  }

  private authorizeDecision(form: URLSearchParams, res: ServerResponse): void {
    const redirectUri = form.get('redirect_uri') ?? '';
    const state = form.get('state') ?? '';
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      this.html(res, 400, '<h1>Something went wrong</h1><p>bad_redirect_uri</p>');
      return;
    }
    const userId = form.get('user') ?? '';
    if (form.get('decision') !== 'allow' || !this.user(userId)) {
      target.searchParams.set('error', 'access_denied');
      if (state) target.searchParams.set('state', state);
      this.calls.push({ method: 'authorize', ok: false, error: 'access_denied' });
      res.writeHead(302, { location: target.toString() }).end();
      return;
    }
    const code = `${this.workspace.teamId}.${randomBytes(24).toString('hex')}`;
    this.codes.set(code, {
      clientId: form.get('client_id') ?? '',
      redirectUri,
      nonce: form.get('nonce') ?? '',
      userId,
      expiresAt: this.now() + CODE_TTL_MS,
      used: false,
    });
    target.searchParams.set('code', code);
    if (state) target.searchParams.set('state', state);
    this.calls.push({ method: 'authorize', ok: true });
    res.writeHead(302, { location: target.toString() }).end();
  }

  private clientOf(req: IncomingMessage, params: JsonObject): { id: string; secret: string } {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
    }
    return { id: String(params.client_id ?? ''), secret: String(params.client_secret ?? '') };
  }

  private token(req: IncomingMessage, params: JsonObject, res: ServerResponse): void {
    const fail = (error: string) => {
      this.calls.push({ method: 'openid.connect.token', ok: false, error });
      this.json(res, 200, { ok: false, error });
    };
    const client = this.clientOf(req, params);
    if (client.id !== this.client.clientId) return fail('invalid_client_id');
    if (client.secret !== this.client.clientSecret) return fail('bad_client_secret');
    if (params.grant_type !== undefined && params.grant_type !== 'authorization_code') return fail('invalid_grant_type');
    const code = this.codes.get(String(params.code ?? ''));
    if (!code || code.used || code.expiresAt <= this.now() || code.clientId !== client.id) return fail('invalid_code');
    if (String(params.redirect_uri ?? '') !== code.redirectUri) return fail('bad_redirect_uri');
    code.used = true;
    const user = this.user(code.userId)!;
    const accessToken = `xoxp-${this.workspace.teamId}-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, user.id);
    this.calls.push({ method: 'openid.connect.token', ok: true });
    this.json(res, 200, {
      ok: true,
      access_token: accessToken,
      token_type: 'Bearer',
      id_token: this.idToken(user, code.nonce, client.id, accessToken),
    });
  }

  private claims(user: EmulatedUser): JsonObject {
    return {
      sub: user.id,
      'https://slack.com/user_id': user.id,
      'https://slack.com/team_id': this.workspace.teamId,
      email: user.profile.email ?? '',
      email_verified: true,
      name: user.real_name,
      given_name: user.profile.first_name ?? '',
      family_name: user.profile.last_name ?? '',
      locale: user.locale,
      'https://slack.com/team_name': this.workspace.teamName,
      'https://slack.com/team_domain': this.workspace.teamDomain,
    };
  }

  private idToken(user: EmulatedUser, nonce: string, audience: string, accessToken: string): string {
    const seconds = Math.floor(this.now() / 1000);
    const hash = createHash('sha256').update(accessToken).digest();
    const payload = {
      iss: this.issuer(),
      aud: audience,
      exp: seconds + ID_TOKEN_TTL_S,
      iat: seconds,
      auth_time: seconds,
      nonce,
      at_hash: b64url(hash.subarray(0, hash.length / 2)),
      ...this.claims(user),
    };
    const signed = `${b64url(JSON.stringify({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    const signature = createSign('RSA-SHA256').update(signed).sign(this.keyPair().privateKey);
    return `${signed}.${b64url(signature)}`;
  }

  private userInfo(req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const userId = this.accessTokens.get(bearer);
    const user = userId ? this.user(userId) : undefined;
    this.calls.push({ method: 'openid.connect.userInfo', ok: user !== undefined, ...(user ? {} : { error: 'invalid_auth' }) });
    this.json(res, 200, user ? { ok: true, ...this.claims(user) } : { ok: false, error: 'invalid_auth' });
  }

  private json(res: ServerResponse, status: number, body: JsonObject): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private html(res: ServerResponse, status: number, body: string): void {
    const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slack (emulator)</title></head><body><main>${body}</main></body></html>`;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}
