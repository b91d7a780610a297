// Slack's rate limits as this bot last heard them. A 429 carries Retry-After: until then every call of that method
// would get 429 again (and still count), so work that can wait waits (src/slack/homeQueue.ts), and work bound to
// a trigger id, which cannot, tells the person at once instead of calling (src/slack/listeners/kit/commands.ts).
// Methods whose calls can wait (views.publish) are also paced from their documented tier, as the outbox paces its
// posts: they stay under the limit instead of finding it by 429s (each refused Home was rendered for nothing).
// Real time, not the programme's clock: this is Slack's transport, like the WebClient's own timeouts.
import { ErrorCode } from '@slack/web-api';
import { Pacer, type PacingConfig } from '../domain/pacing.js';

/** A 429 from the Web API (the WebClient rejects it rather than waiting: `rejectRateLimitedCalls`). */
export function rateLimitedFor(err: unknown): number | undefined {
  const e = err as { code?: unknown; retryAfter?: unknown } | undefined;
  if (e?.code !== ErrorCode.RateLimitedError) return undefined;
  return typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter * 1000 : 1000;
}

/** Methods whose calls can wait for their turn (a Home shows the last published view meanwhile). */
export const PACED_METHODS: readonly string[] = ['views.publish'];

export class SlackPace {
  private readonly until = new Map<string, number>();
  private readonly pacer: Pacer | undefined;

  /** `pacing`: the pace of this replica (its share of the workspace's); undefined: Retry-After only. */
  constructor(
    private readonly now: () => number = Date.now,
    pacing?: PacingConfig,
  ) {
    this.pacer = pacing ? new Pacer(pacing) : undefined;
  }

  /** How long (ms) until `method` may be called again; 0 if it may now. */
  waitFor(method: string): number {
    const now = this.now();
    const retryAfter = Math.max(0, (this.until.get(method) ?? 0) - now);
    return Math.max(retryAfter, this.paced(method) ? this.pacer!.wait([{ method }], now).waitMs : 0);
  }

  /** Takes a turn to call `method` now if it may (true), or leaves it for later (false). */
  tryTake(method: string): boolean {
    if (this.waitFor(method) > 0) return false;
    if (this.paced(method)) this.pacer!.take([{ method }], this.now());
    return true;
  }

  /** If `err` is a 429, notes its Retry-After for `method` and returns true. */
  noteIfLimited(method: string, err: unknown): boolean {
    const ms = rateLimitedFor(err);
    if (ms === undefined) return false;
    const now = this.now();
    this.until.set(method, Math.max(this.until.get(method) ?? 0, now + ms));
    if (this.paced(method)) this.pacer!.rateLimited({ method }, ms, now);
    return true;
  }

  private paced(method: string): boolean {
    return this.pacer !== undefined && PACED_METHODS.includes(method);
  }
}
