import { SharedComputations } from '../../../../../src/slack/listeners/report/sharedReports.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SharedComputations', () => {
  test('requests that arrived before a computation started share it', async () => {
    const shared = new SharedComputations<string>();
    const a = shared.ticket();
    const b = shared.ticket();
    const gate = deferred<string>();
    let computed = 0;
    const compute = () => {
      computed += 1;
      return gate.promise;
    };
    const first = shared.run('p1', a, compute);
    const second = shared.run('p1', b, compute);
    gate.resolve('report');
    expect(await first).toBe('report');
    expect(await second).toBe('report');
    expect(computed).toBe(1);
  });

  test('a request that arrived after the computation started gets a fresh one', async () => {
    const shared = new SharedComputations<number>();
    const early = shared.ticket();
    const gate = deferred<number>();
    let computed = 0;
    const running = shared.run('p1', early, () => {
      computed += 1;
      return gate.promise;
    });
    const late = shared.ticket(); // arrives while the first is running
    const fresh = shared.run('p1', late, async () => {
      computed += 1;
      return 2;
    });
    gate.resolve(1);
    expect(await running).toBe(1);
    expect(await fresh).toBe(2);
    expect(computed).toBe(2);
  });

  test('different keys are computed separately; a finished computation is not reused', async () => {
    const shared = new SharedComputations<string>();
    const t = shared.ticket();
    expect(await shared.run('p1', t, async () => 'one')).toBe('one');
    expect(await shared.run('p2', t, async () => 'two')).toBe('two');
    expect(await shared.run('p1', t, async () => 'again')).toBe('again');
  });

  test('a failure reaches every request that shared it, and the next one computes again', async () => {
    const shared = new SharedComputations<string>();
    const a = shared.ticket();
    const b = shared.ticket();
    const gate = deferred<string>();
    const failing = () => gate.promise.then(() => Promise.reject(new Error('database down')));
    const first = shared.run('p1', a, failing);
    const second = shared.run('p1', b, failing);
    gate.resolve('');
    await expect(first).rejects.toThrow('database down');
    await expect(second).rejects.toThrow('database down');
    expect(await shared.run('p1', shared.ticket(), async () => 'ok')).toBe('ok');
  });
});
