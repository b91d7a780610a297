import { DEFAULT_PACING, Pacer, pacingForReplica, type PacingConfig } from '../../../src/domain/pacing.js';

const config: PacingConfig = {
  ...DEFAULT_PACING,
  jitterMs: 0, // the reserve has its own test
  postPerChannel: { perSec: 1, burst: 3 },
  postPerWorkspace: { perSec: 10, burst: 5 },
};
const post = (channel: string) => [{ method: 'chat.postMessage', channel }];

/** Takes as soon as the pacer allows, starting at `from`; returns the times of the takes. */
function drain(pacer: Pacer, calls: (i: number) => { method: string; channel?: string }[], n: number, from = 0): number[] {
  const times: number[] = [];
  let now = from;
  for (let i = 0; i < n; i += 1) {
    now += pacer.wait(calls(i), now).waitMs;
    pacer.take(calls(i), now);
    times.push(now);
  }
  return times;
}

describe('Pacer', () => {
  test('one conversation: a burst of 3, then one post a second', () => {
    const pacer = new Pacer(config);
    expect(drain(pacer, () => post('C1'), 6)).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  test('the workspace: a burst, then its rate across conversations; a conversation waiting does not hold others up', () => {
    const pacer = new Pacer(config);
    expect(drain(pacer, (i) => post(`C${i}`), 8)).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
    for (let i = 0; i < 3; i += 1) pacer.take(post('C9'), 300); // C9's burst: the workspace owes 3 tokens
    expect(pacer.wait(post('C9'), 400)).toEqual({ waitMs: 900, channelWaitMs: 900 });
    expect(pacer.wait(post('C10'), 400)).toEqual({ waitMs: 300, channelWaitMs: 0 });
    expect(pacer.blockedChannels(400, 10)).toEqual(['C9']);
  });

  test('Tier 3 (conversations.open): 50 at once, then 50 a minute', () => {
    const pacer = new Pacer(config);
    const open = [{ method: 'conversations.open' }];
    const times = drain(pacer, () => open, 52);
    expect(times.slice(0, 50).every((t) => t === 0)).toBe(true);
    expect(times.slice(50)).toEqual([1200, 2400]);
  });

  test("a reserve of jitterMs' worth of calls is kept: Slack's bucket has a token even for a call that arrives early", () => {
    const pacer = new Pacer({ ...config, jitterMs: 250 });
    // One conversation (1/s, burst 3): 0.25 of a post kept back; the workspace (10/s, burst 5): 2.5 posts.
    expect(drain(pacer, () => post('C1'), 5)).toEqual([0, 0, 250, 1250, 2250]);
    const other = new Pacer({ ...config, jitterMs: 250 });
    expect(drain(other, (i) => post(`C${i}`), 6)).toEqual([0, 0, 50, 150, 250, 350]);
    // Never more than all but one of the burst.
    expect(drain(new Pacer({ ...config, jitterMs: 60_000 }), () => post('C1'), 3)).toEqual([0, 1000, 2000]);
  });

  test('a delivery needing two calls waits for both buckets', () => {
    const pacer = new Pacer(config);
    const calls = [{ method: 'conversations.open' }, { method: 'chat.postMessage' }];
    expect(drain(pacer, () => calls, 7)).toEqual([0, 0, 0, 0, 0, 100, 200]);
  });

  test('a 429 after another post in that conversation: Retry-After is honoured there, the workspace goes on', () => {
    const pacer = new Pacer(config);
    pacer.take(post('C1'), 0);
    pacer.take(post('C1'), 10);
    expect(pacer.rateLimited({ method: 'chat.postMessage', channel: 'C1' }, 30_000, 50)).toBe('channel');
    // Retry-After, then an empty bucket refilling at the lowered rate (0.75 per second).
    expect(pacer.wait(post('C1'), 50).waitMs).toBe(30_000 + 1334);
    expect(pacer.wait(post('C1'), 30_049).waitMs).toBe(1 + 1334);
    expect(pacer.wait(post('C2'), 50).waitMs).toBe(0);
    expect(pacer.learnedPerSec({ method: 'chat.postMessage', channel: 'C1' }, 50)).toBeCloseTo(0.75);
  });

  test('a 429 on a quiet conversation is the workspace limit: every post waits Retry-After, the rate drops then recovers slowly', () => {
    const pacer = new Pacer(config);
    pacer.take(post('C1'), 0);
    expect(pacer.rateLimited({ method: 'chat.postMessage', channel: 'C1' }, 2000, 100)).toBe('method');
    expect(pacer.wait(post('C2'), 100).waitMs).toBe(2000 + 134); // then the bucket starts empty, at 7.5 per second
    expect(pacer.wait(post('C2'), 2100).waitMs).toBe(134);
    expect(pacer.learnedPerSec({ method: 'chat.postMessage' }, 2100)).toBeCloseTo(7.5);
    // +2 % of 10/s per second: back to 10/s 12.5 s later, and no higher.
    expect(pacer.learnedPerSec({ method: 'chat.postMessage' }, 2100 + 6_250)).toBeCloseTo(8.75);
    expect(pacer.learnedPerSec({ method: 'chat.postMessage' }, 2100 + 60_000)).toBeCloseTo(10);
  });

  test('repeated 429s lower the rate to the floor and not below', () => {
    const pacer = new Pacer(config);
    for (let i = 0; i < 20; i += 1) pacer.rateLimited({ method: 'conversations.open' }, 1000, 0);
    expect(pacer.learnedPerSec({ method: 'conversations.open' }, 0)).toBeCloseTo((50 / 60) * 0.1);
  });

  test('tokens given back (the row was claimed by another sender) can be used again', () => {
    const pacer = new Pacer(config);
    drain(pacer, () => post('C1'), 3);
    pacer.giveBack(post('C1'), 0);
    expect(pacer.wait(post('C1'), 0).waitMs).toBe(0);
  });

  test('idle conversations are forgotten once there are many', () => {
    const pacer = new Pacer(config);
    for (let i = 0; i < 5001; i += 1) pacer.take(post(`C${i}`), i * 1000);
    expect(pacer.blockedChannels(5001 * 1000, 10_000)).toEqual([]);
    expect((pacer as unknown as { channels: Map<string, unknown> }).channels.size).toBeLessThan(10);
  });
});

describe('pacingForReplica', () => {
  test('each of N replicas takes 1/N of the workspace and tier rates; a conversation keeps its own pace', () => {
    const shared = pacingForReplica({ ...config, postPerWorkspace: { perSec: 100, burst: 30 } }, 4);
    expect(shared.postPerWorkspace).toEqual({ perSec: 25, burst: 7 });
    expect(shared.tierPerMinute[3]).toBe(12.5);
    expect(shared.postPerChannel).toEqual({ perSec: 1, burst: 3 });
    expect(pacingForReplica(config, 1)).toEqual(config);
  });
});
