/**
 * One read at a time, shared: every caller gets the result of a read that started after it asked (as fresh as a
 * read of its own), and the callers that ask while one runs share the next. A burst of N callers costs about
 * (the burst's length / one read's time) reads instead of N, and none of them waits more than two reads.
 */
export class SharedRead<T> {
  private running: Promise<T> | undefined;
  private next: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<T> {
    const value = this.read().finally(() => {
      if (this.running === value) this.running = undefined;
    });
    this.running = value;
    return value;
  }
}
