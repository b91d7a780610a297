import type { LoopPressure } from './loopPressure.js';

/**
 * The work listeners do after their ack (database writes, Web API calls) takes its turn here, a few at a
 * time, so that in a burst the event loop keeps reading and acknowledging new requests (Slack waits at most
 * 3 s for each) instead of queueing them behind that work. Work bound to a trigger id (views.open within 3 s
 * of the click) goes first.
 *
 * While the event loop is saturated (`LoopPressure`) only one piece runs at a time: every piece of work
 * running beside the acks lengthens each turn of the loop, and so every request's wait to be read. The
 * waiting work catches up at full width as soon as the loop is calm again; when more than `maxDeferred`
 * pieces are waiting it runs at full width anyway, so memory stays bounded under sustained overload.
 *
 * One per running bot (src/runtime.ts creates it and hands it to the listeners as `ListenerDeps.afterAck`).
 */
export class AfterAckQueue {
  private running = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  constructor(
    private readonly slots: number,
    private readonly pressure?: Pick<LoopPressure, 'busy' | 'onCalm'>,
    private readonly maxDeferred = 5000,
  ) {
    pressure?.onCalm(() => this.pump());
  }

  async run<T>(work: () => Promise<T>, priority: 'urgent' | 'normal' = 'normal'): Promise<T> {
    if (this.waiting === 0 && this.running < this.capacity()) this.running++;
    else {
      await new Promise<void>((resolve) => {
        (priority === 'urgent' ? this.urgent : this.normal).push(resolve);
        this.pump(); // at the bound, the newest arrival lets the oldest start
      });
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Work waiting for a slot (for tests and diagnostics). */
  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }

  private capacity(): number {
    return this.pressure?.busy && this.waiting < this.maxDeferred ? 0 : this.slots;
  }

  private release(): void {
    this.running--;
    this.pump();
  }

  /** Starts waiting work while there is room (fewer pieces while the loop is too busy). */
  private pump(): void {
    while (this.running < this.capacity()) {
      const next = this.next();
      if (!next) return;
      this.running++;
      next();
    }
  }

  private next(): (() => void) | undefined {
    return this.urgent.shift() ?? this.normal.shift();
  }
}
