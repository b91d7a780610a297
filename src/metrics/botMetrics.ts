import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { InboxObserver, JunkReason, RequestKind, RequestObserver, RequestOutcome } from '../requests/observer.js';
import { processMetrics } from './processMetrics.js';
import type { QueueSource } from './queues.js';

/** Connection pool use, where the database has a pool (PostgreSQL). */
export interface PoolStats {
  max: number;
  inUse: number;
  idle: number;
  waiting: number;
}

/** What the gauges read when Prometheus scrapes: each a cheap read of state the bot keeps anyway. */
export interface MetricSources {
  /** the durable queues: the outbox and the inbox */
  queues?: QueueSource[];
  /** the event loop as `LoopPressure` measures it */
  loop?: { readonly busy: boolean; readonly lagMs: number };
  /**
   * work waiting in memory: answered requests not yet dispatched, listener work waiting for a slot, App Home
   * refreshes waiting for `views.publish`'s turn, and (when the durable inbox is on) requests whose answer waits for
   * their record
   */
  waiting?: { dispatch(): number; afterAck(): number; home?(): number; inbox?(): number };
  pool?: () => PoolStats | undefined;
  /** false while Slack refuses the bot token */
  slackAuthOk?: () => boolean;
  /** the Web API methods the outbox sender is paused on (`*` = every method) */
  senderPaused?: () => readonly string[];
}

/** One scheduler pass's counts (`TickReport` flattened): what it did, by kind of work. */
export type PassWork = Record<string, number>;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A pass's report as work counts: `{ resumedParticipants: 1, checkIns: { nudges: 3 } }` becomes
 * `{ resumed_participants: 1, check_ins_nudges: 3 }`. Only numbers, only two levels: the report holds counts.
 */
export function flattenCounts(report: unknown, prefix = '', depth = 0): PassWork {
  const out: PassWork = {};
  if (typeof report !== 'object' || report === null || depth > 1) return out;
  for (const [key, value] of Object.entries(report)) {
    const name = `${prefix}${snake(key)}`;
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
    else Object.assign(out, flattenCounts(value, `${name}_`, depth + 1));
  }
  return out;
}

export interface OutboxPassCounts {
  sent: number;
  failed: number;
  retried: number;
  /** attempts Slack answered with 429 (they are retried too) */
  rateLimited?: number;
}

const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const RECORD_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3];
const PASS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The metrics of one running bot, in a registry of its own (tests start several bots in one process), served
 * at `GET /metrics` with the process's metrics (`processMetrics`). Every label is a fixed word (a request kind,
 * an outcome, a reason, a queue): never a user id, a name or a text.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly requests: RequestObserver;
  readonly inbox: InboxObserver;
  private readonly outbox: Record<keyof Required<OutboxPassCounts>, Counter>;
  private readonly passes: Counter<'outcome'>;
  private readonly passSeconds: Histogram;
  private readonly lastSuccess: Gauge;
  private readonly work: Counter<'work'>;

  constructor(sources: MetricSources = {}) {
    const registers = [this.registry];
    const slackRequests = new Counter({
      name: 'rm_slack_requests_total',
      help: 'Verified Slack requests answered, by kind (payload type) and outcome (ok, refused, error; draining: turned away while stopping)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    const ackSeconds = new Histogram({
      name: 'rm_slack_ack_duration_seconds',
      help: 'Seconds from a verified request arriving to its answer being written (Slack waits 3 s)',
      labelNames: ['kind'],
      buckets: ACK_BUCKETS,
      registers,
    });
    const junk = new Counter({
      name: 'rm_slack_junk_requests_total',
      help: 'Requests turned away before Bolt: unsigned, stale_timestamp, bad_signature, too_large, unparseable',
      labelNames: ['reason'],
      registers,
    });
    this.requests = {
      answered(kind: RequestKind, outcome: RequestOutcome, seconds: number) {
        slackRequests.inc({ kind, outcome });
        if (outcome !== 'draining') ackSeconds.observe({ kind }, seconds);
      },
      junk(reason: JunkReason) {
        junk.inc({ reason });
      },
    };

    const recordSeconds = new Histogram({
      name: 'rm_inbox_record_duration_seconds',
      help: "Seconds each batch of the durable inbox's records took to commit (ok) or fail (failed); every answer in the batch waited for it",
      labelNames: ['outcome'],
      buckets: RECORD_BUCKETS,
      registers,
    });
    const recorded = new Counter({
      name: 'rm_inbox_recorded_requests_total',
      help: 'Requests whose answer waited for their record in the durable inbox, by outcome (ok, failed: answered 503)',
      labelNames: ['outcome'],
      registers,
    });
    this.inbox = {
      recorded(requests: number, seconds: number, ok: boolean) {
        const outcome = ok ? 'ok' : 'failed';
        recordSeconds.observe({ outcome }, seconds);
        recorded.inc({ outcome }, requests);
      },
    };

    const counter = (name: string, help: string) => new Counter({ name, help, registers });
    this.outbox = {
      sent: counter('rm_outbox_sent_total', 'Outbox messages delivered by this process'),
      failed: counter('rm_outbox_failed_total', 'Outbox messages given up by this process (coordinators are told)'),
      retried: counter('rm_outbox_retried_total', 'Outbox attempts that will be retried (429s, 5xx, timeouts, network)'),
      rateLimited: counter('rm_outbox_rate_limited_total', 'Outbox attempts Slack answered with 429 (counted in retried too)'),
    };

    this.passes = new Counter({
      name: 'rm_scheduler_passes_total',
      help: 'Scheduler passes run by this process, by outcome (ok, failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.passSeconds = new Histogram({
      name: 'rm_scheduler_pass_duration_seconds',
      help: 'How long each scheduler pass took',
      buckets: PASS_BUCKETS,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'rm_scheduler_last_success_timestamp_seconds',
      help: 'Unix time at which the last successful scheduler pass of this process ended (0: none yet)',
      registers,
    });
    this.work = new Counter({
      name: 'rm_scheduler_work_total',
      help: 'What scheduler passes did, by kind of work (nudges, reminders, check-ins created, ...)',
      labelNames: ['work'],
      registers,
    });
    this.gauges(sources);
  }

  /** Counts one outbox pass of this process. */
  outboxPass(counts: OutboxPassCounts): void {
    for (const key of Object.keys(this.outbox) as Array<keyof typeof this.outbox>) {
      const n = counts[key] ?? 0;
      if (n > 0) this.outbox[key].inc(n);
    }
  }

  /** Counts one scheduler pass: its outcome, duration and (when it succeeded) what it did. */
  schedulerPass(outcome: 'ok' | 'failed', seconds: number, endedAt: Date, work: PassWork = {}): void {
    this.passes.inc({ outcome });
    this.passSeconds.observe(seconds);
    if (outcome !== 'ok') return;
    this.lastSuccess.set(endedAt.getTime() / 1000);
    for (const [kind, n] of Object.entries(work)) if (n > 0) this.work.inc({ work: kind }, n);
  }

  /** The exposition text: this bot's metrics, then the process's. */
  async text(): Promise<{ contentType: string; text: string }> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, text: `${own}\n${process}` };
  }

  private gauges(s: MetricSources): void {
    const registers = [this.registry];
    const queues = s.queues ?? [];
    const read = () => Promise.all(queues.map(async (q) => ({ queue: q.queue, stats: await q.read() })));
    new Gauge({
      name: 'rm_queue_depth',
      help: 'Rows not yet done in a durable queue (outbox: pending and sending messages)',
      labelNames: ['queue'],
      registers,
      async collect() {
        for (const { queue, stats } of await read()) this.set({ queue }, stats.depth);
      },
    });
    new Gauge({
      name: 'rm_queue_due',
      help: 'Rows of a durable queue that could be worked on now',
      labelNames: ['queue'],
      registers,
      async collect() {
        for (const { queue, stats } of await read()) this.set({ queue }, stats.due);
      },
    });
    new Gauge({
      name: 'rm_queue_oldest_due_age_seconds',
      help: 'How long the longest-waiting due row of a durable queue has waited (0: none due)',
      labelNames: ['queue'],
      registers,
      async collect() {
        for (const { queue, stats } of await read()) this.set({ queue }, stats.oldestDueAgeSeconds);
      },
    });
    const { loop, waiting, pool, slackAuthOk, senderPaused } = s;
    if (loop) {
      new Gauge({
        name: 'rm_event_loop_lag_seconds',
        help: "How late the bot's 20 ms event-loop probe fired last",
        registers,
        collect() {
          this.set(loop.lagMs / 1000);
        },
      });
      new Gauge({
        name: 'rm_event_loop_busy',
        help: '1 while the event loop is saturated (the bot only acknowledges; work waits)',
        registers,
        collect() {
          this.set(loop.busy ? 1 : 0);
        },
      });
    }
    if (waiting) {
      new Gauge({
        name: 'rm_requests_waiting',
        help: "Work waiting in memory: inbox (read, answer waiting for its record), dispatch (answered, not yet dispatched), after_ack (listener work waiting for a slot), home (App Home refreshes waiting for views.publish's turn)",
        labelNames: ['stage'],
        registers,
        collect() {
          if (waiting.inbox) this.set({ stage: 'inbox' }, waiting.inbox());
          this.set({ stage: 'dispatch' }, waiting.dispatch());
          this.set({ stage: 'after_ack' }, waiting.afterAck());
          if (waiting.home) this.set({ stage: 'home' }, waiting.home());
        },
      });
    }
    if (pool) {
      new Gauge({
        name: 'rm_db_pool_connections',
        help: 'Database pool connections by state (in_use, idle), with max, and queries waiting for one (waiting)',
        labelNames: ['state'],
        registers,
        collect() {
          const p = pool();
          if (!p) return;
          this.set({ state: 'max' }, p.max);
          this.set({ state: 'in_use' }, p.inUse);
          this.set({ state: 'idle' }, p.idle);
          this.set({ state: 'waiting' }, p.waiting);
        },
      });
    }
    if (slackAuthOk) {
      new Gauge({
        name: 'rm_slack_auth_ok',
        help: '0 while Slack refuses the bot token (invalid_auth, token_revoked, ...): nothing can be sent',
        registers,
        collect() {
          this.set(slackAuthOk() ? 1 : 0);
        },
      });
    }
    if (senderPaused) {
      new Gauge({
        name: 'rm_outbox_sender_paused',
        help: 'Web API methods the outbox sender is paused on after an error no retry fixes (method="*": every method); 0 when none',
        labelNames: ['method'],
        registers,
        collect() {
          this.reset();
          const methods = senderPaused();
          if (methods.length === 0) this.set({ method: 'none' }, 0);
          for (const method of methods) this.set({ method }, 1);
        },
      });
    }
  }
}
