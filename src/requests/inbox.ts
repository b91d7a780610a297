// The durable inbox (docs/operations.md, "The inbox"): nothing Slack is answered 2xx for lives only in memory.
// A request is recorded (batched with others arriving at the same moment) before its answer; the replica that
// answered does it under a lease; a lease that runs out (a crash, kill -9) or a failed attempt lets any replica
// take the request over, until it is done or, after a few attempts, the person is told what did not happen.
import { randomUUID } from 'node:crypto';
import type { AppLogger } from '../logger.js';
import type { SlackBody } from './body.js';
import { eventTypeOf } from './body.js';
import type { InboxObserver } from './observer.js';

/** Where the listeners find their request's inbox ticket (Bolt's context). */
export const INBOX_TICKET = 'inboxTicket';

export interface InboxTicket {
  id: string;
  requestKey: string;
  kind: string;
  attempts: number;
  receivedAt: Date;
  /** set by the listeners' outermost middleware when a listener threw */
  failed?: unknown;
}

interface Lease {
  owner: string;
  until: Date;
}

/** What the inbox needs of the database (src/store/inbox.ts). */
export interface InboxStore {
  recordRequests(
    requests: ReadonlyArray<{ requestKey: string; kind: string; bodyJson: string }>,
    lease: Lease,
    now: Date,
  ): Promise<Array<Omit<InboxTicket, 'failed'> | null>>;
  markDone(ids: readonly string[], now: Date): Promise<void>;
  markRetry(id: string, retryAt: Date, error: string): Promise<void>;
  markFailed(id: string, now: Date, error: string): Promise<void>;
  renewLeases(ids: readonly string[], lease: Lease): Promise<void>;
  releaseLeases(owner: string): Promise<number>;
  claimDue(lease: Lease, now: Date, limit: number): Promise<Array<Omit<InboxTicket, 'failed'> & { bodyJson: string }>>;
  pruneInbox(before: Date): Promise<number>;
  /** how many batches the database takes at once (PostgreSQL: the inbox's own connections; SQLite: 1) */
  readonly writeLanes?: number;
  /** runs the record's statement once without keeping anything (database caches, code paths): before listening */
  warmUp?(now: Date): Promise<void>;
}

export interface InboxOptions {
  store: InboxStore;
  logger: AppLogger;
  /** runs the request's listeners (Bolt's processEvent, answered already) */
  redeliver: (body: SlackBody, ticket: InboxTicket) => Promise<void>;
  /** tells the person that what they asked for did not happen (the request failed for good) */
  giveUp: (body: SlackBody, ticket: InboxTicket) => Promise<void>;
  /** an error no later attempt can mend (a modal's trigger id expired or used): the request fails at once */
  isFinal?: (err: unknown) => boolean;
  now?: () => Date;
  /** how long a replica holds a request before another may take it over */
  leaseMs?: number;
  /** how often due requests are looked for */
  pollMs?: number;
  /** attempts before giving up (the first, live one included) */
  maxAttempts?: number;
  /** waits before the second, third, ... attempt */
  backoffMs?: readonly number[];
  observer?: InboxObserver;
}

/** What counts as Slack's own id of a request: it never sends two requests with the same one. */
export function requestKeyOf(body: SlackBody): string | undefined {
  if (body.type === 'event_callback') return typeof body.event_id === 'string' ? `event:${body.event_id}` : undefined;
  if (body.type === 'block_suggestion' || body.type === 'url_verification') return undefined; // nothing to do twice
  return typeof body.trigger_id === 'string' && body.trigger_id !== '' ? `trigger:${body.trigger_id}` : undefined;
}

/** The kind of a request for logs and metrics: fixed words, never content. */
export function inboxKindOf(body: SlackBody): string {
  if (typeof body.command === 'string') return 'slash_command';
  const event = eventTypeOf(body);
  return event ? `event_callback/${event.replace(/[^a-z_]/g, '')}` : String(body.type).replace(/[^a-z_]/g, '') || 'other';
}

/** The class and code of an error, never its message (it may quote what someone typed). */
export function errorLabel(err: unknown): string {
  if (!(err instanceof Error)) return 'non-error thrown';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name} [${code}]` : err.name;
}

/** Finished requests are kept this long: their keys turn away Slack's late retries and replays. */
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DONE_FLUSH_MS = 50;

interface Waiter {
  request: { requestKey: string; kind: string; bodyJson: string };
  resolve: (t: InboxTicket | 'duplicate') => void;
  reject: (err: unknown) => void;
}

export class DurableInbox {
  readonly owner = `replica-${randomUUID().slice(0, 8)}`;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private waiting: Waiter[] = [];
  private batchTimer: NodeJS.Immediate | undefined;
  /** batches being written now, and how many requests they hold */
  private lanesBusy = 0;
  private requestsWriting = 0;
  private readonly writes = new Set<Promise<void>>();
  private readonly writeLanes: number;
  private doneIds: string[] = [];
  private doneTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();
  private pollTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;
  private lastPrune = 0;

  constructor(private readonly options: InboxOptions) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffMs = options.backoffMs ?? [5_000, 30_000, 120_000];
    this.writeLanes = Math.max(1, options.store.writeLanes ?? 1);
  }

  /**
   * Requests whose answer waits for their record now (read, not yet written). Above a few, the bot is in a
   * burst even when its event loop is idle, waiting for the database: `LoopPressure` counts them.
   */
  get recording(): number {
    return this.waiting.length + this.requestsWriting;
  }

  /** Before listening: the record's statement runs once (caches, code paths), so the first burst does not pay for it. */
  async warmUp(): Promise<void> {
    await this.options.store.warmUp?.(this.now());
  }

  private lease(): Lease {
    return { owner: this.owner, until: new Date(this.now().getTime() + this.leaseMs) };
  }

  /**
   * Records the request before it is answered: a ticket to do it under, 'duplicate' when Slack's retry or a
   * replay finds it recorded, undefined when it has no id of Slack's (nothing to record). Throws when the
   * database cannot take it: the caller answers 5xx, so Slack retries an event and the person sees Slack's
   * own failure notice instead of a false success. `json` is the text the body was parsed from, kept as it is;
   * without it (Socket Mode) the body is written out.
   */
  record(body: SlackBody, json?: string): Promise<InboxTicket | 'duplicate' | undefined> {
    const requestKey = requestKeyOf(body);
    if (!requestKey || this.stopped) {
      if (requestKey && this.stopped) return Promise.reject(new Error('the inbox is stopping'));
      return Promise.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({
        request: { requestKey, kind: inboxKindOf(body), bodyJson: json ?? JSON.stringify(body) },
        resolve,
        reject,
      });
      // One batch per turn of the event loop: every request read in this turn is written with one statement,
      // right after the loop's I/O phase. (A 2 ms timer waited for the next turn's timers: under a burst,
      // when a turn takes tens of milliseconds, each ack waited a whole turn more.)
      this.batchTimer ??= setImmediate(() => void this.flushRecords());
    });
  }

  /**
   * Writes what is waiting as one batch, unless every write lane is busy: then it waits and goes, with whatever
   * arrived meanwhile, as soon as a lane is free (one larger statement instead of several queued small ones).
   */
  private flushRecords(): Promise<void> {
    this.batchTimer = undefined;
    if (this.lanesBusy >= this.writeLanes || this.waiting.length === 0) return Promise.resolve();
    const write = this.writeBatch(this.waiting.splice(0)).finally(() => this.writes.delete(write));
    this.writes.add(write);
    return write;
  }

  private async writeBatch(batch: Waiter[]): Promise<void> {
    this.lanesBusy += 1;
    this.requestsWriting += batch.length;
    const started = performance.now();
    let entries: Array<Omit<InboxTicket, 'failed'> | null> | undefined;
    let failure: unknown;
    try {
      entries = await this.options.store.recordRequests(
        batch.map((w) => w.request),
        this.lease(),
        this.now(),
      );
    } catch (err) {
      failure = err;
    }
    this.lanesBusy -= 1;
    this.requestsWriting -= batch.length;
    this.options.observer?.recorded(batch.length, (performance.now() - started) / 1000, entries !== undefined);
    // What arrived while every lane was busy goes now, before these answers go out: the database works meanwhile.
    if (!this.batchTimer) void this.flushRecords();
    if (!entries) {
      for (const w of batch) w.reject(failure);
      return;
    }
    batch.forEach((w, i) => {
      const entry = entries[i];
      if (entry) this.inFlight.add(entry.id);
      w.resolve(entry ? { ...entry } : 'duplicate');
    });
  }

  /** Runs one attempt of a recorded request, then records how it went. */
  async attempt(ticket: InboxTicket, body: SlackBody, work: () => Promise<void>): Promise<void> {
    this.inFlight.add(ticket.id);
    try {
      await work();
    } catch (err) {
      ticket.failed ??= err;
    } finally {
      this.inFlight.delete(ticket.id);
    }
    await this.settle(ticket, body);
  }

  private async settle(ticket: InboxTicket, body: SlackBody): Promise<void> {
    if (ticket.failed === undefined) {
      this.doneIds.push(ticket.id);
      this.doneTimer ??= setTimeout(() => void this.flushDone(), DONE_FLUSH_MS);
      return;
    }
    const error = errorLabel(ticket.failed);
    const { logger, store } = this.options;
    try {
      const final = this.options.isFinal?.(ticket.failed) ?? false;
      if (final || ticket.attempts >= this.maxAttempts) {
        if (final) logger.warn(`inbox: a ${ticket.kind} request cannot be done again (${error}); the person is told`);
        else logger.error(`inbox: a ${ticket.kind} request failed ${ticket.attempts} times (last: ${error}); the person is told`);
        await this.options.giveUp(body, ticket).catch((err: unknown) => {
          logger.error(`inbox: could not tell the person that a ${ticket.kind} request failed: ${errorLabel(err)}`);
        });
        await store.markFailed(ticket.id, this.now(), error);
        return;
      }
      const wait = this.backoffMs[Math.min(ticket.attempts - 1, this.backoffMs.length - 1)] ?? 5_000;
      logger.warn(`inbox: a ${ticket.kind} request failed (attempt ${ticket.attempts}, ${error}); trying again in ${wait} ms`);
      await store.markRetry(ticket.id, new Date(this.now().getTime() + wait), error);
    } catch (err) {
      // The lease runs out and another attempt comes: nothing is lost.
      logger.error(`inbox: could not record the outcome of a ${ticket.kind} request: ${errorLabel(err)}`);
    }
  }

  private async flushDone(): Promise<void> {
    this.doneTimer = undefined;
    const ids = this.doneIds.splice(0);
    if (ids.length === 0) return;
    try {
      await this.options.store.markDone(ids, this.now());
    } catch (err) {
      // Not lost: the lease runs out and the request is done again, which its listeners make harmless.
      this.options.logger.error(`inbox: could not mark ${ids.length} requests done: ${errorLabel(err)}`);
    }
  }

  /** Takes over due requests (on start and every `pollMs`), one pass at a time. */
  async poll(): Promise<number> {
    if (this.polling || this.stopped) return 0;
    this.polling = true;
    try {
      await this.pruneNowAndThen();
      const due = await this.options.store.claimDue(this.lease(), this.now(), 20);
      for (const row of due) {
        let body: SlackBody;
        try {
          body = JSON.parse(row.bodyJson) as SlackBody;
        } catch {
          await this.options.store.markFailed(row.id, this.now(), 'unreadable body');
          continue;
        }
        const ticket: InboxTicket = {
          id: row.id,
          requestKey: row.requestKey,
          kind: row.kind,
          attempts: row.attempts,
          receivedAt: row.receivedAt,
        };
        this.options.logger.info(`inbox: taking over a ${row.kind} request (attempt ${row.attempts})`);
        await this.attempt(ticket, body, () => this.options.redeliver(body, ticket));
      }
      return due.length;
    } catch (err) {
      this.options.logger.error(`inbox: looking for due requests failed: ${errorLabel(err)}`);
      return 0;
    } finally {
      this.polling = false;
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.options.store.pruneInbox(new Date(now - KEEP_FINISHED_MS));
  }

  start(): void {
    this.stopped = false;
    void this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
    this.renewTimer = setInterval(() => void this.renew(), Math.max(1_000, Math.floor(this.leaseMs / 3)));
    this.pollTimer.unref();
    this.renewTimer.unref();
  }

  private async renew(): Promise<void> {
    if (this.inFlight.size === 0) return;
    await this.options.store.renewLeases([...this.inFlight], this.lease()).catch((err: unknown) => {
      this.options.logger.warn(`inbox: could not renew leases: ${errorLabel(err)}`);
    });
  }

  /** Requests this replica is working on now. */
  get working(): number {
    return this.inFlight.size;
  }

  /**
   * Stopping (after in-flight work had its grace period): nothing new is recorded or taken over, outcomes are
   * written, and what is unfinished is released for the next replica or start at once.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.renewTimer);
    // What was read before stopping is still written (its answer waits for it), however many batches that takes.
    if (this.batchTimer) clearImmediate(this.batchTimer);
    this.batchTimer = undefined;
    while (this.writes.size > 0 || this.waiting.length > 0) {
      void this.flushRecords();
      await Promise.all([...this.writes]);
    }
    if (this.doneTimer) clearTimeout(this.doneTimer);
    await this.flushDone();
    const released = await this.options.store.releaseLeases(this.owner).catch(() => 0);
    if (released > 0) this.options.logger.info(`inbox: ${released} unfinished requests left for the next start`);
  }
}
