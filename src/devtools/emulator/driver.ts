import { actionFor, findElement, type ActionSelection } from './blockActions.js';
import { isObject, type JsonObject } from './json.js';
import { channelName, eventEnvelope, slackTs, teamRef, userRef, VERIFICATION_TOKEN } from './payloads.js';
import type { SlackEmulator } from './server.js';
import { signSlackRequest } from './signing.js';
import { SocketAckTimeoutError, type EnvelopeType } from './socketMode.js';
import { buildStateValues, missingRequired, ModalIncompleteError, type Answers } from './stateValues.js';
import type { SlackView, StateValues } from './viewStore.js';

const FORM = 'application/x-www-form-urlencoded';

export interface DriverResponse {
  /** HTTP status of the app's answer; over Socket Mode 200 when acked, 0 when no ack came in time. */
  status: number;
  body: string;
  json: JsonObject | undefined;
  headers: Record<string, string>;
  elapsedMs: number;
  /** The payload that was delivered. */
  payload: JsonObject;
  triggerId?: string;
  responseUrl?: string;
  /** view_submission: what the Slack client did with the answer (close, update, push, clear, errors). */
  responseAction?: string;
}

export interface SlackDriverOptions {
  emulator: SlackEmulator;
  /** The app's request URL, e.g. http://127.0.0.1:3000/slack/events (HTTP transport). */
  appUrl?: string;
  signingSecret?: string;
  /** 'http' (default): signed requests to appUrl; 'socket': envelopes over the emulator's Socket Mode link. */
  transport?: 'http' | 'socket';
  verificationToken?: string;
  /** Socket Mode ack wait (default 3000 ms). */
  ackTimeoutMs?: number;
  /** Clock for X-Slack-Request-Timestamp; the app checks it against its own clock (default Date.now). */
  signatureNow?: () => number;
}

export type ActionContainer =
  { type: 'message'; channelId: string; messageTs: string; isEphemeral?: boolean } | { type: 'view'; viewId: string };

export interface BlockActionOptions extends ActionSelection {
  userId: string;
  actionId: string;
  blockId?: string;
  container: ActionContainer;
  /** View container: the state to report (default: what the view holds so far). */
  values?: StateValues;
}

export interface RawRequestOptions {
  body: string;
  contentType?: string;
  /** undefined = now; null = header left out. */
  timestamp?: number | string | null;
  /** undefined = correct signature; null = header left out; a string = sent as is. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface EventOptions {
  eventId?: string;
  /** HTTP: X-Slack-Retry-Num; Socket Mode: retry_attempt. */
  retryNum?: number;
  retryReason?: string;
}

interface Delivery {
  kind: 'command' | 'interactive' | 'event' | 'verification';
  payload: JsonObject;
  headers?: Record<string, string>;
  retryNum?: number;
  retryReason?: string;
}

export class SlackDriver {
  readonly emulator: SlackEmulator;
  private readonly transport: 'http' | 'socket';
  private readonly token: string;
  private eventCounter = 0;

  constructor(private readonly options: SlackDriverOptions) {
    this.emulator = options.emulator;
    this.transport = options.transport ?? 'http';
    this.token = options.verificationToken ?? VERIFICATION_TOKEN;
    if (this.transport === 'http' && (!options.appUrl || options.signingSecret === undefined)) {
      throw new Error('SlackDriver over HTTP needs appUrl and signingSecret');
    }
  }

  async slashCommand(opts: { userId: string; command: string; text?: string; channelId?: string }): Promise<DriverResponse> {
    const emu = this.emulator;
    const user = userRef(emu, opts.userId);
    const channelId = opts.channelId ?? emu.channelFor([opts.userId]);
    const triggerId = emu.issueTriggerId(opts.userId);
    const responseUrl = emu.issueResponseUrl({ userId: opts.userId, channelId });
    const fields: Record<string, string> = {
      token: this.token,
      team_id: emu.workspace.teamId,
      team_domain: emu.workspace.teamDomain,
      channel_id: channelId,
      channel_name: channelName(emu, channelId),
      user_id: opts.userId,
      user_name: String(user.name),
      command: opts.command,
      text: opts.text ?? '',
      api_app_id: emu.workspace.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const response = await this.deliver({ kind: 'command', payload: fields });
    if (
      response.status === 200 &&
      response.json &&
      (typeof response.json.text === 'string' || Array.isArray(response.json.blocks))
    ) {
      emu.recordCommandAck(responseUrl, response.json);
    }
    return { ...response, triggerId, responseUrl };
  }

  async blockAction(opts: BlockActionOptions): Promise<DriverResponse> {
    const emu = this.emulator;
    const triggerId = emu.issueTriggerId(opts.userId);
    const actionTs = slackTs(emu.now());
    const base: JsonObject = {
      type: 'block_actions',
      user: userRef(emu, opts.userId),
      api_app_id: emu.workspace.appId,
      token: this.token,
      container: {},
      trigger_id: triggerId,
      team: teamRef(emu),
      enterprise: null,
      is_enterprise_install: false,
    };
    if (opts.container.type === 'view') {
      const view = this.requireView(opts.container.viewId);
      const found = findElement(view.blocks, opts.actionId, opts.blockId, `view ${view.id}`);
      const { action, state } = actionFor(found, opts, actionTs);
      const values: StateValues = structuredClone(opts.values ?? view.state.values);
      if (state) (values[String(found.block.block_id)] ??= {})[String(found.element.action_id)] = state;
      emu.setViewState(view.id, values);
      const payload = {
        ...base,
        container: { type: 'view', view_id: view.id },
        view: { ...view, state: { values } },
        actions: [action],
      };
      return { ...(await this.deliver({ kind: 'interactive', payload })), triggerId };
    }
    const { channelId, messageTs, isEphemeral = false } = opts.container;
    const blocks = isEphemeral
      ? emu.ephemeralsIn(channelId).find((m) => m.ts === messageTs && m.user === opts.userId)?.blocks
      : emu.messagesIn(channelId).find((m) => m.ts === messageTs)?.blocks;
    const message = isEphemeral ? undefined : emu.messagesIn(channelId).find((m) => m.ts === messageTs);
    if (!blocks) throw new Error(`no ${isEphemeral ? 'ephemeral ' : ''}message ${messageTs} with blocks in ${channelId}`);
    const found = findElement(blocks, opts.actionId, opts.blockId, `message ${messageTs}`);
    const { action, state } = actionFor(found, opts, actionTs);
    const responseUrl = emu.issueResponseUrl({ userId: opts.userId, channelId, messageTs, isEphemeral });
    const payload: JsonObject = {
      ...base,
      container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: isEphemeral },
      channel: { id: channelId, name: channelName(emu, channelId) },
      ...(message ? { message } : {}),
      state: { values: state ? { [String(found.block.block_id)]: { [String(found.element.action_id)]: state } } : {} },
      response_url: responseUrl,
      actions: [action],
    };
    return { ...(await this.deliver({ kind: 'interactive', payload })), triggerId, responseUrl };
  }

  /** Submits a modal with raw `state.values` (block_id -> action_id -> value object). */
  async submitView(opts: { userId: string; viewId: string; values: StateValues }): Promise<DriverResponse> {
    const emu = this.emulator;
    const view = this.requireView(opts.viewId);
    if (emu.viewOwner(view.id) !== opts.userId) throw new Error(`view ${view.id} is not ${opts.userId}'s`);
    if (!emu.isViewOpen(view.id)) throw new Error(`view ${view.id} is not open`);
    emu.setViewState(view.id, opts.values);
    const triggerId = emu.issueTriggerId(opts.userId);
    const payload: JsonObject = {
      type: 'view_submission',
      team: teamRef(emu),
      user: userRef(emu, opts.userId),
      api_app_id: emu.workspace.appId,
      token: this.token,
      trigger_id: triggerId,
      view: { ...view, state: { values: opts.values } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const response = await this.deliver({ kind: 'interactive', payload });
    if (response.status !== 200) {
      emu.problems.push(`view_submission for ${view.id} answered ${response.status}: Slack shows the user a connection error`);
      return { ...response, triggerId };
    }
    return { ...response, triggerId, responseAction: emu.applyViewSubmissionResponse(view.id, response.json) };
  }

  /**
   * Fills the modal the app opened from answers keyed by block_id and submits it. Unanswered inputs keep
   * their initial value or stay blank; throws ModalIncompleteError when a required input is blank (the
   * Slack client would not submit) unless `force`.
   */
  async fillAndSubmitModal(opts: {
    userId: string;
    viewId?: string;
    answers: Answers;
    force?: boolean;
  }): Promise<DriverResponse> {
    const viewId = opts.viewId ?? this.emulator.viewStackFor(opts.userId).pop()?.id;
    if (viewId === undefined) throw new Error(`no open modal for ${opts.userId}`);
    const view = this.requireView(viewId);
    const values = buildStateValues(view, opts.answers);
    const missing = missingRequired(view, values);
    if (missing.length > 0 && !opts.force) throw new ModalIncompleteError(missing);
    return this.submitView({ userId: opts.userId, viewId, values });
  }

  /** The user closes a modal. Slack tells the app only when notify_on_close is set (undefined otherwise). */
  async closeView(opts: { userId: string; viewId?: string; force?: boolean }): Promise<DriverResponse | undefined> {
    const emu = this.emulator;
    const viewId = opts.viewId ?? emu.viewStackFor(opts.userId).pop()?.id;
    if (viewId === undefined) throw new Error(`no open modal for ${opts.userId}`);
    const view = this.requireView(viewId);
    emu.closeViewByUser(viewId);
    if (!view.notify_on_close && !opts.force) return undefined;
    const payload: JsonObject = {
      type: 'view_closed',
      team: teamRef(emu),
      user: userRef(emu, opts.userId),
      api_app_id: emu.workspace.appId,
      token: this.token,
      view,
      is_cleared: view.clear_on_close,
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.deliver({ kind: 'interactive', payload });
  }

  /** Delivers an Events API event (the inner `event` object) in an event_callback envelope. */
  async event(event: JsonObject, opts: EventOptions = {}): Promise<DriverResponse> {
    this.eventCounter += 1;
    const eventId = opts.eventId ?? `Ev0EMU${String(this.eventCounter).padStart(6, '0')}${Date.now().toString(36).toUpperCase()}`;
    const payload = eventEnvelope(this.emulator, event, eventId, this.token);
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = opts.retryReason;
    const delivery: Delivery = { kind: 'event', payload, headers };
    if (opts.retryNum !== undefined) delivery.retryNum = opts.retryNum;
    if (opts.retryReason !== undefined) delivery.retryReason = opts.retryReason;
    return this.deliver(delivery);
  }

  appHomeOpened(userId: string, opts: EventOptions & { tab?: 'home' | 'messages' } = {}): Promise<DriverResponse> {
    const emu = this.emulator;
    const event: JsonObject = {
      type: 'app_home_opened',
      user: userId,
      channel: emu.channelFor([userId]),
      tab: opts.tab ?? 'home',
    };
    const home = emu.homeViewFor(userId);
    if (home && (opts.tab ?? 'home') === 'home') event.view = home;
    return this.event(event, opts);
  }

  /** user_change with the user as the emulator now has them (after deleteUser: deleted true). */
  userChange(userId: string, opts: EventOptions = {}): Promise<DriverResponse> {
    const user = this.emulator.user(userId);
    if (!user) throw new Error(`no user ${userId}`);
    const now = this.emulator.now();
    return this.event({ type: 'user_change', user, cache_ts: Math.floor(now / 1000) }, opts);
  }

  urlVerification(challenge: string): Promise<DriverResponse> {
    return this.deliver({ kind: 'verification', payload: { token: this.token, challenge, type: 'url_verification' } });
  }

  /** Any request, signed or not as asked: for forged, unsigned and stale request tests. */
  async raw(opts: RawRequestOptions): Promise<DriverResponse> {
    const timestamp = opts.timestamp === undefined ? this.signatureTimestamp() : opts.timestamp;
    const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? 'application/json', ...opts.headers };
    if (timestamp !== null) headers['X-Slack-Request-Timestamp'] = String(timestamp);
    const signature =
      opts.signature === undefined
        ? signSlackRequest(this.options.signingSecret ?? '', timestamp ?? '', opts.body)
        : opts.signature;
    if (signature !== null) headers['X-Slack-Signature'] = signature;
    return this.httpPost(opts.body, headers, {});
  }

  private requireView(viewId: string): SlackView {
    const view = this.emulator.view(viewId);
    if (!view) throw new Error(`no view ${viewId}`);
    return view;
  }

  private signatureTimestamp(): number {
    return Math.floor((this.options.signatureNow ?? Date.now)() / 1000);
  }

  private deliver(delivery: Delivery): Promise<DriverResponse> {
    return this.transport === 'socket' ? this.socketDeliver(delivery) : this.httpDeliver(delivery);
  }

  private httpDeliver(delivery: Delivery): Promise<DriverResponse> {
    const { kind, payload } = delivery;
    const body =
      kind === 'command'
        ? new URLSearchParams(payload as Record<string, string>).toString()
        : kind === 'interactive'
          ? new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
          : JSON.stringify(payload);
    const timestamp = this.signatureTimestamp();
    const headers: Record<string, string> = {
      'Content-Type': kind === 'command' || kind === 'interactive' ? FORM : 'application/json',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signSlackRequest(this.options.signingSecret ?? '', timestamp, body),
      ...delivery.headers,
    };
    return this.httpPost(body, headers, payload);
  }

  private async httpPost(body: string, headers: Record<string, string>, payload: JsonObject): Promise<DriverResponse> {
    const started = Date.now();
    const res = await fetch(this.options.appUrl ?? '', {
      method: 'POST',
      headers: { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', Accept: '*/*', ...headers },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text,
      json: parseObject(text),
      headers: Object.fromEntries(res.headers.entries()),
      elapsedMs: Date.now() - started,
      payload,
    };
  }

  private async socketDeliver(delivery: Delivery): Promise<DriverResponse> {
    const types: Record<Delivery['kind'], EnvelopeType | undefined> = {
      command: 'slash_commands',
      interactive: 'interactive',
      event: 'events_api',
      verification: undefined,
    };
    const type = types[delivery.kind];
    if (!type) throw new Error('url_verification does not exist in Socket Mode');
    const started = Date.now();
    try {
      const ack = await this.emulator.socket.deliver(type, delivery.payload, {
        ackTimeoutMs: this.options.ackTimeoutMs ?? 3000,
        acceptsResponsePayload: type === 'slash_commands' || delivery.payload.type === 'view_submission',
        ...(delivery.retryNum !== undefined ? { retryAttempt: delivery.retryNum } : {}),
        ...(delivery.retryReason !== undefined ? { retryReason: delivery.retryReason } : {}),
      });
      const json = ack.payload && Object.keys(ack.payload).length > 0 ? ack.payload : undefined;
      return {
        status: 200,
        body: json ? JSON.stringify(json) : '',
        json,
        headers: {},
        elapsedMs: ack.elapsedMs,
        payload: delivery.payload,
      };
    } catch (error) {
      if (!(error instanceof SocketAckTimeoutError)) throw error;
      return { status: 0, body: '', json: undefined, headers: {}, elapsedMs: Date.now() - started, payload: delivery.payload };
    }
  }
}

/** The same driver, delivering over the emulator's Socket Mode connection instead of HTTP. */
export class SocketModeDriver extends SlackDriver {
  constructor(options: Omit<SlackDriverOptions, 'transport' | 'appUrl' | 'signingSecret'>) {
    super({ ...options, transport: 'socket' });
  }
}

function parseObject(text: string): JsonObject | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
