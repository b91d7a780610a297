import { AfterAckQueue } from '../../../src/requests/afterAck.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

test('at most `slots` pieces of work run at once per lane; trigger-bound work has its own lane; every piece runs once', async () => {
  const q = new AfterAckQueue(2);
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const work = (name: string) => () => {
    started.push(name);
    const g = gate();
    gates.set(name, g);
    return g.opened.then(() => name);
  };
  const results = [q.run(work('a')), q.run(work('b')), q.run(work('c')), q.run(work('d')), q.run(work('modal'), 'urgent')];
  await Promise.resolve();
  expect(started).toEqual(['a', 'b', 'modal']); // the modal does not wait behind a and b
  expect(q.waiting).toBe(2);
  gates.get('a')!.open();
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['a', 'b', 'modal', 'c']);
  for (const name of ['b', 'modal', 'c', 'd']) {
    await new Promise((r) => setImmediate(r));
    gates.get(name)!.open();
  }
  expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'modal']);
  expect(started).toEqual(['a', 'b', 'modal', 'c', 'd']);
  expect(q.waiting).toBe(0);
});

test('a piece still running after releaseAfterMs hands its slot on: eight slow Slack calls cannot hold a click', async () => {
  const q = new AfterAckQueue(8, undefined, { releaseAfterMs: 50 });
  const slow = gate();
  // Timed from before the publishes start, when their release timers start: a pause of the process between the two
  // lines (CI saw 25 ms) must not read as a click let through early.
  const publishedAt = performance.now();
  const publishes = Array.from({ length: 8 }, () => q.run(() => slow.opened.then(() => 'published')));
  const click = await q.run(async () => performance.now() - publishedAt);
  expect(click).toBeGreaterThanOrEqual(40);
  expect(click).toBeLessThan(1000);
  slow.open();
  expect(await Promise.all(publishes)).toEqual(Array(8).fill('published'));
});

test('without the hand-on, at most maxReleased long pieces: the others keep their slots', async () => {
  const q = new AfterAckQueue(1, undefined, { releaseAfterMs: 20, maxReleased: 1 });
  const first = gate();
  const second = gate();
  const started: string[] = [];
  const runs = [
    q.run(() => (started.push('first'), first.opened)),
    q.run(() => (started.push('second'), second.opened)),
    q.run(async () => void started.push('third')),
  ];
  await new Promise((r) => setTimeout(r, 80));
  expect(started).toEqual(['first', 'second']); // first handed its slot on; second may not (one released at most)
  second.open();
  await new Promise((r) => setTimeout(r, 10));
  expect(started).toEqual(['first', 'second', 'third']);
  first.open();
  await Promise.all(runs);
});

test('a failing piece of work frees its slot', async () => {
  const q = new AfterAckQueue(1);
  await expect(q.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await q.run(async () => 'next')).toBe('next');
});

function fakePressure() {
  let calm: (() => void) | undefined;
  const pressure = {
    busy: false,
    onCalm: (listener: () => void) => void (calm = listener),
    becomeCalm() {
      this.busy = false;
      calm?.();
    },
  };
  return pressure;
}

test('while the event loop is saturated only urgent work starts (a trigger dies in 3 s); the rest runs, in order, once calm', async () => {
  const pressure = fakePressure();
  const q = new AfterAckQueue(2, pressure, { busyUrgentSlots: 1 });
  const started: string[] = [];
  pressure.busy = true;
  const g = gate();
  const results = [
    q.run(async () => started.push('click')),
    q.run(async () => started.push('home'), 'background'),
    q.run(async () => {
      started.push('modal');
      await g.opened;
    }, 'urgent'),
    q.run(async () => started.push('answer'), 'urgent'),
  ];
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['modal']); // one urgent slot while busy: the answer waits for it
  expect(q.waiting).toBe(3);
  g.open();
  pressure.becomeCalm();
  await Promise.all(results);
  expect(started).toEqual(['modal', 'answer', 'click', 'home']);
  expect(q.waiting).toBe(0);
});

test('background work (a Home refresh) runs one at a time while other work waits', async () => {
  const q = new AfterAckQueue(1);
  const g = gate();
  const started: string[] = [];
  const results = [
    q.run(() => g.opened.then(() => started.push('click 1'))),
    q.run(async () => started.push('click 2')),
    q.run(async () => started.push('home'), 'background'),
  ];
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['home']); // its one piece, while click 2 waits for the only normal slot
  g.open();
  await Promise.all(results);
  expect(started).toEqual(['home', 'click 1', 'click 2']);
});

test('work already running finishes under pressure; at the bound of waiting work, the oldest starts anyway', async () => {
  const pressure = fakePressure();
  const q = new AfterAckQueue(2, pressure, { maxDeferred: 3 });
  const g = gate();
  const running = q.run(() => g.opened.then(() => 'running'));
  pressure.busy = true;
  const started: number[] = [];
  const waiting = [1, 2, 3].map((n) => q.run(async () => started.push(n)));
  await new Promise((r) => setImmediate(r));
  // Three waiting is the bound (memory comes first): the oldest started although the loop is busy.
  expect(started).toEqual([1]);
  expect(q.waiting).toBe(2);
  g.open();
  expect(await running).toBe('running');
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual([1]); // below the bound, the rest waits for the loop to calm down
  pressure.becomeCalm();
  await Promise.all(waiting);
  expect(started).toEqual([1, 2, 3]);
});
