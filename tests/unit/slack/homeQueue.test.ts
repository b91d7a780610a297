import { AfterAckQueue } from '../../../src/requests/afterAck.js';
import { HomeQueue } from '../../../src/slack/homeQueue.js';
import { jest } from '@jest/globals';
import { DEFAULT_PACING, pacingForReplica } from '../../../src/domain/pacing.js';
import { SlackPace } from '../../../src/slack/pace.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** A loop that is saturated until the test calms it (AfterAckQueue then holds background work). */
function fakePressure() {
  let calm: (() => void) | undefined;
  return {
    busy: true,
    onCalm: (listener: () => void) => void (calm = listener),
    becomeCalm() {
      this.busy = false;
      calm?.();
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));

test("a person's opens while their Home waits behind other work share one publish; an open after it started gets its own", async () => {
  const pressure = fakePressure();
  const afterAck = new AfterAckQueue(8, pressure);
  const home = new HomeQueue({ pace: new SlackPace(), afterAck, logger: silent, publish: async () => undefined });
  const published: string[] = [];
  const running = gate();
  const publish = (user: string, g?: ReturnType<typeof gate>) => async () => {
    published.push(user);
    await g?.opened;
  };

  // A burst: U1 opens their Home three times, U2 once, while the loop is saturated (nothing starts).
  const burst = [
    home.soon('U1', publish('U1', running)),
    home.soon('U1', publish('U1')),
    home.soon('U2', publish('U2')),
    home.soon('U1', publish('U1')),
  ];
  await turn();
  expect(published).toEqual([]);

  pressure.becomeCalm();
  await turn();
  expect(published).toEqual(['U1', 'U2']); // one render each; every open's promise is that publish

  // U1 opens again while their publish runs: it may have read their state before a change, so a new one is queued.
  const again = home.soon('U1', publish('U1'));
  await turn();
  running.open();
  await Promise.all([...burst, again]);
  expect(published).toEqual(['U1', 'U2', 'U1']);
});

test('an open whose publish starts at once (a free slot) leaves nothing to share: the next open publishes again', async () => {
  const afterAck = new AfterAckQueue(8);
  const home = new HomeQueue({ pace: new SlackPace(), afterAck, logger: silent, publish: async () => undefined });
  let published = 0;
  await home.soon('U1', async () => void published++);
  await home.soon('U1', async () => void published++);
  expect(published).toBe(2);
});

test('Home publishes waiting for their turn go at the documented pace of views.publish, without calling Slack early', async () => {
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  try {
    let now = 0;
    const advance = async (ms: number) => {
      now += ms;
      jest.advanceTimersByTime(ms);
      await turn();
    };
    // Tier 4 shared by 50 replicas: 2 a minute each, a burst of 2 (and the pacing reserve: 100 ms of the rate).
    const pace = new SlackPace(() => now, pacingForReplica(DEFAULT_PACING, 50));
    const calls: string[] = [];
    const home = new HomeQueue({
      pace,
      afterAck: new AfterAckQueue(8),
      logger: silent,
      now: () => now,
      publish: async (_client, user) => void calls.push(user),
    });
    for (const user of ['U1', 'U2', 'U3']) home.later({} as never, user);
    await turn();
    expect(calls).toEqual(['U1']);
    await advance(150);
    expect(calls).toEqual(['U1', 'U2']); // the burst of two is spent
    await advance(29_000);
    expect(calls).toEqual(['U1', 'U2']); // 2 a minute: the next turn comes 30 s later
    await advance(1_000);
    expect(calls).toEqual(['U1', 'U2', 'U3']);
    expect(home.waiting).toBe(0);
    home.stop();
  } finally {
    jest.useRealTimers();
  }
});

test('without a pace (SLACK_PACING=off) only Retry-After holds views.publish back', () => {
  const pace = new SlackPace(() => 0);
  for (let i = 0; i < 500; i++) expect(pace.tryTake('views.publish')).toBe(true);
  expect(pace.noteIfLimited('views.publish', { code: 'slack_webapi_rate_limited_error', retryAfter: 3 })).toBe(true);
  expect(pace.waitFor('views.publish')).toBe(3000);
});
