import { SharedRead } from '../../../../../src/slack/listeners/kit/sharedRead.js';

describe('SharedRead', () => {
  test('callers that ask while a read runs share the next one, which starts after they asked', async () => {
    const started: number[] = [];
    const finish: Array<(v: number) => void> = [];
    const shared = new SharedRead(() => {
      started.push(started.length + 1);
      return new Promise<number>((resolve) => finish.push(resolve));
    });
    const first = shared.get();
    const second = shared.get();
    const third = shared.get();
    expect(started).toEqual([1]); // the second and third wait for a read that starts after they asked
    finish[0]!(1);
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2]);
    finish[1]!(2);
    expect([await second, await third]).toEqual([2, 2]);
    const fourth = shared.get(); // nothing running: a read of its own
    expect(started).toEqual([1, 2, 3]);
    finish[2]!(3);
    expect(await fourth).toBe(3);
  });

  test('a failed read fails its callers only; the next read still runs for those waiting', async () => {
    let calls = 0;
    const shared = new SharedRead(async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return calls;
    });
    const first = shared.get();
    const second = shared.get();
    await expect(first).rejects.toThrow('database down');
    expect(await second).toBe(2);
  });
});
