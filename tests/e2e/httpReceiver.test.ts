import { request } from 'node:http';
import { BODY_LIMIT_BYTES } from '../../src/requests/bodyReader.js';
import { testDatabaseKinds } from '../support/databases.js';
import { metric, scrape } from '../support/metrics.js';
import { slowPost } from '../support/rawHttp.js';
import { startHarness, type Harness } from '../support/harness.js';

const COORDINATOR = 'U0EMU0005';
const FOUR_MB = 4 * 1024 * 1024;

/** POSTs without the driver (which always sends what Slack would): raw bytes, declared length. */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve(413) : reject(err),
    );
    req.end(body);
  });
}

describe.each(testDatabaseKinds())('the HTTP receiver on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR] });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test("Slack's unsigned ssl_check is answered 200 and reaches no listener, even with a payload smuggled in", async () => {
    h.emulator.reset();
    const smuggled = `ssl_check=1&payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'checkin_met' }] }))}`;
    const res = await h.driver.raw({
      body: smuggled,
      contentType: 'application/x-www-form-urlencoded',
      signature: null,
      timestamp: null,
    });
    expect(res.status).toBe(200);
    expect(await h.bot.idle(2000)).toBe(true);
    expect(h.emulator.calls).toHaveLength(0);
    expect(h.emulator.responseUrlPosts({})).toHaveLength(0);
  });

  test('an ssl_check that comes signed is answered 200 as well (Bolt answers any ssl_check=1 form body so)', async () => {
    h.emulator.reset();
    const signed = await h.driver.raw({
      body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(signed.status).toBe(200);
    const stale = await h.driver.raw({
      body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO',
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(stale.status).toBe(200);
    const forged = await h.driver.raw({
      body: 'ssl_check=1',
      contentType: 'application/x-www-form-urlencoded',
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(200);
    // a stale or forged slash command is still refused
    const command = 'command=%2Frm-join&user_id=U0EMU0001&text=ssl_check%3D1';
    const staleCommand = {
      body: command,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    };
    expect((await h.driver.raw(staleCommand)).status).toBe(401);
    expect((await h.driver.raw({ ...staleCommand, timestamp: undefined, signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    expect(await h.bot.idle(2000)).toBe(true);
    expect(h.emulator.calls).toHaveLength(0);
  });

  test('a 4 MB unsigned body is refused (401) before it is read: the answer comes while the client is still sending', async () => {
    const sent = await slowPost(h.appUrl, { total: FOUR_MB });
    expect(sent.answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(sent.sentWhenAnswered).toBeGreaterThanOrEqual(0);
    expect(sent.sentWhenAnswered).toBeLessThan(512 * 1024);
    // Node's fetch too: refused at once, whatever the declared length
    expect(await post(h.appUrl, Buffer.alloc(FOUR_MB, 'a'), { 'content-type': 'application/json' })).toBe(401);
  });

  test('a 4 MB body with fresh signature headers gets 413 before it is read whole, declared or chunked', async () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = { 'x-slack-request-timestamp': String(now), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    const declared = await slowPost(h.appUrl, { total: FOUR_MB, headers });
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.sentWhenAnswered).toBeLessThan(512 * 1024); // refused on its Content-Length
    const chunked = await slowPost(h.appUrl, { total: FOUR_MB, headers, chunked: true });
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.sentWhenAnswered).toBeLessThan(BODY_LIMIT_BYTES + 512 * 1024); // refused at the limit
    // A body at the limit is read and its signature checked (this one is forged): 401.
    const atLimit = Buffer.alloc(BODY_LIMIT_BYTES, 'a');
    expect(await post(h.appUrl, atLimit, { 'content-type': 'application/json', ...headers })).toBe(401);
  });

  test('100 junk requests are counted in the metrics, not logged one line each', async () => {
    h.emulator.reset();
    const before = await scrape(h.appUrl);
    const logged = h.logLines.length;
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened', user: COORDINATOR } });
    const junk = await Promise.all(
      Array.from(
        { length: 100 },
        (_, i) =>
          i % 4 === 0
            ? h.driver.raw({ body, signature: null, timestamp: null }) // unsigned
            : i % 4 === 1
              ? h.driver.raw({ body, timestamp: now - 3600 }) // stale
              : i % 4 === 2
                ? h.driver.raw({ body, signature: `v0=${'1'.repeat(64)}` }) // forged
                : h.driver.raw({ body: '{"hello":"world"}' }), // signed, not a Slack payload
      ),
    );
    expect(junk.map((r) => r.status).sort()).toEqual([...Array(75).fill(401), ...Array(25).fill(400)].sort());
    const after = await scrape(h.appUrl);
    const moved = (reason: string) =>
      (metric(after, 'rm_slack_junk_requests_total', { reason }) ?? 0) -
      (metric(before, 'rm_slack_junk_requests_total', { reason }) ?? 0);
    expect([moved('unsigned'), moved('stale_timestamp'), moved('bad_signature'), moved('unparseable')]).toEqual([25, 25, 25, 25]);
    // At most the one line that opens a quiet spell (the rest of the minute goes in one summary line).
    const refusals = h.logLines.slice(logged).filter((l) => l.includes('refused'));
    expect(refusals.length).toBeLessThanOrEqual(1);
    expect(h.logLines.length - logged).toBeLessThanOrEqual(1);
    expect(await h.bot.idle(2000)).toBe(true);
    expect(h.emulator.callsTo('views.publish')).toHaveLength(0); // none reached a listener
  });

  test('a signed body that names no kind of payload gets 400 at once', async () => {
    const started = Date.now();
    const res = await h.driver.raw({ body: '{"hello":"world"}' });
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a request no listener acknowledges gets 500 as soon as its listeners are done, logged without content', async () => {
    const secret = 'SECRET-QUERY-TEXT';
    const payload = {
      type: 'block_suggestion',
      action_id: 'nobody_handles_this',
      value: secret,
      user: { id: COORDINATOR },
      team: { id: h.emulator.workspace.teamId },
    };
    const started = Date.now();
    const res = await h.driver.raw({
      body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(2000);
    const logged = h.logLines.filter((l) => l.includes('was not acknowledged'));
    expect(logged.length).toBeGreaterThan(0);
    expect(h.logLines.join('\n')).not.toContain(secret);
  });

  test('an event is answered empty, and its work still happens', async () => {
    h.emulator.reset();
    const res = await h.driver.appHomeOpened(COORDINATOR);
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
    expect(await h.bot.idle(5000)).toBe(true);
    expect(h.emulator.callsTo('views.publish').length).toBe(1);
  });
});
