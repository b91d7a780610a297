import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { webClientOptions } from '../../../src/slack/app.js';

const timeout = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

/** A WebClient with the app's settings whose fetch fails at once, as `fail` says, counting the calls sent. */
function clientFailingWith(fail: () => Error): { client: WebClient; sent: () => number } {
  let sent = 0;
  const options: WebClientOptions = {
    ...webClientOptions('http://127.0.0.1:9/api/', 3000),
    logLevel: undefined,
    fetch: () => {
      sent += 1;
      return Promise.reject(fail());
    },
  };
  return { client: new WebClient('xoxb-test', options), sent: () => sent };
}

describe('the WebClient settings (webClientOptions)', () => {
  it('a call that timed out is not sent again, even when the clocks make the timeout read as shorter than SLACK_TIMEOUT_MS', async () => {
    // The timer that fires the timeout and Date.now(), which bounds the retries (maxRetryTime), keep different
    // clocks: a timeout that fires "early" by Date.now() was sent again in CI. Here it fires at once.
    const { client, sent } = clientFailingWith(timeout);
    await expect(client.apiCall('views.publish', { user_id: 'U1' })).rejects.toThrow(/timeout/);
    expect(sent()).toBe(1);
  });

  it('a call that failed fast (connection refused) is sent again, twice', async () => {
    const { client, sent } = clientFailingWith(refused);
    await expect(client.apiCall('views.publish', { user_id: 'U1' })).rejects.toThrow(/ECONNREFUSED/);
    expect(sent()).toBe(3);
  });

  it('a real timeout against a server that never answers: one call, given up after the timeout', async () => {
    let hits = 0;
    const server = http.createServer(() => void (hits += 1));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
      const client = new WebClient('xoxb-test', { ...webClientOptions(base, 300), logLevel: undefined });
      const started = Date.now();
      await expect(client.apiCall('views.publish', { user_id: 'U1' })).rejects.toThrow(/timeout/);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(hits).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
