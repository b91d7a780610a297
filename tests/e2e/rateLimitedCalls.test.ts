import { logLevelOf } from '../../src/logger.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

const EMPLOYEE = 'U0EMU0007';

/**
 * A 429 on a listener's Web API call fails that call at once: the client does not sit out Retry-After
 * (pausing every call it makes meanwhile) while the listener holds an after-ack slot.
 */
describe.each(testDatabaseKinds())('rate-limited Web API calls from listeners on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('App Home rate-limited: not retried, a warning, and the next open publishes at once', async () => {
    h.emulator.injectFault({ method: 'views.publish', status: 429, retryAfter: 30, times: 1 });
    await h.driver.appHomeOpened(EMPLOYEE);
    await eventually(() => h.logLines.find((l) => l.includes('App Home not refreshed')), 5000, 'the warning');
    expect(h.emulator.callsTo('views.publish')).toHaveLength(1); // the 429, not retried
    expect(h.logLines.filter((l) => logLevelOf(l) === 'error')).toEqual([]);

    const started = Date.now();
    await h.driver.appHomeOpened(EMPLOYEE);
    await h.emulator.waitForCall('views.publish', { count: 2, timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000); // not paused for the 30 s of Retry-After
    expect(h.emulator.homeViewFor(EMPLOYEE)).toBeDefined();
  });
});
