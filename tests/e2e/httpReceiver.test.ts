import { request } from 'node:http';
import { testDatabaseKinds } from '../support/databases.js';
import { startHarness, type Harness } from '../support/harness.js';

const COORDINATOR = 'U0EMU0005';

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

  test('a body over 4 MB is refused with 413 before it is read', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024 + 1, 'a');
    expect(await post(h.appUrl, big, { 'content-type': 'application/json' })).toBe(413);
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
