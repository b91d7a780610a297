import { RateLimiter, rateLimitConfig } from '../../../src/devtools/emulator/rateLimiter.js';
import { DEFAULT_PACING, Pacer, type PacingConfig } from '../../../src/domain/pacing.js';

// A fan-out drained by the sender's workers through the pacer, on a simulated clock, against the emulator's own
// limiter (Slack's buckets, counting calls when they arrive). What a real sender meets is modelled: timers wake a
// little late, calls reach Slack after varying delays (so they may overtake each other), and every row costs some
// database work between calls. docs/outbox.md, "Pacing"; docs/benchmarks.md, "Fan-out".

interface Drain {
  /** Posts Slack accepted within the minute, per second. */
  perSec: number;
  limited: number;
}

function simulateMinute(
  config: PacingConfig,
  o: { workers: number; timerLateMs: number; maxDelayMs: number; workMs: number },
): Drain {
  const { perSec: cap, burst } = config.postPerWorkspace;
  const pacer = new Pacer(config);
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const MINUTE = 60_000;
  const arrivals: { at: number; channel: string }[] = [];
  const ready = Array.from({ length: o.workers }, () => 0);
  for (let n = 0; ;) {
    const worker = ready.indexOf(Math.min(...ready));
    const now = ready[worker]!;
    if (now >= MINUTE) break;
    const calls = [{ method: 'chat.postMessage', channel: `C${n}` }];
    const { waitMs } = pacer.wait(calls, now);
    if (waitMs > 0) {
      ready[worker] = now + waitMs + o.timerLateMs;
      continue;
    }
    pacer.take(calls, now);
    const delay = 1 + random() * (o.maxDelayMs - 1);
    arrivals.push({ at: now + delay, channel: `C${n}` });
    ready[worker] = now + 2 * delay + o.workMs; // the answer comes back, then the row is marked sent and the next claimed
    n += 1;
  }
  let clock = 0;
  const slack = new RateLimiter(
    rateLimitConfig({ postMessagePerChannelPerSec: 1, burst: 3, workspacePerSec: cap, workspaceBurst: burst }),
    () => clock,
  );
  let accepted = 0;
  let limited = 0;
  for (const a of arrivals.sort((x, y) => x.at - y.at)) {
    clock = a.at;
    if (slack.check('chat.postMessage', a.channel).limited) limited += 1;
    else if (a.at < MINUTE) accepted += 1;
  }
  // The first burst goes at once: the steady rate is what the minute adds to it.
  return { perSec: (accepted - burst) / (MINUTE / 1000), limited };
}

describe('the pacer drains a fan-out at the cap (simulated minute, emulator limiter)', () => {
  const sender = { workers: 4, timerLateMs: 1, maxDelayMs: 25, workMs: 5 };

  test.each([
    [100, 30],
    [20, 10],
    [5, 30],
  ])('%i posts a second, burst %i: at least 98 %% of the cap, no 429', (perSec, burst) => {
    const drain = simulateMinute({ ...DEFAULT_PACING, postPerWorkspace: { perSec, burst } }, sender);
    expect(drain.limited).toBe(0);
    expect(drain.perSec).toBeGreaterThanOrEqual(0.98 * perSec);
    expect(drain.perSec).toBeLessThanOrEqual(perSec * 1.001);
  });

  test('a reserve as long as the burst makes every post wait for a full bucket: each late timer is lost', () => {
    const drain = simulateMinute({ ...DEFAULT_PACING, postPerWorkspace: { perSec: 100, burst: 30 }, jitterMs: 500 }, sender);
    expect(drain.limited).toBe(0);
    expect(drain.perSec).toBeLessThan(95);
  });

  test('without a reserve, calls that overtake each other meet 429s', () => {
    const drain = simulateMinute({ ...DEFAULT_PACING, postPerWorkspace: { perSec: 100, burst: 30 }, jitterMs: 0 }, sender);
    expect(drain.limited).toBeGreaterThan(0);
  });
});
