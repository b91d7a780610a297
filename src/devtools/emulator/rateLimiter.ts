export type Tier = 1 | 2 | 3 | 4 | 'special';

export interface RateLimitConfig {
  /** Calls per minute per method for each tier (Slack says "N+"; the floor is used). */
  tierPerMinute: Record<1 | 2 | 3 | 4, number>;
  /** auth.test and other "special" methods without a documented number. */
  specialPerMinute: number;
  postMessagePerChannelPerSec: number;
  /** Extra messages a channel may take at once before the per-second pace applies. */
  burst: number;
  /** Workspace-wide chat.postMessage pace. */
  workspacePerSec: number;
  workspaceBurst: number;
  /** Overrides of the per-method tier table. */
  methodTiers: Record<string, Tier>;
}

/** fixtures/rate_limit_tiers.json (apps.connections.open: the docs' t3 rather than the Java SDK's Tier 1). */
export const METHOD_TIERS: Record<string, Tier> = {
  'auth.test': 'special',
  'chat.postMessage': 'special',
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'chat.delete': 3,
  'conversations.open': 3,
  'conversations.history': 3,
  'conversations.replies': 3,
  'conversations.info': 3,
  'views.open': 4,
  'views.publish': 4,
  'views.update': 4,
  'views.push': 4,
  'users.info': 4,
  'users.list': 2,
  'users.lookupByEmail': 3,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'apps.connections.open': 3,
};

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  tierPerMinute: { 1: 1, 2: 20, 3: 50, 4: 100 },
  specialPerMinute: 600,
  postMessagePerChannelPerSec: 1,
  burst: 3,
  // "several hundred per minute per workspace": 300/min is the low end of that.
  workspacePerSec: 5,
  workspaceBurst: 30,
  methodTiers: {},
};

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until one token is available (0 = available now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perMs;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMs);
    this.updatedAt = now;
  }
}

export interface RateDecision {
  limited: boolean;
  /** Integer seconds for the Retry-After header (at least 1). */
  retryAfter: number;
}

export class RateLimiter {
  private buckets = new Map<string, TokenBucket>();

  constructor(
    private config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  configure(config: RateLimitConfig): void {
    this.config = config;
    this.buckets.clear();
  }

  /** Takes a token from every bucket the call needs, or none of them when one is empty. */
  check(method: string, channel: string | undefined): RateDecision {
    const now = this.now();
    const buckets = this.bucketsFor(method, channel, now);
    const wait = Math.max(0, ...buckets.map((b) => b.waitMs(now)));
    if (wait > 0) return { limited: true, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    for (const bucket of buckets) bucket.take(now);
    return { limited: false, retryAfter: 0 };
  }

  private bucketsFor(method: string, channel: string | undefined, now: number): TokenBucket[] {
    const c = this.config;
    if (method === 'chat.postMessage') {
      return [
        this.bucket(`channel:${channel ?? ''}`, c.burst, c.postMessagePerChannelPerSec / 1000, now),
        this.bucket('workspace:chat.postMessage', c.workspaceBurst, c.workspacePerSec / 1000, now),
      ];
    }
    const tier = c.methodTiers[method] ?? METHOD_TIERS[method] ?? 3;
    const perMinute = tier === 'special' ? c.specialPerMinute : c.tierPerMinute[tier];
    return [this.bucket(`method:${method}`, perMinute, perMinute / 60_000, now)];
  }

  private bucket(key: string, capacity: number, perMs: number, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(Math.max(1, capacity), perMs, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

export function rateLimitConfig(overrides: Partial<RateLimitConfig> = {}): RateLimitConfig {
  return {
    ...DEFAULT_RATE_LIMITS,
    ...overrides,
    tierPerMinute: { ...DEFAULT_RATE_LIMITS.tierPerMinute, ...overrides.tierPerMinute },
    methodTiers: { ...DEFAULT_RATE_LIMITS.methodTiers, ...overrides.methodTiers },
  };
}
