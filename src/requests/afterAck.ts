import type { LoopPressure } from './loopPressure.js';

/**
 * `urgent`: bound to a trigger id (a modal within 3 s of the click) or a command's answer; `normal`: a click's
 * work; `background`: what can wait (a Home refresh), started only when nothing above it is waiting.
 */
export type AfterAckPriority = 'urgent' | 'normal' | 'background';

const ORDER: readonly AfterAckPriority[] = ['urgent', 'normal', 'background'];

export interface AfterAckOptions {
  /** Waiting pieces beyond this start even while the loop is saturated, so memory stays bounded (default 5000). */
  maxDeferred?: number;
  /** A piece still running after this long hands its slot to the next one, and keeps running (default 500 ms). */
  releaseAfterMs?: number;
  /** At most this many such long pieces at once; beyond it they keep their slots (default 256). */
  maxReleased?: number;
  /** Urgent pieces that may run while the loop is saturated: a trigger id does not wait for calm (default 2). */
  busyUrgentSlots?: number;
}

interface Lane {
  running: number;
  waiting: Array<() => void>;
}

/**
 * The work listeners do after their ack (database writes, Web API calls) takes its turn here, a few at a
 * time, so that in a burst the event loop keeps reading and acknowledging new requests (Slack waits at most
 * 3 s for each) instead of queueing them behind that work.
 *
 * Three lanes of `slots` each: work bound to a trigger id (views.open / views.push within 3 s of the click) and
 * command answers run in the urgent lane and never wait behind other work; clicks' work in the normal lane; what
 * can wait (App Home publishes) in the background lane, one at a time while anything else is waiting. A piece still running after `releaseAfterMs` is
 * waiting on I/O (a slow Slack call, a slow response_url), not using the loop: it hands its slot to the next
 * piece and goes on, so eight slow `views.publish` calls cannot hold a click's database write for their whole
 * timeout (SLACK_TIMEOUT_MS bounds each call).
 *
 * While the event loop is saturated (`LoopPressure`) no new piece starts, but for `busyUrgentSlots` urgent ones (a
 * trigger id dies 3 s after the click, burst or not): every piece running beside the acks lengthens each turn of
 * the loop, and so every request's wait to be read. The waiting work catches up at full
 * width as soon as the loop is calm again, urgent first; when more than `maxDeferred` pieces are waiting it runs
 * at full width anyway, so memory stays bounded under sustained overload.
 *
 * One per running bot (src/runtime.ts creates it and hands it to the listeners as `ListenerDeps.afterAck`).
 */
export class AfterAckQueue {
  private readonly lanes: Record<AfterAckPriority, Lane> = {
    urgent: { running: 0, waiting: [] },
    normal: { running: 0, waiting: [] },
    background: { running: 0, waiting: [] },
  };
  private released = 0;
  private readonly maxDeferred: number;
  private readonly releaseAfterMs: number;
  private readonly maxReleased: number;
  private readonly busyUrgentSlots: number;

  constructor(
    private readonly slots: number,
    private readonly pressure?: Pick<LoopPressure, 'busy' | 'onCalm'>,
    options: AfterAckOptions = {},
  ) {
    this.maxDeferred = options.maxDeferred ?? 5000;
    this.releaseAfterMs = options.releaseAfterMs ?? 500;
    this.maxReleased = options.maxReleased ?? 256;
    this.busyUrgentSlots = Math.min(slots, options.busyUrgentSlots ?? 2);
    pressure?.onCalm(() => this.pump());
  }

  async run<T>(work: () => Promise<T>, priority: AfterAckPriority = 'normal'): Promise<T> {
    const lane = this.lanes[priority];
    if (lane.waiting.length === 0 && lane.running < this.capacity(priority)) lane.running++;
    else {
      await new Promise<void>((resolve) => {
        lane.waiting.push(resolve);
        this.pump(); // at the bound, the newest arrival lets the oldest start
      });
    }
    let holds = true;
    let released = false;
    const handBack = () => {
      if (!holds) return;
      holds = false;
      lane.running--;
      this.pump();
    };
    const timer = setTimeout(() => {
      if (this.released >= this.maxReleased) return;
      this.released++;
      released = true;
      handBack();
    }, this.releaseAfterMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      if (released) this.released--;
      handBack();
    }
  }

  /** Work waiting for a slot (for tests and diagnostics). */
  get waiting(): number {
    return ORDER.reduce((n, p) => n + this.lanes[p].waiting.length, 0);
  }

  /**
   * A lane's room: while the loop is saturated, a little for urgent work and none for the rest; background work
   * (what can wait) one piece while urgent or normal work is waiting, so it goes last but never starves.
   */
  private capacity(priority: AfterAckPriority): number {
    if (this.pressure?.busy && this.waiting < this.maxDeferred) return priority === 'urgent' ? this.busyUrgentSlots : 0;
    if (priority === 'background' && this.lanes.urgent.waiting.length + this.lanes.normal.waiting.length > 0) return 1;
    return this.slots;
  }

  /** Starts waiting work while its lane has room, urgent first. */
  private pump(): void {
    for (const priority of ORDER) {
      const lane = this.lanes[priority];
      while (lane.running < this.capacity(priority)) {
        const next = lane.waiting.shift();
        if (!next) break;
        lane.running++;
        next();
      }
    }
  }
}
