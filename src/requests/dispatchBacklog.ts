import type { InFlight } from './inFlight.js';
import type { LoopPressure } from './loopPressure.js';

export type DispatchPriority = 'urgent' | 'normal';

interface Waiting {
  seq: number;
  since: number;
  start: () => void;
}

export interface DispatchBacklogOptions {
  work?: InFlight;
  /** how many start per turn of the loop once it is calm */
  perTurn?: number;
  /** above this many waiting, the oldest start anyway (memory stays bounded under sustained overload) */
  maxWaiting?: number;
  /** nothing waits longer than this (ms), however long the loop stays saturated */
  maxWaitMs?: number;
  busyRecheckMs?: number;
  now?: () => number;
}

/**
 * Requests already acknowledged (button clicks, events: Slack ignores what their ack says) wait here for
 * Bolt to dispatch them to their listener. While the event loop is calm that is at once. While it is saturated
 * (a burst) they wait: Bolt's dispatch (its middleware, the listener's parsing) is most of what each request
 * costs, and every millisecond spent on it is one more that every unread request waits for its ack.
 *
 * Once the loop is calm again the backlog drains, `perTurn` at a time per turn of the loop, urgent work first
 * (buttons that open a modal: their trigger id dies 3 s after the click), so that new requests are still
 * read between batches. Nothing waits forever: above `maxWaiting` waiting, or after `maxWaitMs`, the oldest
 * start anyway. On shutdown `flush` starts everything. Everything waiting counts as work in flight: a
 * graceful shutdown waits for it.
 */
export class DispatchBacklog {
  private readonly urgent: Waiting[] = [];
  private readonly normal: Waiting[] = [];
  private draining = false;
  private closing = false;
  private seq = 0;
  private readonly perTurn: number;
  private readonly maxWaiting: number;
  private readonly maxWaitMs: number;
  private readonly busyRecheckMs: number;
  private readonly now: () => number;

  constructor(
    private readonly pressure: Pick<LoopPressure, 'busy'>,
    private readonly options: DispatchBacklogOptions = {},
  ) {
    this.perTurn = options.perTurn ?? 16;
    this.maxWaiting = options.maxWaiting ?? 5000;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
    this.busyRecheckMs = options.busyRecheckMs ?? 20;
    this.now = options.now ?? (() => performance.now());
  }

  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  /** Runs `dispatch` now, or later when the loop is saturated. Its failures are the caller's to handle inside it. */
  submit(dispatch: () => Promise<void>, priority: DispatchPriority = 'normal'): void {
    const work = this.options.work;
    work?.begin();
    const start = () => {
      dispatch()
        .finally(() => work?.end())
        .catch(() => undefined);
    };
    if (this.closing || (this.waiting === 0 && !this.pressure.busy)) {
      start();
      return;
    }
    (priority === 'urgent' ? this.urgent : this.normal).push({ seq: ++this.seq, since: this.now(), start });
    if (this.waiting > this.maxWaiting) this.oldest()?.start();
    this.scheduleDrain();
  }

  /** Runs `dispatch` now, whatever the pressure (it takes its own turn elsewhere), counted as work in flight. */
  start(dispatch: () => Promise<void>): void {
    const work = this.options.work;
    work?.begin();
    dispatch()
      .finally(() => work?.end())
      .catch(() => undefined);
  }

  /** Shutting down: start everything waiting now, and whatever arrives from here on at once. */
  flush(): void {
    this.closing = true;
    for (let next = this.next(); next; next = this.next()) next.start();
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = () => {
      if (this.pressure.busy && !this.closing) {
        const limit = this.now() - this.maxWaitMs;
        for (let i = 0; i < this.perTurn && this.oldestSince() <= limit; i++) this.oldest()?.start();
        if (this.waiting === 0) this.draining = false;
        else setTimeout(step, this.busyRecheckMs);
        return;
      }
      for (let i = 0; i < this.perTurn; i++) {
        const next = this.next();
        if (!next) break;
        next.start();
      }
      if (this.waiting === 0) this.draining = false;
      else setImmediate(step);
    };
    setImmediate(step);
  }

  /** urgent first */
  private next(): Waiting | undefined {
    return this.urgent.shift() ?? this.normal.shift();
  }

  /** whichever waited longest, whatever its priority */
  private oldest(): Waiting | undefined {
    const u = this.urgent[0];
    const n = this.normal[0];
    if (!u) return this.normal.shift();
    if (!n) return this.urgent.shift();
    return u.seq < n.seq ? this.urgent.shift() : this.normal.shift();
  }

  private oldestSince(): number {
    return Math.min(this.urgent[0]?.since ?? Infinity, this.normal[0]?.since ?? Infinity);
  }
}
