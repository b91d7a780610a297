// Pacing of Slack Web API calls (docs/outbox.md, "Pacing"): token buckets per method and per conversation,
// sized from Slack's documented rate limits, that learn from 429s. Pure arithmetic: every time is passed in
// (milliseconds on any monotonic scale), so tests drive it with numbers.

/** `perSec` calls per second on average, up to `burst` at once after a quiet spell. */
export interface Pace {
  perSec: number;
  burst: number;
}

export type Tier = 1 | 2 | 3 | 4;

export interface PacingConfig {
  /** Calls per minute for each of Slack's tiers ("1+", "20+", "50+", "100+": the floor). */
  tierPerMinute: Record<Tier, number>;
  /** The tier of each method the sender calls; chat.postMessage is paced by the two paces below instead. */
  methodTiers: Record<string, Tier>;
  /** chat.postMessage in one conversation (Slack: about 1 per second, short bursts allowed). */
  postPerChannel: Pace;
  /** chat.postMessage across the workspace: this process's share (divided among replicas by the caller). */
  postPerWorkspace: Pace;
  /** On a 429 the learned rate is multiplied by this (AIMD's multiplicative decrease). */
  decrease: number;
  /** The learned rate never falls below this fraction of the configured one. */
  floor: number;
  /** Without a 429, the learned rate regains this fraction of the configured rate per second (additive increase). */
  recoverPerSec: number;
  /**
   * Calls reach Slack after a varying delay, and Slack counts them when they arrive: each bucket keeps this many
   * milliseconds' worth of its calls in reserve (at most all but one of its burst), so that a call that arrives
   * sooner than the one before it (whose connection was slow) still finds Slack's bucket with a token. Keep it
   * well below the burst's own length (burst / perSec): a bucket that may only send when (nearly) full loses every
   * moment it sits full, and a sender's timers always wake a little late (docs/outbox.md, "Pacing").
   */
  jitterMs: number;
}

/** https://docs.slack.dev/apis/web-api/rate-limits and ../shared/slack/fixtures/rate_limit_tiers.json */
export const SLACK_TIER_PER_MINUTE: Record<Tier, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };

export const SLACK_METHOD_TIERS: Record<string, Tier> = {
  'views.publish': 4,
  'conversations.open': 3,
  'conversations.history': 3,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

/** A method of unknown tier is paced as Tier 3, the most common. */
const DEFAULT_TIER: Tier = 3;

export const DEFAULT_PACING: PacingConfig = {
  tierPerMinute: SLACK_TIER_PER_MINUTE,
  methodTiers: SLACK_METHOD_TIERS,
  postPerChannel: { perSec: 1, burst: 3 },
  // Slack: "several hundred messages per minute" per workspace, no exact number; 300/min is the low end.
  postPerWorkspace: { perSec: 5, burst: 30 },
  decrease: 0.75,
  floor: 0.1,
  recoverPerSec: 0.02,
  // Measured (bench/fanout, loaded machine): calls overtook each other by up to 20 ms at 100/s, 70 ms at 20/s.
  jitterMs: 100,
};

/** One Web API call a delivery will make; `channel` when it posts into a known conversation. */
export interface PacedCall {
  method: string;
  channel?: string | undefined;
}

export interface PaceWait {
  /** Milliseconds until every bucket the calls draw from has a token (0: now). */
  waitMs: number;
  /** The part of it owed to a conversation's own bucket (other conversations need not wait for it). */
  channelWaitMs: number;
}

const POST = 'chat.postMessage';

class Bucket {
  tokens: number;
  /** Calls per millisecond, learned: lowered by 429s, recovering to the configured rate. */
  rate: number;
  updatedAt: number;
  blockedUntil = 0;
  /** Whether the last take found the bucket below full: an earlier call's token had not come back yet. */
  busyAtTake = false;

  constructor(
    readonly pace: Pace,
    private readonly config: PacingConfig,
    now: number,
  ) {
    this.tokens = this.capacity;
    this.rate = this.ceiling;
    this.updatedAt = now;
  }

  get capacity(): number {
    return Math.max(1, this.pace.burst);
  }

  get ceiling(): number {
    return this.pace.perSec / 1000;
  }

  refill(now: number): void {
    const elapsed = Math.max(0, now - Math.max(this.updatedAt, Math.min(now, this.blockedUntil)));
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate);
    this.rate = Math.min(this.ceiling, this.rate + (this.ceiling * this.config.recoverPerSec * elapsed) / 1000);
    this.updatedAt = Math.max(this.updatedAt, now);
  }

  waitMs(now: number, count: number): number {
    this.refill(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    const reserve = Math.min(this.capacity - 1, this.rate * this.config.jitterMs);
    const short = Math.min(count + reserve, this.capacity) - this.tokens;
    // No token comes back while blocked: the refill starts when the block ends.
    return blocked + (short <= 1e-9 ? 0 : Math.ceil(short / this.rate));
  }

  take(now: number, count: number): void {
    this.refill(now);
    this.busyAtTake = this.tokens < this.capacity - 1e-9;
    this.tokens -= count;
  }

  giveBack(now: number, count: number): void {
    this.refill(now);
    this.tokens = Math.min(this.capacity, this.tokens + count);
  }

  limited(now: number, retryAfterMs: number): void {
    this.refill(now);
    this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterMs);
    this.tokens = 0;
    this.rate = Math.max(this.ceiling * this.config.floor, this.rate * this.config.decrease);
  }

  /** Nothing to remember: full, at its configured rate, not blocked. */
  idle(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity && this.rate >= this.ceiling && this.blockedUntil <= now;
  }
}

/** Channel buckets kept before idle ones are forgotten (an idle bucket is the same as a new one). */
const PRUNE_AT = 5000;

/**
 * Paces calls so that they stay within Slack's limits instead of finding them by 429s: ask `wait` for a
 * delivery's calls, `take` when it is zero, tell `rateLimited` of a 429 (its Retry-After is honoured for the
 * bucket that caused it, whose learned rate drops and then recovers slowly).
 */
export class Pacer {
  private readonly methods = new Map<string, Bucket>();
  private readonly channels = new Map<string, Bucket>();

  constructor(readonly config: PacingConfig) {}

  wait(calls: readonly PacedCall[], now: number): PaceWait {
    let waitMs = 0;
    let channelWaitMs = 0;
    for (const [bucket, count, isChannel] of this.buckets(calls, now)) {
      const w = bucket.waitMs(now, count);
      waitMs = Math.max(waitMs, w);
      if (isChannel) channelWaitMs = Math.max(channelWaitMs, w);
    }
    return { waitMs, channelWaitMs };
  }

  take(calls: readonly PacedCall[], now: number): void {
    for (const [bucket, count] of this.buckets(calls, now)) bucket.take(now, count);
    if (this.channels.size > PRUNE_AT) this.prune(now);
  }

  /** The calls were not made after all (another sender had claimed the row). */
  giveBack(calls: readonly PacedCall[], now: number): void {
    for (const [bucket, count] of this.buckets(calls, now)) bucket.giveBack(now, count);
  }

  /**
   * Slack answered 429 with this Retry-After. A chat.postMessage into a conversation that had another post
   * not long before is taken as that conversation's limit; otherwise as the method's (workspace-wide) limit.
   * Returns which it was.
   */
  rateLimited(call: PacedCall, retryAfterMs: number, now: number): 'channel' | 'method' {
    const channel = call.method === POST && call.channel ? this.channels.get(call.channel) : undefined;
    if (channel?.busyAtTake) {
      channel.limited(now, retryAfterMs);
      return 'channel';
    }
    this.methodBucket(call.method, now).limited(now, retryAfterMs);
    return 'method';
  }

  /** Conversations that cannot take a post now (so a pass need not read their rows); at most `limit`. */
  blockedChannels(now: number, limit: number): string[] {
    const out: string[] = [];
    for (const [id, bucket] of this.channels) {
      if (out.length >= limit) break;
      if (bucket.waitMs(now, 1) > 0) out.push(id);
    }
    return out;
  }

  /** The learned rate (calls per second) of a method's bucket, or of a conversation's chat.postMessage bucket. */
  learnedPerSec(call: PacedCall, now: number): number {
    const bucket = call.channel ? this.channelBucket(call.channel, now) : this.methodBucket(call.method, now);
    bucket.refill(now);
    return bucket.rate * 1000;
  }

  private buckets(calls: readonly PacedCall[], now: number): [Bucket, number, boolean][] {
    const counts = new Map<Bucket, [number, boolean]>();
    const add = (bucket: Bucket, isChannel: boolean) => counts.set(bucket, [(counts.get(bucket)?.[0] ?? 0) + 1, isChannel]);
    for (const call of calls) {
      add(this.methodBucket(call.method, now), false);
      if (call.method === POST && call.channel) add(this.channelBucket(call.channel, now), true);
    }
    return [...counts].map(([bucket, [count, isChannel]]) => [bucket, count, isChannel]);
  }

  private methodBucket(method: string, now: number): Bucket {
    let bucket = this.methods.get(method);
    if (!bucket) {
      bucket = new Bucket(this.methodPace(method), this.config, now);
      this.methods.set(method, bucket);
    }
    return bucket;
  }

  private methodPace(method: string): Pace {
    if (method === POST) return this.config.postPerWorkspace;
    const perMinute = this.config.tierPerMinute[this.config.methodTiers[method] ?? DEFAULT_TIER];
    // Slack's tiers are per minute: a minute's worth may go at once, then the pace applies.
    return { perSec: perMinute / 60, burst: perMinute };
  }

  private channelBucket(channel: string, now: number): Bucket {
    let bucket = this.channels.get(channel);
    if (!bucket) {
      bucket = new Bucket(this.config.postPerChannel, this.config, now);
      this.channels.set(channel, bucket);
    }
    return bucket;
  }

  private prune(now: number): void {
    for (const [id, bucket] of this.channels) if (bucket.idle(now)) this.channels.delete(id);
  }
}

/**
 * The configuration for one of `replicas` processes sharing one workspace: each takes an equal share of the
 * workspace-wide and per-method rates and bursts. A conversation's own pace is not divided: its messages are
 * few, and a 429 on it postpones its rows in the database for every replica.
 */
export function pacingForReplica(config: PacingConfig, replicas: number): PacingConfig {
  const n = Math.max(1, Math.floor(replicas));
  const share = (p: Pace): Pace => ({ perSec: p.perSec / n, burst: Math.max(1, Math.floor(p.burst / n)) });
  const tierPerMinute = Object.fromEntries(
    Object.entries(config.tierPerMinute).map(([tier, perMinute]) => [tier, perMinute / n]),
  ) as Record<Tier, number>;
  return { ...config, tierPerMinute, postPerWorkspace: share(config.postPerWorkspace) };
}
