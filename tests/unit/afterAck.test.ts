import { AfterAckQueue } from '../../src/slack/afterAck.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

test('at most `slots` pieces of work run at once; trigger-bound work goes first; every piece runs once', async () => {
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
  expect(started).toEqual(['a', 'b']);
  expect(q.waiting).toBe(3);
  gates.get('a')!.open();
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['a', 'b', 'modal']); // ahead of c and d
  for (const name of ['b', 'modal', 'c', 'd']) {
    await new Promise((r) => setImmediate(r));
    gates.get(name)!.open();
  }
  expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'modal']);
  expect(started).toEqual(['a', 'b', 'modal', 'c', 'd']);
  expect(q.waiting).toBe(0);
});

test('a failing piece of work frees its slot', async () => {
  const q = new AfterAckQueue(1);
  await expect(q.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await q.run(async () => 'next')).toBe('next');
});
