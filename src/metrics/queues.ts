/** The durable queues the bot drains: the outbox (messages to send) and the inbox (recorded Slack requests). */
export type QueueName = 'outbox' | 'inbox';

export interface QueueStats {
  /** rows not yet done: waiting, due or being worked on */
  depth: number;
  /** rows that could be worked on now */
  due: number;
  /** how long the longest-waiting due row has waited, in seconds (0 when none is due) */
  oldestDueAgeSeconds: number;
}

export interface QueueSource {
  queue: QueueName;
  read(): Promise<QueueStats>;
}

/**
 * `source`, read at most once per `maxAgeMs`: a scrape (or several Prometheis, or a scrape storm) costs the
 * database a few indexed counts at most that often. Concurrent scrapes share one read.
 */
export function cachedQueue(source: QueueSource, maxAgeMs: number, now: () => number = () => Date.now()): QueueSource {
  let last: { at: number; stats: Promise<QueueStats> } | undefined;
  return {
    queue: source.queue,
    read() {
      const t = now();
      if (!last || t - last.at >= maxAgeMs) {
        const stats = source.read();
        last = { at: t, stats };
        // A failed read is not kept: the next scrape tries again.
        stats.catch(() => {
          if (last?.stats === stats) last = undefined;
        });
      }
      return last.stats;
    },
  };
}
