/**
 * Identical report requests that arrive while one is being computed share it, as long as that computation
 * started after they arrived (so nobody gets figures older than their command). A burst of `/rm-report`
 * clicks costs one report instead of hundreds.
 */
export class SharedComputations<V> {
  private tickets = 0;
  private readonly running = new Map<string, { startedAt: number; value: Promise<V> }>();

  /** Taken when the request arrives. */
  ticket(): number {
    return ++this.tickets;
  }

  run(key: string, ticket: number, compute: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current && current.startedAt >= ticket) return current.value;
    const startedAt = ++this.tickets;
    const value = compute().finally(() => {
      if (this.running.get(key)?.value === value) this.running.delete(key);
    });
    this.running.set(key, { startedAt, value });
    return value;
  }
}
