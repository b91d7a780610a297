import type { AppLogger } from '../logger.js';
import type { JunkReason, RequestObserver } from './observer.js';

/** At most one summary line per minute, however many junk requests arrive. */
export const JUNK_LOG_INTERVAL_MS = 60_000;

/**
 * Counts the requests turned away before Bolt (not Slack's, too large, not a Slack payload). Each one moves the
 * observer's counter (the metric); the log gets at most one line per interval: the first junk request of a quiet
 * spell is logged at once (a signing secret out of date shows up without waiting), the rest of the interval in
 * one summary line at its end. A flood of forged requests therefore costs no log volume.
 */
export class JunkRequests {
  private pending = new Map<JunkReason, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: AppLogger,
    private readonly observer: RequestObserver,
    private readonly intervalMs = JUNK_LOG_INTERVAL_MS,
  ) {}

  note(reason: JunkReason): void {
    this.observer.junk(reason);
    if (this.timer) {
      this.pending.set(reason, (this.pending.get(reason) ?? 0) + 1);
      return;
    }
    this.logger.warn(`refused a request: ${describe(new Map([[reason, 1]]))}; more in this minute are counted, not logged`);
    this.timer = setTimeout(() => this.endInterval(), this.intervalMs);
    this.timer.unref();
  }

  /** Logs what the interval counted (if anything) and starts a quiet spell. */
  private endInterval(): void {
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const total = [...this.pending.values()].reduce((a, b) => a + b, 0);
    this.logger.warn(`refused ${total} more request(s) in the last ${this.intervalMs / 1000} s: ${describe(this.pending)}`);
    this.pending = new Map();
    this.timer = setTimeout(() => this.endInterval(), this.intervalMs);
    this.timer.unref();
  }

  /** The bot is stopping: what was counted is logged now. */
  stop(): void {
    clearTimeout(this.timer);
    this.endInterval();
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const WHY: Record<JunkReason, string> = {
  unsigned: 'not signed by Slack',
  stale_timestamp: 'signed more than 5 minutes away from now',
  bad_signature: 'signature mismatch',
  too_large: 'body larger than Slack sends',
  unparseable: 'signed, but not a Slack payload',
};

function describe(counts: Map<JunkReason, number>): string {
  return [...counts].map(([reason, n]) => `${WHY[reason]} (${reason}): ${n}`).join(', ');
}
