import { ManualClock } from '../../../src/core/clock.js';
import { Scheduler } from '../../../src/jobs/scheduler.js';
import { createLogger } from '../../../src/logger.js';

const quiet = createLogger('error', 'test', () => undefined);

describe('Scheduler', () => {
  test('passes the clock time, never runs two passes at once, and stop() waits for the running pass', async () => {
    const clock = new ManualClock(new Date('2026-05-04T08:00:00Z'));
    const seen: string[] = [];
    let running = 0;
    let maxRunning = 0;
    let finished = 0;
    const scheduler = new Scheduler(
      '*/5 * * * *',
      async (now) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        seen.push(now.toISOString());
        await new Promise((r) => setTimeout(r, 150));
        running -= 1;
        finished += 1;
      },
      clock,
      quiet,
    );

    const first = scheduler.runOnce();
    const second = scheduler.runOnce(); // joins the running pass
    expect(second).toBe(first);
    await scheduler.stop();
    expect(finished).toBe(1);
    expect(maxRunning).toBe(1);
    expect(seen).toEqual(['2026-05-04T08:00:00.000Z']);

    await scheduler.runOnce(); // stopped: no more passes
    expect(finished).toBe(1);
  });

  test('a failing pass is logged and the next one still runs', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', 'test', (l) => lines.push(l));
    let calls = 0;
    const scheduler = new Scheduler(
      '*/5 * * * *',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database busy');
      },
      new ManualClock(new Date()),
      logger,
    );
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(calls).toBe(2);
    expect(lines.some((l) => l.includes('scheduler pass failed') && l.includes('database busy'))).toBe(true);
    await scheduler.stop();
  });
});
