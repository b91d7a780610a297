// Slack's rate limits as this bot last heard them. A 429 carries Retry-After: until then every call of that method
// would get 429 again (and still count), so work that can wait waits (src/slack/homeQueue.ts), and work bound to
// a trigger id, which cannot, tells the person at once instead of calling (src/slack/listeners/kit/commands.ts).
// Real time, not the programme's clock: this is Slack's transport, like the WebClient's own timeouts.
import { ErrorCode } from '@slack/web-api';

/** A 429 from the Web API (the WebClient rejects it rather than waiting: `rejectRateLimitedCalls`). */
export function rateLimitedFor(err: unknown): number | undefined {
  const e = err as { code?: unknown; retryAfter?: unknown } | undefined;
  if (e?.code !== ErrorCode.RateLimitedError) return undefined;
  return typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter * 1000 : 1000;
}

export class SlackPace {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How long (ms) until `method` may be called again; 0 if it may now. */
  waitFor(method: string): number {
    return Math.max(0, (this.until.get(method) ?? 0) - this.now());
  }

  /** If `err` is a 429, notes its Retry-After for `method` and returns true. */
  noteIfLimited(method: string, err: unknown): boolean {
    const ms = rateLimitedFor(err);
    if (ms === undefined) return false;
    this.until.set(method, Math.max(this.until.get(method) ?? 0, this.now() + ms));
    return true;
  }
}
