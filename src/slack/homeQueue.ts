// App Home publishes that wait for views.publish's turn (Tier 4: about 100 a minute per workspace; paced from it,
// and from Slack's Retry-After when a 429 comes anyway). A Home can wait: each person's refresh is kept (one per
// person, however often they open the tab meanwhile) and published when its turn comes, at the back of the work
// after acks, instead of being dropped.
import type { WebClient } from '@slack/web-api';
import type { AppLogger } from '../logger.js';
import type { AfterAckQueue } from '../requests/afterAck.js';
import type { SlackPace } from './pace.js';

export interface HomeQueueOptions {
  pace: SlackPace;
  afterAck: Pick<AfterAckQueue, 'run'>;
  logger: AppLogger;
  /** Publishes the person's Home as it is now; throws Slack's error (a 429 among them). */
  publish: (client: WebClient, slackUserId: string) => Promise<void>;
  /** Publishes at once (default 4). */
  width?: number;
  /** A refresh still waiting after this long is dropped: the next open publishes again (default 15 minutes). */
  maxAgeMs?: number;
  now?: () => number;
}

export class HomeQueue {
  private readonly pending = new Map<string, { client: WebClient; since: number }>();
  /** Publishes queued behind other work and not started yet, by person: later opens share them. */
  private readonly queued = new Map<string, Promise<void>>();
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly width: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly o: HomeQueueOptions) {
    this.width = o.width ?? 4;
    this.maxAgeMs = o.maxAgeMs ?? 15 * 60_000;
    this.now = o.now ?? Date.now;
  }

  /** Publishes this person's Home once Slack allows it. */
  later(client: WebClient, slackUserId: string): void {
    if (this.stopped) return;
    if (!this.pending.has(slackUserId)) this.pending.set(slackUserId, { client, since: this.now() });
    this.drain();
  }

  /**
   * Runs `publish` for this person at the back of the work after acks (the background lane). An open while one of
   * theirs still waits there shares it instead of rendering the Home again: the waiting one has not read anything
   * yet, so it shows the latest state. Once it has started, the next open queues a new one (it may have read before
   * a change).
   */
  soon(slackUserId: string, publish: () => Promise<void>): Promise<void> {
    const waiting = this.queued.get(slackUserId);
    if (waiting) return waiting;
    let started = false;
    const queued = this.o.afterAck.run(() => {
      started = true;
      this.queued.delete(slackUserId);
      return publish();
    }, 'background');
    // A free slot starts the work within run() itself: then nothing waits to be shared.
    if (!started) this.queued.set(slackUserId, queued);
    return queued;
  }

  /** People whose Home waits to be published. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Drops what waits (a Home is not worth keeping a shutdown for: the next open publishes it). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.pending.size > 0) this.o.logger.info(`${this.pending.size} App Home refresh(es) dropped at shutdown`);
    this.pending.clear();
  }

  private drain(): void {
    if (this.stopped || this.timer) return;
    while (this.running < this.width && this.pending.size > 0) {
      const [slackUserId, entry] = this.pending.entries().next().value!;
      if (this.now() - entry.since > this.maxAgeMs) {
        this.pending.delete(slackUserId);
        this.o.logger.warn('App Home not refreshed: Slack rate-limited views.publish for too long');
        continue;
      }
      if (!this.o.pace.tryTake('views.publish')) {
        this.wakeWhenPaced();
        return;
      }
      this.pending.delete(slackUserId);
      this.running++;
      this.o.afterAck
        .run(() => this.o.publish(entry.client, slackUserId), 'background')
        .catch((err: unknown) => {
          if (this.o.pace.noteIfLimited('views.publish', err)) {
            if (!this.pending.has(slackUserId)) this.pending.set(slackUserId, entry);
          } else this.o.logger.warn('App Home not refreshed:', (err as { code?: string }).code ?? 'unknown error');
        })
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }

  private wakeWhenPaced(): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(1, this.o.pace.waitFor('views.publish')),
    );
    this.timer.unref();
  }
}
