import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppLogger } from '../logger.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../store/database.js';
import { acquireLease, releaseLease, renewLease } from '../store/jobLease.js';

/** The JobLease row the scheduler's passes share across replicas. */
export const SCHEDULER_LEASE = 'scheduler';

export interface PassLeaseOptions {
  db: Db;
  /** Unique per process: names the holder (default host:pid:random). */
  holder?: string;
  /** How long the lease lasts unless renewed: a replica that crashed mid-pass is taken over after this (default 2 min). */
  ttlMs?: number;
  /** How often a running pass renews it (default a quarter of ttlMs). */
  renewEveryMs?: number;
}

export type PassOutcome = 'done' | 'skipped' | 'failed';

/** What the last pass of this process did: for logs, health and metrics. */
export interface SchedulerStatus {
  lastPassAt: Date | undefined;
  lastOutcome: PassOutcome | undefined;
  lastSuccessAt: Date | undefined;
}

/**
 * Calls `pass(clock.now())` on a cron schedule, never two passes at once in this process and, with a lease,
 * never two at once across replicas: a pass starts only once this process holds the JobLease row, renews it
 * while running and lets go when done; a replica whose lease is held skips its pass (the holder does the work).
 * `stop()` cancels future passes and waits for the running one: part of a graceful shutdown.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly lease: Required<PassLeaseOptions> | undefined;
  readonly status: SchedulerStatus = { lastPassAt: undefined, lastOutcome: undefined, lastSuccessAt: undefined };

  constructor(
    private readonly cronExpression: string,
    private readonly pass: (now: Date) => Promise<unknown>,
    private readonly clock: Clock,
    private readonly logger: AppLogger,
    lease?: PassLeaseOptions,
  ) {
    if (lease) this.lease = passLease(lease);
  }

  start(): void {
    this.task = cron.schedule(this.cronExpression, () => this.runOnce(), { noOverlap: true, name: 'rm-tick' });
  }

  /** Runs one pass now unless one is running (then waits for that one), or another replica holds the lease (then skips). */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    this.running = this.leasedPass()
      .then((outcome) => this.note(outcome))
      .catch((err: unknown) => {
        this.note('failed');
        this.logger.error('scheduler pass failed:', err);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    await this.task?.destroy();
    await this.running;
  }

  private note(outcome: PassOutcome): void {
    const at = this.clock.now();
    this.status.lastPassAt = at;
    this.status.lastOutcome = outcome;
    if (outcome === 'done') this.status.lastSuccessAt = at;
  }

  private async leasedPass(): Promise<PassOutcome> {
    const now = this.clock.now();
    if (!this.lease) return this.timedPass(now);
    const ran = await underSchedulerLease(this.lease, this.clock, this.logger, () => this.timedPass(now));
    if (ran.held) return ran.value;
    this.logger.debug('scheduler pass skipped: another replica holds the lease');
    return 'skipped';
  }

  private async timedPass(now: Date): Promise<PassOutcome> {
    const started = Date.now();
    const report = await this.pass(now);
    this.logger.debug('scheduler pass done in', `${Date.now() - started} ms`, report);
    return 'done';
  }
}

export type LeasedRun<T> = { held: true; value: T } | { held: false };

/** The lease settings a process uses for its passes, with defaults filled in. */
export function passLease(lease: PassLeaseOptions): Required<PassLeaseOptions> {
  const ttlMs = lease.ttlMs ?? 120_000;
  return {
    db: lease.db,
    holder: lease.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ttlMs,
    renewEveryMs: lease.renewEveryMs ?? Math.floor(ttlMs / 4),
  };
}

/**
 * Runs `work` only while holding the scheduler's JobLease row: takes it, renews it while `work` runs, lets go
 * after. `{ held: false }` without running anything when another process holds it. Used by the serving
 * process's passes and by `rm-bot tick`, so an external cron and the replicas never run two passes at once.
 */
export async function underSchedulerLease<T>(
  lease: Required<PassLeaseOptions>,
  clock: Clock,
  logger: AppLogger,
  work: () => Promise<T>,
): Promise<LeasedRun<T>> {
  if (!(await acquireLease(lease.db, SCHEDULER_LEASE, lease.holder, clock.now(), lease.ttlMs))) return { held: false };
  let lost = false;
  const renew = setInterval(() => {
    renewLease(lease.db, SCHEDULER_LEASE, lease.holder, clock.now(), lease.ttlMs)
      .then((held) => {
        // Every step of a pass is a compare-and-set, so an overlap is safe: it only costs duplicate reads.
        if (!held && !lost) logger.warn('scheduler: the lease expired during this pass and another replica took it');
        lost ||= !held;
      })
      .catch((err: unknown) => logger.warn('scheduler: could not renew the lease:', err));
  }, lease.renewEveryMs);
  renew.unref();
  try {
    return { held: true, value: await work() };
  } finally {
    clearInterval(renew);
    await releaseLease(lease.db, SCHEDULER_LEASE, lease.holder).catch((err: unknown) =>
      logger.warn('scheduler: could not release the lease (it expires by itself):', err),
    );
  }
}
