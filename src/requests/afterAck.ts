import type { LoopPressure } from './loopPressure.js';

export type AfterAckPriority = 'urgent' | 'normal';

export interface AfterAckOptions {
  /** Waiting pieces beyond this start even while the loop is saturated, so memory stays bounded (default 5000). */
  maxDeferred?: number;
  /** A piece still running after this long hands its slot to the next one, and keeps running (default 500 ms). */
  releaseAfterMs?: number;
  /** At most this many such long pieces at once; beyond it they keep their slots (default 256). */
  maxReleased?: number;
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
 * Two lanes of `slots` each: work bound to a trigger id (views.open / views.push within 3 s of the click) runs
 * in the urgent lane and never waits behind other work. A piece still running after `releaseAfterMs` is
 * waiting on I/O (a slow Slack call, a slow response_url), not using the loop: it hands its slot to the next
 * piece and goes on, so eight slow `views.publish` calls cannot hold a click's database write for their whole
 * timeout (SLACK_TIMEOUT_MS bounds each call).
 *
 * While the event loop is saturated (`LoopPressure`) no new piece starts: every piece running beside the acks
 * lengthens each turn of the loop, and so every request's wait to be read. The waiting work catches up at full
 * width as soon as the loop is calm again, urgent first; when more than `maxDeferred` pieces are waiting it runs
 * at full width anyway, so memory stays bounded under sustained overload.
 *
 * One per running bot (src/runtime.ts creates it and hands it to the listeners as `ListenerDeps.afterAck`).
 */
export class AfterAckQueue {
  private readonly lanes: Record<AfterAckPriority, Lane> = {
    urgent: { running: 0, waiting: [] },
    normal: { running: 0, waiting: [] },
  };
  private released = 0;
  private readonly maxDeferred: number;
  private readonly releaseAfterMs: number;
  private readonly maxReleased: number;

  constructor(
    private readonly slots: number,
    private readonly pressure?: Pick<LoopPressure, 'busy' | 'onCalm'>,
    options: AfterAckOptions = {},
  ) {
    this.maxDeferred = options.maxDeferred ?? 5000;
    this.releaseAfterMs = options.releaseAfterMs ?? 500;
    this.maxReleased = options.maxReleased ?? 256;
    pressure?.onCalm(() => this.pump());
  }

  async run<T>(work: () => Promise<T>, priority: AfterAckPriority = 'normal'): Promise<T> {
    const lane = this.lanes[priority];
    if (lane.waiting.length === 0 && lane.running < this.capacity()) lane.running++;
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
    return this.lanes.urgent.waiting.length + this.lanes.normal.waiting.length;
  }

  private capacity(): number {
    return this.pressure?.busy && this.waiting < this.maxDeferred ? 0 : this.slots;
  }

  /** Starts waiting work while its lane has room (none while the loop is too busy), urgent first. */
  private pump(): void {
    for (const lane of [this.lanes.urgent, this.lanes.normal]) {
      while (lane.running < this.capacity()) {
        const next = lane.waiting.shift();
        if (!next) break;
        lane.running++;
        next();
      }
    }
  }
}
