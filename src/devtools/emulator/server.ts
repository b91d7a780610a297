import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EphemeralMessage, SlackMessage } from './conversations.js';
import { SlackApiError } from './errors.js';
import { FaultInjector, RESPONSE_URL_FAULT, type Fault, type FaultSpec } from './faults.js';
import type { UploadedFile } from './fileStore.js';
import { clone, jsonParam, str, type JsonObject } from './json.js';
import { METHODS } from './methods/index.js';
import { RateLimiter, rateLimitConfig, type RateLimitConfig } from './rateLimiter.js';
import { parseParams, readBody, uploadBytes } from './requestBody.js';
import type { ResponseUrlPost, ResponseUrlTarget } from './responseUrls.js';
import { SocketModeHub } from './socketMode.js';
import { OpenIdProvider, type OpenIdClientCredentials } from './openid.js';
import { applyViewResponse } from './viewResponses.js';
import { EmulatorState } from './state.js';
import type { Workspace } from './team.js';
import { makeUser, normalized, userAt, type EmulatedUser, type UserSpec } from './user.js';
import type { SlackView } from './viewStore.js';
import { defaultWorkspace } from './workspace.js';

export interface EmulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  workspace?: Workspace;
  botToken?: string;
  appToken?: string;
  /** false (default) = no limits; true = DEFAULT_RATE_LIMITS; an object = those overrides, switched on. */
  rateLimits?: boolean | Partial<RateLimitConfig>;
  /** Clock for ts, trigger expiry, response_url expiry and rate limits (ms since epoch). */
  now?: () => number;
  socketPingIntervalMs?: number;
  /** "Sign in with Slack": the app's client id and secret (default DEFAULT_OPENID_CLIENT) */
  openIdClient?: OpenIdClientCredentials;
}

export interface RecordedCall {
  method: string;
  /** Arguments without the token; blocks, view, attachments, metadata and files JSON-parsed. */
  params: JsonObject;
  status: number;
  response: JsonObject;
  time: number;
  auth: 'bot' | 'app' | 'none' | 'invalid';
}

const PARSED_PARAMS = ['blocks', 'view', 'attachments', 'metadata', 'files'];

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  /** Things real Slack would refuse or show as an error to the user, found outside a Web API call. */
  readonly problems: string[] = [];
  readonly socket: SocketModeHub;
  /** "Sign in with Slack" (OpenID Connect): authorize page, token, userInfo, keys (./openid.ts) */
  readonly openId: OpenIdProvider;
  private readonly state: EmulatorState;
  private readonly faults = new FaultInjector();
  /** Calls held back by a `delayMs` fault: stop() drops them instead of waiting. */
  private readonly delays = new Set<() => void>();
  private readonly limiter: RateLimiter;
  private rateLimited: boolean;
  private port = 0;

  private constructor(
    private readonly server: Server,
    readonly workspace: Workspace,
    readonly botToken: string,
    readonly appToken: string,
    readonly now: () => number,
    private readonly host: string,
    options: EmulatorOptions,
  ) {
    this.state = new EmulatorState(
      workspace,
      now,
      () => this.baseUrl,
      () => this.socket.issueUrl(),
    );
    this.socket = new SocketModeHub(
      () => `ws://${this.host}:${this.port}`,
      workspace.appId,
      options.socketPingIntervalMs ?? 10_000,
    );
    this.openId = new OpenIdProvider(
      workspace,
      (id) => this.user(id),
      () => this.baseUrl,
      now,
      options.openIdClient,
    );
    const limits = options.rateLimits ?? false;
    this.rateLimited = limits !== false;
    this.limiter = new RateLimiter(rateLimitConfig(typeof limits === 'object' ? limits : {}), now);
  }

  static async start(options: EmulatorOptions = {}): Promise<SlackEmulator> {
    const server = createServer();
    const host = options.host ?? '127.0.0.1';
    const emulator = new SlackEmulator(
      server,
      options.workspace ?? defaultWorkspace({ at: new Date((options.now ?? Date.now)()) }),
      options.botToken ?? 'xoxb-emulator-token',
      options.appToken ?? 'xapp-emulator-token',
      options.now ?? Date.now,
      host,
      options,
    );
    server.on('request', (req, res) => void emulator.route(req, res));
    server.on('upgrade', (req, socket, head: Buffer) => emulator.socket.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    emulator.port = (server.address() as AddressInfo).port;
    return emulator;
  }

  get baseUrl(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** What WebClient's slackApiUrl needs: it appends the method name. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    for (const cancel of [...this.delays]) cancel();
    await this.socket.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Forgets recorded calls, response_url posts, socket messages and problems; workspace, messages and views stay. */
  reset(): void {
    this.calls.length = 0;
    this.state.responseUrls.posts.length = 0;
    this.problems.length = 0;
    this.socket.received.length = 0;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Waits until the app has made `count` calls to `method` (counting from the last reset) and returns the
   * last of them. Bolt acks first and calls the Web API afterwards, so tests wait rather than sleep.
   */
  async waitForCall(method: string, options: { count?: number; timeoutMs?: number } = {}): Promise<RecordedCall> {
    const count = options.count ?? 1;
    await this.waitUntil(() => this.callsTo(method).length >= count, options.timeoutMs ?? 2000, `${count} call(s) to ${method}`);
    const call = this.callsTo(method)[count - 1];
    if (!call) throw new Error(`no call to ${method}`);
    return call;
  }

  async waitUntil(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  setRateLimits(on: boolean | Partial<RateLimitConfig>): void {
    this.rateLimited = on !== false;
    this.limiter.configure(rateLimitConfig(typeof on === 'object' ? on : {}));
  }

  injectFault(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- workspace ---

  user(userId: string): EmulatedUser | undefined {
    const user = this.state.user(userId);
    return user ? userAt(user, new Date(this.now())) : undefined;
  }

  addUser(spec: Partial<UserSpec> & { realName: string }): EmulatedUser {
    const name = spec.name ?? spec.realName.toLowerCase().replace(/[^a-z0-9]+/g, '.');
    const user = makeUser(
      {
        tz: 'UTC',
        email: `${name}@${this.workspace.teamDomain}.example.com`,
        ...spec,
        id: spec.id ?? this.state.ids.next('U0NEW', 5),
        teamId: this.workspace.teamId,
        name,
      },
      new Date(this.now()),
    );
    this.state.addUser(user);
    return user;
  }

  /** Deactivates a user, as an admin would; send the matching user_change event with the driver. */
  deleteUser(userId: string): EmulatedUser {
    return this.updateUser(userId, (u) => {
      u.deleted = true;
    });
  }

  /** The person changes their names in their Slack profile; send the matching user_change event with the driver. */
  renameUser(userId: string, names: { displayName?: string; realName?: string }): EmulatedUser {
    return this.updateUser(userId, (u) => {
      if (names.displayName !== undefined) {
        u.profile.display_name = names.displayName;
        u.profile.display_name_normalized = normalized(names.displayName);
      }
      if (names.realName !== undefined) {
        u.real_name = u.profile.real_name = names.realName;
        u.profile.real_name_normalized = normalized(names.realName);
      }
    });
  }

  updateUser(userId: string, change: (user: EmulatedUser) => void): EmulatedUser {
    const user = this.state.user(userId);
    if (!user) throw new Error(`no user ${userId}`);
    change(user);
    user.updated = Math.floor(this.now() / 1000);
    return user;
  }

  // --- conversations ---

  /** The DM (one user) or group DM (several) id the app gets from conversations.open for these users. */
  channelFor(userIds: string[]): string {
    return this.state.conversations.openWith(userIds).conversation.id;
  }

  messagesIn(channelId: string): SlackMessage[] {
    return clone(this.state.conversations.get(channelId)?.messages ?? []);
  }

  ephemeralsIn(channelId: string): EphemeralMessage[] {
    return clone(this.state.conversations.get(channelId)?.ephemerals ?? []);
  }

  conversationInfo(channelId: string): JsonObject | undefined {
    const conversation = this.state.conversations.get(channelId);
    return conversation ? this.state.conversations.describe(conversation) : undefined;
  }

  // --- interactivity ---

  issueTriggerId(userId: string): string {
    return this.state.triggers.issue(userId);
  }

  issueResponseUrl(target: ResponseUrlTarget): string {
    return this.state.responseUrls.issue(target);
  }

  responseUrlPosts(filter: { userId?: string; channelId?: string; via?: ResponseUrlPost['via'] } = {}): ResponseUrlPost[] {
    return this.state.responseUrls.posts.filter(
      (p) =>
        (filter.userId === undefined || p.userId === filter.userId) &&
        (filter.channelId === undefined || p.channelId === filter.channelId) &&
        (filter.via === undefined || p.via === filter.via),
    );
  }

  /** A message the app put in its HTTP answer to a slash command: Slack shows it like a response_url post. */
  recordCommandAck(responseUrl: string, body: JsonObject): void {
    this.state.responseUrls.post(this.state.responseUrls.idOf(responseUrl), body, 'ack');
  }

  view(viewId: string): SlackView | undefined {
    return this.state.views.get(viewId);
  }

  /** The modal most recently opened, pushed or updated for the user (open or not). */
  lastViewFor(userId: string): SlackView | undefined {
    return this.state.views.lastModalOf(userId);
  }

  viewStackFor(userId: string): SlackView[] {
    return this.state.views.stackOf(userId);
  }

  homeViewFor(userId: string): SlackView | undefined {
    return this.state.views.homeOf(userId);
  }

  viewOwner(viewId: string): string | undefined {
    return this.state.views.ownerOf(viewId);
  }

  isViewOpen(viewId: string): boolean {
    return this.state.views.isOpen(viewId);
  }

  /** Inline errors the app answered a submission with (response_action: errors). */
  viewErrors(viewId: string): Record<string, string> | undefined {
    return this.state.views.errorsOf(viewId);
  }

  setViewState(viewId: string, values: SlackView['state']['values']): void {
    this.state.views.setState(viewId, values);
  }

  /** Applies the app's answer to a view_submission the way the Slack client would. */
  applyViewSubmissionResponse(viewId: string, response: JsonObject | undefined): string {
    return applyViewResponse(this.state.views, viewId, response, this.problems);
  }

  /** The user closed a modal (Close button or Esc). */
  closeViewByUser(viewId: string): void {
    const view = this.state.views.get(viewId);
    const userId = this.state.views.ownerOf(viewId);
    if (!view || userId === undefined) return;
    if (view.clear_on_close) this.state.views.clear(userId);
    else this.state.views.close(viewId);
  }

  get files(): UploadedFile[] {
    return this.state.files.list();
  }

  // --- HTTP ---

  /** true after `ms`; false if the emulator stops first (the call is then dropped). */
  private delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        this.delays.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.delays.delete(cancel);
        resolve(true);
      }, ms);
      this.delays.add(cancel);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const raw = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      if (this.openId.route(req, url, raw, contentType, res)) return;
      if (url.pathname.startsWith('/api/')) {
        await this.api(decodeURIComponent(url.pathname.slice('/api/'.length)), req, raw, contentType, url.searchParams, res);
      } else if (url.pathname.startsWith('/upload/v1/') && req.method === 'POST') {
        const bytes = uploadBytes(raw, contentType);
        const ok = this.state.files.receive(url.pathname.slice('/upload/v1/'.length), bytes);
        this.send(res, ok ? 200 : 404, ok ? `OK - ${bytes.length}` : 'not found', 'text/plain');
      } else if (url.pathname.startsWith('/response/') && req.method === 'POST') {
        await this.responsePost(url.pathname.slice('/response/'.length), raw, contentType, res);
      } else if (url.pathname.startsWith('/files/') && req.method === 'GET') {
        this.download(url.pathname, req, res);
      } else {
        this.send(res, 404, { ok: false, error: 'not_found' });
      }
    } catch (error) {
      console.error(`slack emulator: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) this.send(res, 500, { ok: false, error: 'internal_error' });
    }
  }

  private async api(
    method: string,
    req: IncomingMessage,
    raw: Buffer,
    contentType: string,
    query: URLSearchParams,
    res: ServerResponse,
  ): Promise<void> {
    const parsed = parseParams(raw, contentType, query);
    const params = parsed ?? {};
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? str(params, 'token');
    const auth: RecordedCall['auth'] =
      token === undefined ? 'none' : token === this.botToken ? 'bot' : token === this.appToken ? 'app' : 'invalid';
    const respond = (status: number, body: JsonObject, headers: Record<string, string> = {}): void => {
      this.record(method, params, status, body, auth);
      this.send(res, status, body, 'application/json; charset=utf-8', headers);
    };
    const spec = METHODS[method];
    if (!spec) return respond(200, { ok: false, error: 'unknown_method', req_method: method });
    if (parsed === undefined) return respond(200, { ok: false, error: 'invalid_json' });
    if (auth === 'none') return respond(200, { ok: false, error: 'not_authed' });
    if (auth === 'invalid') return respond(200, { ok: false, error: 'invalid_auth' });
    if (auth !== spec.token) return respond(200, { ok: false, error: 'not_allowed_token_type' });

    const fault = this.faults.take(method, params, this.channelMembers(params));
    // Like Slack, a slow call is done even if the app stopped waiting for the answer (its timeout).
    if (fault?.delayMs && !(await this.delay(fault.delayMs))) return;
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': String(fault.retryAfter ?? 1) } : {};
      const error = fault.error ?? (fault.status === 429 ? 'ratelimited' : 'internal_error');
      return respond(fault.status, { ok: false, error }, headers);
    }
    if (fault?.error)
      return respond(200, {
        ok: false,
        error: fault.error,
        ...(fault.messages ? { response_metadata: { messages: fault.messages } } : {}),
      });

    if (this.rateLimited) {
      const decision = this.limiter.check(method, this.rateChannel(params));
      if (decision.limited)
        return respond(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(decision.retryAfter) });
    }
    try {
      respond(200, spec.handler(params, this.state));
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      respond(200, error.toBody());
    }
  }

  /** chat.postMessage to a user id is paced per DM, like a post to the DM itself. */
  private rateChannel(params: JsonObject): string | undefined {
    const channel = str(params, 'channel');
    if (channel && /^[UW]/.test(channel) && this.state.user(channel))
      return this.state.conversations.openWith([channel]).conversation.id;
    return channel;
  }

  private channelMembers(params: JsonObject): string[] {
    const channel = str(params, 'channel') ?? str(params, 'channel_id');
    if (!channel) return [];
    if (this.state.user(channel)) return [channel];
    return this.state.conversations.get(channel)?.members.filter((m) => m !== this.workspace.botUserId) ?? [];
  }

  private record(method: string, params: JsonObject, status: number, response: JsonObject, auth: RecordedCall['auth']): void {
    const recorded: JsonObject = {};
    for (const [key, value] of Object.entries(params)) {
      if (key === 'token') continue;
      if (Buffer.isBuffer(value)) recorded[key] = `<${value.length} bytes>`;
      else if (PARSED_PARAMS.includes(key)) {
        const parsed = jsonParam(params, key);
        recorded[key] = parsed?.ok ? parsed.value : value;
      } else recorded[key] = value;
    }
    this.calls.push({ method, params: recorded, status, response: clone(response), time: this.now(), auth });
  }

  private async responsePost(id: string, raw: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const fault = this.faults.take(RESPONSE_URL_FAULT, {});
    if (fault?.delayMs && !(await this.delay(fault.delayMs))) return;
    if (fault?.status !== undefined || fault?.error)
      return this.send(res, fault.status ?? 400, fault.error ?? 'invalid_payload', 'text/plain');
    let body: unknown;
    const text = raw.toString('utf8');
    try {
      body = contentType.includes('application/x-www-form-urlencoded')
        ? JSON.parse(new URLSearchParams(text).get('payload') ?? '')
        : JSON.parse(text);
    } catch {
      body = text;
    }
    const reply = this.state.responseUrls.post(id, body);
    this.send(res, reply.status, reply.body);
  }

  private download(pathname: string, req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const file = this.state.files.get(pathname.split('/')[2] ?? '');
    if (bearer !== this.botToken) return this.send(res, 403, 'forbidden', 'text/plain');
    if (!file?.bytes) return this.send(res, 404, 'not found', 'text/plain');
    res.writeHead(200, { 'Content-Type': String(this.state.files.describe(file).mimetype), 'Content-Length': file.bytes.length });
    res.end(file.bytes);
  }

  private send(
    res: ServerResponse,
    status: number,
    body: JsonObject | string,
    contentType = 'application/json; charset=utf-8',
    headers: Record<string, string> = {},
  ): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }
}
