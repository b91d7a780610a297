import { InFlight } from '../../../src/requests/inFlight.js';
import { DispatchBacklog } from '../../../src/requests/dispatchBacklog.js';

describe('DispatchBacklog', () => {
  const tick = () => new Promise((r) => setImmediate(r));
  const flush = async (n = 5) => {
    for (let i = 0; i < n; i++) await tick();
  };

  test('dispatches at once while the loop is calm', () => {
    const backlog = new DispatchBacklog({ busy: false });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    expect(ran).toEqual([1]);
    expect(backlog.waiting).toBe(0);
  });

  test('while saturated, holds everything; when calm, urgent work goes first, a batch per turn', async () => {
    const pressure = { busy: true };
    const work = new InFlight();
    const backlog = new DispatchBacklog(pressure, { work, perTurn: 2, busyRecheckMs: 1 });
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) backlog.submit(async () => void ran.push(name));
    backlog.submit(async () => void ran.push('urgent'), 'urgent');
    await flush();
    expect(ran).toEqual([]);
    expect(work.size).toBe(4); // a shutdown waits for them
    pressure.busy = false;
    await new Promise((r) => setTimeout(r, 10));
    await flush();
    expect(ran).toEqual(['urgent', 'a', 'b', 'c']);
    expect(work.size).toBe(0);
  });

  test('new work while older work waits goes behind it, even if the loop is calm', async () => {
    const pressure = { busy: true };
    const backlog = new DispatchBacklog(pressure, { busyRecheckMs: 1 });
    const ran: string[] = [];
    backlog.submit(async () => void ran.push('first'));
    pressure.busy = false;
    backlog.submit(async () => void ran.push('second'));
    expect(ran).toEqual([]);
    await flush();
    expect(ran).toEqual(['first', 'second']);
  });

  test('above its bound the oldest start anyway, whatever their priority; a failing dispatch does not stop the rest', async () => {
    const pressure = { busy: true };
    const backlog = new DispatchBacklog(pressure, { maxWaiting: 2, busyRecheckMs: 1 });
    const ran: string[] = [];
    backlog.submit(async () => {
      ran.push('old normal');
      throw new Error('listener failed');
    });
    backlog.submit(async () => void ran.push('urgent'), 'urgent');
    expect(ran).toEqual([]);
    backlog.submit(async () => void ran.push('new normal'));
    expect(ran).toEqual(['old normal']);
    expect(backlog.waiting).toBe(2);
    pressure.busy = false;
    await new Promise((r) => setTimeout(r, 10));
    await flush();
    expect(ran).toEqual(['old normal', 'urgent', 'new normal']);
  });

  test('however long the loop stays saturated, nothing waits longer than maxWaitMs', async () => {
    let now = 0;
    const backlog = new DispatchBacklog({ busy: true }, { maxWaitMs: 5000, busyRecheckMs: 1, now: () => now });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    now = 3000;
    backlog.submit(async () => void ran.push(2));
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]);
    now = 5000;
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([1]);
    now = 8000;
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([1, 2]);
    expect(backlog.waiting).toBe(0);
  });

  test('flush (a shutdown) starts everything waiting, and later arrivals at once, busy or not', () => {
    const work = new InFlight();
    const backlog = new DispatchBacklog({ busy: true }, { work, busyRecheckMs: 1 });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    backlog.submit(async () => void ran.push(2), 'urgent');
    backlog.flush();
    expect(ran).toEqual([2, 1]);
    backlog.submit(async () => void ran.push(3));
    expect(ran).toEqual([2, 1, 3]);
  });
});
