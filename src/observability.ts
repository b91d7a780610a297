// What an operator watches: the metrics of one bot and its readiness, made from the parts src/runtime.ts starts.
import { systemClock, type Clock } from './core/clock.js';
import { BotMetrics, type MetricSources } from './metrics/botMetrics.js';
import { cachedQueue, type QueueSource } from './metrics/queues.js';
import type { Readiness } from './requests/httpServer.js';
import type { SlackAuthStatus } from './slack/authStatus.js';
import type { SenderStatus } from './slack/senderStatus.js';
import type { Database } from './store/database.js';
import { missingMigrations, shippedMigrations } from './store/migrationStatus.js';
import { outboxQueueStats } from './store/queueStats.js';
import { inboxQueueStats } from './store/inbox.js';

/** A scrape reads the queues from the database at most this often (a scrape storm costs nothing more). */
export const QUEUE_STATS_MAX_AGE_MS = 5_000;
/** How long readiness waits for the database before it calls it unreachable. */
export const READINESS_TIMEOUT_MS = 2_000;

export interface ObservedParts {
  db: Database;
  clock: Clock;
  loop: { readonly busy: boolean; readonly lagMs: number };
  slackAuth: SlackAuthStatus;
  /** the outbox sender's pauses on errors no retry fixes */
  sender: SenderStatus;
  /** work waiting in memory (the receiver's backlog exists in HTTP mode only) */
  waiting: NonNullable<MetricSources['waiting']>;
  queueStatsMaxAgeMs?: number;
}

export function outboxQueue(db: Database, clock: Clock): QueueSource {
  return {
    queue: 'outbox',
    async read() {
      const now = clock.now();
      const stats = await outboxQueueStats(db.client, now);
      const age = stats.oldestDueSince ? Math.max(0, (now.getTime() - stats.oldestDueSince.getTime()) / 1000) : 0;
      return { depth: stats.depth, due: stats.due, oldestDueAgeSeconds: age };
    },
  };
}

/** The inbox's leases and retries run on real time (never a simulated clock): so does its gauge. */
export function inboxQueue(db: Database, clock: Clock): QueueSource {
  return {
    queue: 'inbox',
    async read() {
      const now = clock.now();
      const stats = await inboxQueueStats(db.client, now);
      const age = stats.oldestDueSince ? Math.max(0, (now.getTime() - stats.oldestDueSince.getTime()) / 1000) : 0;
      return { depth: stats.depth, due: stats.due, oldestDueAgeSeconds: age };
    },
  };
}

export function createMetrics(parts: ObservedParts): BotMetrics {
  const maxAge = parts.queueStatsMaxAgeMs ?? QUEUE_STATS_MAX_AGE_MS;
  return new BotMetrics({
    queues: [cachedQueue(outboxQueue(parts.db, parts.clock), maxAge), cachedQueue(inboxQueue(parts.db, systemClock), maxAge)],
    loop: parts.loop,
    waiting: parts.waiting,
    pool: () => parts.db.poolUse(),
    slackAuthOk: () => parts.slackAuth.ok,
    senderPaused: () => parts.sender.paused.map((p) => p.method),
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * Readiness apart from draining (the HTTP server adds that): the database answers within 2 s, every migration
 * this build ships is applied (the list is read once, here; each check is one small query), and Slack accepts
 * the bot token. The mode is reported too, and whether the outbox sender is paused on a missing scope: that
 * says what to fix but does not take the replica out (requests are still answered and recorded).
 */
export async function readinessCheck(
  db: Database,
  slackAuth: SlackAuthStatus,
  sender: SenderStatus,
  mode: 'http' | 'socket',
): Promise<() => Promise<Readiness>> {
  const shipped = await shippedMigrations(db.kind);
  return async () => {
    const missing = await withTimeout(missingMigrations(db.client, shipped), READINESS_TIMEOUT_MS);
    const checks = {
      database: missing ? 'reachable' : 'unreachable',
      migrations: !missing ? 'unknown' : missing.length === 0 ? 'applied' : `${missing.length} missing`,
      slack: slackAuth.problem ? `token refused (${slackAuth.problem})` : 'authorized',
      sender: sender.describe(),
      mode,
    };
    return { ok: missing?.length === 0 && slackAuth.ok, checks };
  };
}
