import cron, { type ScheduledTask } from 'node-cron';
import type { AppLogger } from '../logger.js';
import type { Clock } from '../core/clock.js';

/**
 * Calls `pass(clock.now())` on a cron schedule, never two passes at once in this process.
 * `stop()` cancels future passes and waits for the running one: part of a graceful shutdown.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly cronExpression: string,
    private readonly pass: (now: Date) => Promise<unknown>,
    private readonly clock: Clock,
    private readonly logger: AppLogger,
  ) {}

  start(): void {
    this.task = cron.schedule(this.cronExpression, () => this.runOnce(), { noOverlap: true, name: 'rm-tick' });
  }

  /** Runs one pass now unless one is running (then waits for that one). */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    const started = Date.now();
    this.running = this.pass(this.clock.now())
      .then((report) => this.logger.debug('scheduler pass done in', `${Date.now() - started} ms`, report))
      .catch((err: unknown) => this.logger.error('scheduler pass failed:', err))
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
}
