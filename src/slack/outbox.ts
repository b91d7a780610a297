import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorCode, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import { systemClock, type Clock } from '../core/clock.js';
import { Pacer, type PacedCall, type PacingConfig } from '../domain/pacing.js';
import type { AppLogger } from '../logger.js';
import type { Db } from '../store/database.js';
import {
  claimMessage,
  findDueMessages,
  markFailed,
  markSent,
  parsePayload,
  postponeMessages,
  recordChannel,
  recordUploadedFile,
  scheduleRetry,
  type Claim,
  type OutboxMessage,
} from '../store/outbox.js';
import type { OutboxPayload, OutgoingMessage } from '../messages/outgoing.js';
import { DELIVERY_FAILED_KIND, deliveryFailedNotices } from '../messages/outbox.js';
import { gaveUp, httpFetch } from './httpFetch.js';
import type { SlackAuthStatus } from './authStatus.js';
import { ALL_METHODS, AUTH_ERRORS, SCOPE_ERRORS, SenderStatus } from './senderStatus.js';

/** Every outbox message carries this metadata, so a restarted sender can find what Slack already has. */
export const OUTBOX_EVENT_TYPE = 'rm_outbox';

/**
 * Errors about this message or its recipient: retrying cannot help, so the message fails at once. (Errors
 * about the token or a scope pause the whole sender instead: src/slack/senderStatus.ts.)
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'user_not_found',
  'user_not_visible',
  'channel_not_found',
  'is_archived',
  'cannot_dm_bot',
  'user_disabled',
  'invalid_user_combination',
  'method_not_supported_for_channel_type',
  'not_enough_users',
  'too_many_users',
  'users_list_not_supplied',
  'not_in_channel',
  'ekm_access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'messages_tab_disabled',
  'app_access_restricted',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'markdown_text_conflict',
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'invalid_payload',
]);

const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
// Slack may file a message a little before or after our createdAt (clock skew): look back this much more.
const HISTORY_SLACK_S = 3600;
const HISTORY_PAGES = 10;

type Coordinators = readonly string[] | (() => Promise<string[]> | string[]);

export interface OutboxSenderOptions {
  db: Db;
  /** Supplies the token and API URL; the sender makes its own client from them (see outboxClientOptions). */
  client: WebClient;
  logger: AppLogger;
  clock: Clock;
  /** Slack user ids told when a message cannot be delivered (a list, or a function asked at that time). */
  coordinators: Coordinators;
  /** Unique per process: it names the lease holder. */
  workerId?: string;
  /** Rows looked at per pass. */
  batchSize?: number;
  /** How long a claimed row belongs to this sender; must outlast the three Slack calls one row may need. */
  leaseMs?: number;
  /** Per Slack call; a call that takes longer counts as a failed attempt (it may still have landed). */
  requestTimeoutMs?: number;
  /** Failed attempts (5xx, timeouts, network) before a message is given up and coordinators are told. */
  maxAttempts?: number;
  /** Conversations served at once within a pass; messages to one conversation go in order. */
  concurrency?: number;
  /** For the backoff's jitter; tests pass a fixed one. */
  random?: () => number;
  /**
   * The app was installed with im:history and mpim:history (SLACK_HISTORY_SCOPES=true, an opt-in): before resending
   * a message whose earlier attempt may have reached Slack, look for its key in the conversation (exactly once).
   * Default false: resend without looking (at least once, never lost). docs/outbox.md, "Limits of the guarantee".
   */
  historyCheck?: boolean;
  /** Told what each pass did and of each 429 (the metrics); src/runtime.ts passes the bot's. */
  observer?: OutboxObserver;
  /** The bot's record of whether Slack accepts its token (readiness and metrics read it; src/slack/authStatus.ts). */
  authStatus?: SlackAuthStatus;
  /** Where the sender records its pauses (readiness and metrics read it); its own when not given. */
  status?: SenderStatus;
  /** While paused on a token or scope error: how often to check whether the cause is gone (default 60 s). */
  probeEveryMs?: number;
  /**
   * Pace calls within Slack's documented limits (src/domain/pacing.ts, docs/outbox.md "Pacing"); undefined: every
   * call at once, the limits found by 429s only.
   */
  pacing?: PacingConfig;
  /**
   * The pacer's time. Slack's limits run on real time, so not `clock` (which tests and the demo move by hand);
   * tests of the pacing may pass their own.
   */
  pacingClock?: Clock;
}

export interface OutboxObserver {
  passDone(report: DeliveryReport): void;
  rateLimited(): void;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retried: number;
}

type DeliveryResult =
  /** `opened`: this delivery called conversations.open */
  | { type: 'sent'; channelId: string; ts: string; recovered: boolean; opened: boolean }
  | { type: 'rate_limited'; retryAfterMs: number; channelId: string | undefined; method: string }
  | { type: 'transient'; error: string }
  | { type: 'permanent'; error: string }
  /** The token, or a scope `method` needs, is refused: no retry fixes that (senderStatus.ts). */
  | { type: 'paused'; error: string; method: string; needed: string | undefined }
  | { type: 'lease_short' };

type SlackFailure = Extract<DeliveryResult, { type: 'rate_limited' | 'transient' | 'permanent' | 'paused' }>;

/** The Web API method a row's delivery is at (open, history check, post): a missing scope pauses that method only. */
type Step =
  | 'conversations.open'
  | 'conversations.history'
  | 'chat.postMessage'
  | 'files.getUploadURLExternal'
  | 'files.completeUploadExternal';

const FILE_METHODS = ['files.getUploadURLExternal', 'files.completeUploadExternal'];

/** How long the POST of a file's bytes to Slack's upload URL may take. */
const UPLOAD_TIMEOUT_MS = 30_000;

/** A pass waits this long at most for the pacer (a workspace or method pace); past it, rows wait for a later pass. */
const MAX_PACE_WAIT_MS = 1000;
/** Conversations the pacer holds back that a pass leaves out when reading due rows (bounds the query's size). */
const MAX_EXCLUDED_CHANNELS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No automatic retries and no waiting inside the client: the outbox reschedules the row instead. */
export function outboxClientOptions(slackApiUrl: string, requestTimeoutMs: number, logger?: Logger): WebClientOptions {
  return {
    slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: requestTimeoutMs,
    fetch: httpFetch(requestTimeoutMs),
    ...(logger ? { logger } : {}),
  };
}

/** The WebClient logs request bodies (message text) at debug level: let only warnings through. */
function quietLogger(logger: AppLogger): Logger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => logger.warn(...m),
    error: (...m: unknown[]) => logger.error(...m),
    setLevel: () => undefined,
    getLevel: () => logger.getLevel(),
    setName: () => undefined,
  };
}

/** `method`: the call that failed (a missing scope pauses that method; a refused token, every method). */
export function classifySlackError(err: unknown, method = 'chat.postMessage'): SlackFailure {
  const e = err as {
    code?: unknown;
    retryAfter?: unknown;
    data?: { error?: unknown; needed?: unknown };
    statusCode?: unknown;
    original?: { name?: unknown; message?: unknown };
  };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return {
        type: 'rate_limited',
        retryAfterMs: Math.max(1, Number(e.retryAfter) || 1) * 1000,
        channelId: undefined,
        method,
      };
    case ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (code === 'ratelimited') return { type: 'rate_limited', retryAfterMs: 1000, channelId: undefined, method };
      const needed = typeof e.data?.needed === 'string' ? e.data.needed : undefined;
      if (AUTH_ERRORS.has(code)) return { type: 'paused', error: code, method: ALL_METHODS, needed: undefined };
      if (SCOPE_ERRORS.has(code)) return { type: 'paused', error: code, method, needed };
      return PERMANENT_ERRORS.has(code) ? { type: 'permanent', error: code } : { type: 'transient', error: code };
    }
    case ErrorCode.HTTPError:
      return { type: 'transient', error: `http_${String(e.statusCode)}` };
    case ErrorCode.RequestError: {
      return { type: 'transient', error: gaveUp(e.original) ? 'timeout' : 'network_error' };
    }
    default:
      return { type: 'transient', error: 'unexpected_error' };
  }
}

function targetKey(row: OutboxMessage, payload: OutboxPayload | undefined): string {
  if (payload && 'users' in payload.to) return `users:${[...payload.to.users].sort().join(',')}`;
  return `channel:${row.channelId ?? row.id}`;
}

function safeParse(row: OutboxMessage): OutboxPayload | undefined {
  try {
    return parsePayload(row);
  } catch {
    return undefined;
  }
}

/**
 * Delivers outbox rows to Slack once per idempotency key, across crashes and replicas; a message whose earlier
 * attempt may have reached Slack (a timeout, a 5xx, a crash mid-send) is sent again, or, with `historyCheck`,
 * first looked for in the conversation: see docs/outbox.md for the argument.
 */
export class OutboxSender {
  private readonly db: Db;
  private readonly slack: WebClient;
  private readonly logger: AppLogger;
  private readonly clock: Clock;
  private readonly coordinators: Coordinators;
  private readonly workerId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly requestTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly random: () => number;
  private readonly historyCheck: boolean;
  private readonly observer: OutboxObserver | undefined;
  private readonly authStatus: SlackAuthStatus | undefined;
  private readonly pacer: Pacer | undefined;
  private readonly pacingClock: Clock;
  /** The last pass read a full batch and did something: more is probably due, so the next pass starts at once. */
  private lastPassFull = false;
  /** What this sender is paused on (a refused token, a missing scope): health and metrics read it. */
  readonly status: SenderStatus;
  /** DM and group DM ids are stable per set of users: one conversations.open per set and process. */
  private readonly openedConversations = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private stopped = false;
  private warnedNoHistory = false;

  constructor(o: OutboxSenderOptions) {
    if (!o.client.token) throw new Error('OutboxSender needs a WebClient with a bot token');
    this.db = o.db;
    this.logger = o.logger;
    this.clock = o.clock;
    this.coordinators = o.coordinators;
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.batchSize = o.batchSize ?? 50;
    this.requestTimeoutMs = o.requestTimeoutMs ?? 10_000;
    this.leaseMs = o.leaseMs ?? Math.max(60_000, 5 * this.requestTimeoutMs);
    this.maxAttempts = o.maxAttempts ?? 12;
    this.concurrency = o.concurrency ?? 4;
    this.random = o.random ?? Math.random;
    this.historyCheck = o.historyCheck ?? false;
    this.observer = o.observer;
    this.authStatus = o.authStatus;
    this.status = o.status ?? new SenderStatus(o.probeEveryMs ?? 60_000);
    this.pacer = o.pacing ? new Pacer(o.pacing) : undefined;
    this.pacingClock = o.pacingClock ?? systemClock;
    // One row makes at most three calls (open, history, post), each bounded by the timeout.
    if (this.leaseMs < 4 * this.requestTimeoutMs) throw new Error('OutboxSender: leaseMs must be at least 4 × requestTimeoutMs');
    this.slack = new WebClient(
      o.client.token,
      outboxClientOptions(o.client.slackApiUrl, this.requestTimeoutMs, quietLogger(o.logger)),
    );
  }

  /** One pass: claims due rows one by one and sends them, several conversations at a time. */
  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
    const now = this.clock.now();
    const canaries = await this.probePauses(now);
    const blocked = (method: string) => this.status.pauseOf(method) !== undefined && !canaries.has(method);
    if (blocked(ALL_METHODS) || blocked('chat.postMessage')) return report; // every message needs these
    const rows = await findDueMessages(this.db, now, this.batchSize, {
      withChannel: blocked('conversations.open'),
      notInChannels: this.pacer?.blockedChannels(this.pacingNow(), MAX_EXCLUDED_CHANNELS),
    });
    const groups = new Map<string, OutboxMessage[]>();
    for (const row of rows) {
      const key = targetKey(row, safeParse(row));
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const queue = [...groups.values()];
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        try {
          await this.deliverGroup(group, report, canaries);
        } catch (err) {
          // A database error: rows claimed here stay leased and another pass takes them over.
          this.logger.error('outbox: delivery to one conversation stopped:', err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    this.lastPassFull = rows.length === this.batchSize && report.sent + report.failed + report.retried > 0;
    return report;
  }

  start(intervalMs: number): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.inFlight = this.deliverDue()
        .then((r) => {
          this.observer?.passDone(r);
          if (r.sent + r.failed + r.retried > 0) this.logger.debug('outbox pass:', r);
        })
        .catch((err: unknown) => this.logger.error('outbox pass failed:', err))
        .finally(() => {
          this.inFlight = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.lastPassFull ? 0 : intervalMs);
        });
    };
    loop();
  }

  /** No new pass; resolves when the pass in flight has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** In order; after a 429 the rest of this conversation waits as long as Slack asked. */
  private async deliverGroup(rows: OutboxMessage[], report: DeliveryReport, canaries: Set<string>): Promise<void> {
    for (const [index, row] of rows.entries()) {
      if (!this.mayTry(row, canaries)) return; // paused: the rest of this conversation waits too, in order
      const calls = this.callsFor(row);
      if (!(await this.paced(calls))) return; // not now: the rest of this conversation waits too, unclaimed
      const claim = await claimMessage(this.db, row, { workerId: this.workerId, now: this.clock.now(), leaseMs: this.leaseMs });
      if (!claim) {
        this.pacer?.giveBack(calls, this.pacingNow());
        continue; // another sender has it
      }
      const outcome = await this.deliver(claim);
      await this.settle(claim, outcome, report);
      if (outcome.type === 'paused') return;
      if (outcome.type === 'rate_limited') {
        this.pacer?.rateLimited({ method: outcome.method, channel: outcome.channelId }, outcome.retryAfterMs, this.pacingNow());
        const until = new Date(this.clock.now().getTime() + outcome.retryAfterMs);
        const rest = rows.slice(index + 1).map((r) => r.id);
        await postponeMessages(this.db, { ids: rest, channelId: outcome.channelId }, until);
        return;
      }
    }
  }

  private pacingNow(): number {
    return this.pacingClock.now().getTime();
  }

  /** The Web API calls delivering the row will make, for the pacer. */
  private callsFor(row: OutboxMessage): PacedCall[] {
    const payload = safeParse(row);
    const mayHaveBeenSent = row.attempts > 0 || row.status === 'sending'; // as claimMessage will find
    const before = [
      ...(this.needsOpen(row, payload) ? [{ method: 'conversations.open' }] : []),
      ...(mayHaveBeenSent && this.historyCheck ? [{ method: 'conversations.history' }] : []),
    ];
    if (payload?.file) return [...before, ...FILE_METHODS.map((method) => ({ method }))];
    const channel =
      row.channelId ??
      (payload && 'users' in payload.to ? this.openedConversations.get([...payload.to.users].sort().join(',')) : undefined);
    return [...before, { method: 'chat.postMessage', channel }];
  }

  /**
   * Takes the pacer's tokens for these calls, waiting for them up to MAX_PACE_WAIT_MS; false when they are not
   * there in time, or when the conversation itself must wait (its later rows, and other conversations, go on
   * without it: the next passes leave it out until it may take a post again).
   */
  private async paced(calls: PacedCall[]): Promise<boolean> {
    if (!this.pacer) return true;
    for (;;) {
      const now = this.pacingNow();
      const { waitMs, channelWaitMs } = this.pacer.wait(calls, now);
      if (waitMs === 0) {
        this.pacer.take(calls, now);
        return true;
      }
      if (channelWaitMs > 0 || waitMs > MAX_PACE_WAIT_MS || this.stopped) return false;
      await sleep(waitMs);
    }
  }

  private async deliver(claim: Claim): Promise<DeliveryResult> {
    const payload = safeParse(claim.row);
    if (!payload) return { type: 'permanent', error: 'invalid_payload' };
    let channelId = claim.row.channelId ?? undefined;
    const opened = this.needsOpen(claim.row, payload);
    let step: Step = 'conversations.open';
    try {
      channelId ??= await this.openConversation(claim, payload);
      if (claim.mayHaveBeenSent && this.historyCheck) {
        step = 'conversations.history';
        const ts = await this.findDelivered(channelId, claim.row);
        if (ts) return { type: 'sent', channelId, ts, recovered: true, opened };
      }
      if (this.clock.now().getTime() + this.requestTimeoutMs >= claim.lockedUntil.getTime()) return { type: 'lease_short' };
      if (payload.file) return await this.shareFile(claim, channelId, payload, opened);
      step = 'chat.postMessage';
      const res = await this.slack.chat.postMessage({
        channel: channelId,
        text: payload.text,
        ...(payload.blocks ? { blocks: payload.blocks } : {}),
        metadata: {
          event_type: OUTBOX_EVENT_TYPE,
          event_payload: { ...payload.metadata, idempotency_key: claim.row.idempotencyKey },
        },
      });
      return { type: 'sent', channelId: res.channel ?? channelId, ts: res.ts ?? '', recovered: false, opened };
    } catch (err) {
      const failure = classifySlackError(err, step);
      return failure.type === 'rate_limited' ? { ...failure, channelId } : failure;
    }
  }

  /**
   * A file message: files.getUploadURLExternal, a POST of the bytes, then files.completeUploadExternal shares it in
   * the conversation with the text as its comment. The file's id is stored on the row before the sharing call, so a
   * retry (the call failed, timed out, or the process died) shares that same file and never uploads a second one; a
   * file id is shared once, so no retry can post the file twice. When the retry is told the file is unknown
   * (`file_not_found`), the earlier sharing call went through and only its answer was lost: the message is sent.
   */
  private async shareFile(claim: Claim, channelId: string, payload: OutboxPayload, opened: boolean): Promise<DeliveryResult> {
    const file = payload.file!;
    let step: Step = 'files.getUploadURLExternal';
    const retry = claim.row.uploadedFileId !== null;
    try {
      let fileId = claim.row.uploadedFileId;
      if (!fileId) {
        const bytes = Buffer.from(file.content, 'utf8');
        const target = await this.slack.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
        if (!target.upload_url || !target.file_id) return { type: 'transient', error: 'no_upload_url' };
        const sent = await fetch(target.upload_url, {
          method: 'POST',
          body: new Uint8Array(bytes),
          signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
        });
        await sent.arrayBuffer(); // read the answer so the connection can be reused
        if (!sent.ok) return { type: 'transient', error: `upload_http_${sent.status}` };
        if (!(await recordUploadedFile(this.db, claim, target.file_id))) return { type: 'lease_short' };
        fileId = target.file_id;
      }
      if (this.clock.now().getTime() + this.requestTimeoutMs >= claim.lockedUntil.getTime()) return { type: 'lease_short' };
      step = 'files.completeUploadExternal';
      const res = await this.slack.files.completeUploadExternal({
        channel_id: channelId,
        initial_comment: payload.text,
        files: [{ id: fileId, title: file.title }],
      });
      const shares = (res.files?.[0] as { shares?: Record<string, Record<string, { ts?: string }[]>> } | undefined)?.shares;
      const ts = shares?.private?.[channelId]?.[0]?.ts ?? shares?.public?.[channelId]?.[0]?.ts ?? '';
      return { type: 'sent', channelId, ts, recovered: false, opened };
    } catch (err) {
      const failure = classifySlackError(err, step);
      if (retry && step === 'files.completeUploadExternal' && failure.type === 'transient' && failure.error === 'file_not_found')
        return { type: 'sent', channelId, ts: '', recovered: true, opened };
      return failure.type === 'rate_limited' ? { ...failure, channelId } : failure;
    }
  }

  /** Whether sending the row starts with a conversations.open call (its DM or group DM is not known yet). */
  private needsOpen(row: OutboxMessage, payload: OutboxPayload | undefined): boolean {
    if (row.channelId || !payload || !('users' in payload.to)) return false;
    return !this.openedConversations.has([...payload.to.users].sort().join(','));
  }

  /** Not while a method the row needs is paused, unless this pass probes that pause with it (one row per pause). */
  private mayTry(row: OutboxMessage, canaries: Set<string>): boolean {
    const payload = safeParse(row);
    const send = payload?.file ? FILE_METHODS : ['chat.postMessage'];
    const methods = this.needsOpen(row, payload) ? ['conversations.open', ...send] : send;
    for (const method of [ALL_METHODS, ...methods]) {
      if (!this.status.pauseOf(method)) continue;
      if (!canaries.delete(method)) return false;
    }
    return true;
  }

  /**
   * The pauses whose probe is due: a refused token is checked with auth.test (resumed when Slack accepts it
   * again); a missing scope, by letting one message that needs the method through this pass. Returns the
   * methods that may have that one try.
   */
  private async probePauses(now: Date): Promise<Set<string>> {
    const canaries = new Set<string>();
    for (const pause of this.status.dueProbes(now)) {
      if (pause.method !== ALL_METHODS) {
        canaries.add(pause.method);
        continue;
      }
      try {
        await this.slack.auth.test();
        this.resume(ALL_METHODS);
      } catch (err) {
        const failure = classifySlackError(err, 'auth.test');
        this.status.stillPaused(ALL_METHODS, now);
        if (failure.type !== 'paused')
          this.logger.warn(`outbox: could not check the bot token (${failure.type}); trying again later`);
      }
    }
    return canaries;
  }

  private pause(failure: Extract<DeliveryResult, { type: 'paused' }>, now: Date): void {
    if (failure.method === ALL_METHODS) this.authStatus?.revoked(failure.error, now);
    if (!this.status.pause(failure.method, failure.error, failure.needed, now)) return;
    const every = `${Math.round((this.status.pauseOf(failure.method)!.nextProbeAt.getTime() - now.getTime()) / 1000)} s`;
    this.logger.error(
      failure.method === ALL_METHODS
        ? `outbox: paused: Slack refuses the bot token (${failure.error}). No message is sent and none is lost or counted as a failed attempt; checking with auth.test every ${every}. Reinstall the app or fix SLACK_BOT_TOKEN.`
        : `outbox: paused ${failure.method}: the bot token lacks a scope (${failure.error}${failure.needed ? `, needs ${failure.needed}` : ''}). Messages that need it wait, none is lost or counted as a failed attempt; trying one every ${every}. Reinstall the app with the manifest's scopes.`,
    );
  }

  private resume(method: string): void {
    const since = this.status.paused.find((p) => p.method === method)?.since;
    if (!this.status.resume(method)) return;
    if (method === ALL_METHODS) this.authStatus?.restored();
    this.logger.info(
      `outbox: resumed${method === ALL_METHODS ? '' : ` ${method}`}: Slack accepts it again (paused since ${since?.toISOString()})`,
    );
  }

  private async openConversation(claim: Claim, payload: OutboxPayload): Promise<string> {
    if (!('users' in payload.to)) return payload.to.channel;
    const key = [...payload.to.users].sort().join(',');
    let channelId = this.openedConversations.get(key);
    if (!channelId) {
      const res = await this.slack.conversations.open({ users: payload.to.users.join(',') });
      channelId = res.channel?.id;
      if (!channelId) throw new Error('conversations.open answered without a channel id');
      this.openedConversations.set(key, channelId);
    }
    await recordChannel(this.db, claim, channelId);
    return channelId;
  }

  /**
   * The ts of a message in the conversation that carries this row's idempotency key, if Slack has one.
   * Without a history scope for the conversation (a channel, or an install without the opt-in scopes) the check
   * cannot be made: the message is sent again, at least once rather than exactly once (docs/outbox.md).
   */
  private async findDelivered(channelId: string, row: OutboxMessage): Promise<string | undefined> {
    const oldest = String(Math.floor(row.createdAt.getTime() / 1000) - HISTORY_SLACK_S);
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      let res: Awaited<ReturnType<WebClient['conversations']['history']>>;
      try {
        res = await this.slack.conversations.history({
          channel: channelId,
          include_all_metadata: true,
          oldest,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code !== 'missing_scope' && code !== 'not_allowed_token_type') throw err;
        if (!this.warnedNoHistory)
          this.logger.warn(
            `outbox: cannot read conversation history (${code}): messages whose earlier attempt may have reached Slack are sent again; SLACK_HISTORY_SCOPES=true needs the app installed with im:history and mpim:history`,
          );
        this.warnedNoHistory = true;
        return undefined;
      }
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { idempotency_key?: unknown } } | undefined;
        if (meta?.event_type === OUTBOX_EVENT_TYPE && meta.event_payload?.idempotency_key === row.idempotencyKey && m.ts)
          return m.ts;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return undefined;
    }
    this.logger.warn(`outbox: ${row.id}: history too long to search completely; sending`);
    return undefined;
  }

  private backoffMs(attempt: number): number {
    const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0]!;
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  private async settle(claim: Claim, outcome: DeliveryResult, report: DeliveryReport): Promise<void> {
    const { row } = claim;
    const now = this.clock.now();
    switch (outcome.type) {
      case 'sent': {
        for (const method of safeParse(row)?.file ? FILE_METHODS : ['chat.postMessage']) this.resume(method);
        if (outcome.opened) this.resume('conversations.open');
        if (await markSent(this.db, claim, { channelId: outcome.channelId, ts: outcome.ts, now })) {
          report.sent += 1;
          if (outcome.recovered)
            this.logger.info(`outbox: ${row.id} (${row.kind}) was already in Slack (ts ${outcome.ts}): not sent again`);
        } else {
          this.logger.warn(`outbox: ${row.id} (${row.kind}) was taken over by another sender while being sent`);
        }
        return;
      }
      case 'lease_short':
        await scheduleRetry(this.db, claim, {
          nextAttemptAt: now,
          error: row.lastError ?? 'lease_short',
          countsAsAttempt: false,
        });
        report.retried += 1;
        return;
      case 'rate_limited':
        await scheduleRetry(this.db, claim, {
          nextAttemptAt: new Date(now.getTime() + outcome.retryAfterMs),
          error: 'ratelimited',
          countsAsAttempt: false,
        });
        this.observer?.rateLimited();
        this.logger.info(`outbox: ${row.id} (${row.kind}) rate limited; retry in ${outcome.retryAfterMs} ms`);
        report.retried += 1;
        return;
      case 'transient': {
        const attempt = row.attempts + 1;
        if (attempt >= this.maxAttempts) {
          await this.fail(claim, outcome.error, `${outcome.error} (after ${attempt} attempts)`, true);
          report.failed += 1;
          return;
        }
        const delay = this.backoffMs(attempt);
        await scheduleRetry(this.db, claim, {
          nextAttemptAt: new Date(now.getTime() + delay),
          error: outcome.error,
          countsAsAttempt: true,
        });
        this.logger.warn(`outbox: ${row.id} (${row.kind}) attempt ${attempt} failed: ${outcome.error}; retry in ${delay} ms`);
        report.retried += 1;
        return;
      }
      case 'permanent':
        await this.fail(claim, outcome.error, outcome.error, false);
        report.failed += 1;
        return;
      case 'paused':
        // Not the message's fault: it waits, due at once, with no attempt counted, until the pause ends.
        await scheduleRetry(this.db, claim, { nextAttemptAt: now, error: outcome.error, countsAsAttempt: false });
        this.pause(outcome, now);
        report.retried += 1;
        return;
    }
  }

  /** `error` is the code stored as lastError; `reason` is what coordinators read. */
  private async fail(claim: Claim, error: string, reason: string, countsAsAttempt: boolean): Promise<void> {
    const { row } = claim;
    let notices: OutgoingMessage[] = [];
    if (row.kind !== DELIVERY_FAILED_KIND) {
      try {
        const coordinators = [
          ...new Set(typeof this.coordinators === 'function' ? await this.coordinators() : this.coordinators),
        ];
        if (coordinators.length === 0) this.logger.warn('outbox: no coordinators to tell about a failed message');
        notices = deliveryFailedNotices({ id: row.id, kind: row.kind, payload: safeParse(row) }, reason, coordinators);
      } catch (err) {
        this.logger.error('outbox: could not list coordinators to tell about a failed message:', err);
      }
    }
    if (await markFailed(this.db, claim, { error, countsAsAttempt }, notices)) {
      this.logger.warn(`outbox: ${row.id} (${row.kind}) failed: ${reason}; ${notices.length} coordinator(s) told`);
    }
  }
}
