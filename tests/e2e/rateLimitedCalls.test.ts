import { logLevelOf } from '../../src/logger.js';
import { metric, scrape } from '../support/metrics.js';
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

/**
 * With pacing on (the default outside these tests), Home publishes keep to views.publish's documented tier (Tier 4,
 * this replica's share of it) instead of finding the limit by 429s: the opens beyond the burst wait for their turn.
 */
describe.each(testDatabaseKinds())('App Home publishes paced by the documented tier on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    // 50 replicas share the workspace: this one's share of Tier 4 is 2 publishes a minute, a burst of 2.
    h = await startHarness(kind, { env: { SLACK_PACING: 'on', SLACK_REPLICAS: '50' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('opens beyond the pace wait for their turn: no call early, no 429', async () => {
    const people = ['U0EMU0001', 'U0EMU0002', 'U0EMU0003', 'U0EMU0004'];
    for (const user of people) await h.driver.appHomeOpened(user);
    await h.emulator.waitForCall('views.publish', { count: 2, timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 1500));
    const calls = h.emulator.callsTo('views.publish');
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    // What waits is visible to the operator.
    expect(metric(await scrape(h.appUrl), 'rm_requests_waiting', { stage: 'home' })).toBe(2);
    expect(h.logLines.filter((l) => logLevelOf(l) === 'error' || l.includes('not refreshed'))).toEqual([]);
  });
});
