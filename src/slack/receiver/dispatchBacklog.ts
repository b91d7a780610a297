import type { InFlight } from '../../http/inFlight.js';
import type { LoopPressure } from '../../http/loopPressure.js';

export type DispatchPriority = 'urgent' | 'normal';

/**
 * Requests already acknowledged (button clicks, events: Slack ignores what their ack says) wait here for
 * Bolt to dispatch them to their listener. While the event loop is calm that is at once. While it is saturated
 * (a burst) they wait: Bolt's dispatch (its middleware, the listener's parsing) is most of what each request
 * costs, and every millisecond spent on it is one more that every unread request waits for its ack.
 *
 * Once the loop is calm again the backlog drains, `perTurn` at a time per turn of the loop, urgent work first
 * (buttons that open a modal: their trigger id dies 3 s after the click), so that new requests are still
 * read between batches. Above `maxWaiting` the oldest start anyway, so memory stays bounded under sustained
 * overload. Everything waiting counts as work in flight: a graceful shutdown waits for it.
 */
export class DispatchBacklog {
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];
  private draining = false;

  constructor(
    private readonly pressure: Pick<LoopPressure, 'busy'>,
    private readonly work?: InFlight,
    private readonly perTurn = 16,
    private readonly maxWaiting = 5000,
    private readonly busyRecheckMs = 20,
  ) {}

  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  /** Runs `dispatch` now, or later when the loop is saturated. Its failures are the caller's to handle inside it. */
  submit(dispatch: () => Promise<void>, priority: DispatchPriority = 'normal'): void {
    this.work?.begin();
    const start = () => {
      dispatch().finally(() => this.work?.end()).catch(() => undefined);
    };
    if (this.waiting === 0 && !this.pressure.busy) {
      start();
      return;
    }
    (priority === 'urgent' ? this.urgent : this.normal).push(start);
    if (this.waiting > this.maxWaiting) this.next()?.();
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = () => {
      if (this.pressure.busy) {
        setTimeout(step, this.busyRecheckMs);
        return;
      }
      for (let i = 0; i < this.perTurn; i++) {
        const next = this.next();
        if (!next) break;
        next();
      }
      if (this.waiting === 0) this.draining = false;
      else setImmediate(step);
    };
    setImmediate(step);
  }

  private next(): (() => void) | undefined {
    return this.urgent.shift() ?? this.normal.shift();
  }
}
