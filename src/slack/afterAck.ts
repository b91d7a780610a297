/**
 * The work listeners do after their ack (database writes, Web API calls) takes its turn here, a few at a
 * time, so that in a burst the event loop keeps reading and acknowledging new requests (Slack waits at most
 * 3 s for each) instead of queueing them behind that work. Work bound to a trigger id (views.open within 3 s
 * of the click) goes first.
 */
export class AfterAckQueue {
  private running = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  constructor(private readonly slots: number) {}

  async run<T>(work: () => Promise<T>, priority: 'urgent' | 'normal' = 'normal'): Promise<T> {
    if (this.running < this.slots) this.running++;
    else await new Promise<void>((resolve) => (priority === 'urgent' ? this.urgent : this.normal).push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, if any.
      const next = this.urgent.shift() ?? this.normal.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Work waiting for a slot (for tests and diagnostics). */
  get waiting(): number {
    return this.urgent.length + this.normal.length;
  }
}

/** One per process: every listener of every app in it shares the same few slots. */
export const afterAck = new AfterAckQueue(8);
