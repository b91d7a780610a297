import { logLevelOf } from '../../src/logger.js';
import { testDatabaseKinds } from '../support/databases.js';
import { startHarness, type Harness } from '../support/harness.js';

const EMPLOYEE = 'U0EMU0007';

/**
 * A 429 on a listener's Web API call fails that call at once: the client does not sit out Retry-After
 * (pausing every call it makes meanwhile) while the listener holds an after-ack slot. A Home can wait: it is
 * published again once Retry-After has passed, one publish per person however often they open the tab meanwhile.
 */
describe.each(testDatabaseKinds())('rate-limited Web API calls from listeners on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('App Home rate-limited: published again after Retry-After, once, and not before', async () => {
    h.emulator.injectFault({ method: 'views.publish', status: 429, retryAfter: 2, times: 1 });
    const started = Date.now();
    await h.driver.appHomeOpened(EMPLOYEE);
    await h.emulator.waitForCall('views.publish', { count: 1, timeoutMs: 5000 });
    // Opened again meanwhile: still one publish waiting, and no call Slack would refuse.
    await h.driver.appHomeOpened(EMPLOYEE);
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.emulator.callsTo('views.publish')).toHaveLength(1);

    await h.emulator.waitForCall('views.publish', { count: 2, timeoutMs: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // Retry-After honoured
    expect(h.emulator.homeViewFor(EMPLOYEE)).toBeDefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(h.emulator.callsTo('views.publish')).toHaveLength(2);
    expect(h.logLines.filter((l) => logLevelOf(l) === 'error' || l.includes('not refreshed'))).toEqual([]);
  });
});
