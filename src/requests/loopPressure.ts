/**
 * Is this process's event loop saturated? Two signs, whichever comes first:
 * - more than `burstRequests` requests arrive between two probes (a burst starting: the HTTP receiver
 *   counts the signed ones, `noteRequest`);
 * - a timer asks every `intervalMs` how late it fired: when a burst keeps the loop busy, every turn reads
 *   and acknowledges a whole batch of requests, and the timer fires that much late. `lateProbes` probes in
 *   a row late by more than `busyAfterMs` (one long task, a report's charts, a GC pause, is not a burst).
 * - more than `burstRequests` requests waiting for their answer elsewhere (`countWaiting`: the durable inbox's
 *   records). While the answers wait for the database the loop is idle and the probe on time, yet it is a
 *   burst: the listeners' work, let run then, competed with the records and the reading of new requests
 *   (bench/load on PostgreSQL: p99 445 to 477 ms with the inbox against 275 to 323 ms without).
 * While busy, work that can wait (what listeners do after their ack) gives way to acknowledging requests,
 * which Slack needs within 3 s. The first probe on time, with few requests since the last and few waiting, ends it.
 *
 * One per running bot: src/runtime.ts creates it, hands it to the receiver and the after-ack queue, starts it
 * and stops it with the bot. The loop it measures is the process's, so two bots in one process (tests) read
 * the same lateness; each counts only its own requests. The probe also starts on first use (`busy`,
 * `noteRequest`), for parts used on their own; its timer is unref'd: it never keeps the process alive.
 */
export class LoopPressure {
  private busyNow = false;
  private lastLateMs = 0;
  private lateInARow = 0;
  private requestsSinceProbe = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly calmListeners = new Set<() => void>();
  private waitingElsewhere: () => number = () => 0;

  constructor(
    private readonly intervalMs = 20,
    private readonly busyAfterMs = 50,
    private readonly lateProbes = 3,
    private readonly burstRequests = 16,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True from a burst of requests or the `lateProbes`-th late probe in a row, until a calm probe. */
  get busy(): boolean {
    this.start();
    return this.busyNow;
  }

  /** How late (ms) the last probe fired: the event-loop lag the metrics report. */
  get lagMs(): number {
    return this.lastLateMs;
  }

  /** Called each time the loop goes from busy back to calm. */
  onCalm(listener: () => void): void {
    this.calmListeners.add(listener);
  }

  /** Requests read and waiting for their answer on something else than the loop (the inbox's records). */
  countWaiting(count: () => number): void {
    this.waitingElsewhere = count;
  }

  /** The HTTP receiver calls this for every request whose signature checks out. */
  noteRequest(): void {
    if (this.stopped) return;
    this.start();
    this.requestsSinceProbe += 1;
    if (this.requestsSinceProbe > this.burstRequests || this.waitingElsewhere() > this.burstRequests) this.busyNow = true;
  }

  /** Records one probe: how late (ms) the timer fired. Exposed for tests. */
  observe(lateMs: number): void {
    const wasBusy = this.busyNow;
    this.lastLateMs = lateMs;
    this.lateInARow = lateMs > this.busyAfterMs ? this.lateInARow + 1 : 0;
    this.busyNow =
      this.lateInARow >= this.lateProbes ||
      this.requestsSinceProbe > this.burstRequests ||
      this.waitingElsewhere() > this.burstRequests;
    this.requestsSinceProbe = 0;
    if (wasBusy && !this.busyNow) for (const listener of this.calmListeners) listener();
  }

  /** Starts the probe (idempotent; not again after `stop`). */
  start(): void {
    if (this.timer || this.stopped) return;
    const probe = () => {
      const expected = this.now() + this.intervalMs;
      this.timer = setTimeout(() => {
        this.observe(Math.max(0, this.now() - expected));
        if (!this.stopped) probe();
      }, this.intervalMs);
      this.timer.unref();
    };
    probe();
  }

  /** For good (the bot is stopping): a late read of `busy` does not start the probe again; it reads calm. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.busyNow = false;
    this.lateInARow = 0;
    this.requestsSinceProbe = 0;
  }
}
