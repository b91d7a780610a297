import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { httpFetch } from '../../../src/slack/httpFetch.js';

describe('httpFetch', () => {
  let server: http.Server;
  let base: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 300);
        if (req.url === '/moved') return void res.writeHead(302, { location: '/ok' }).end();
        if (req.url === '/api/chat.postMessage') return void res.writeHead(429, { 'retry-after': '7' }).end();
        res.writeHead(req.url === '/gone' ? 404 : 200, { 'content-type': 'application/json', 'x-one': 'a' });
        res.end(JSON.stringify({ ok: true, got: body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the body and answers like fetch: status, headers, text and json', async () => {
    const res = await httpFetch(1000)(`${base}/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":"é"}',
    });
    expect([res.ok, res.status, res.headers.get('X-One'), res.url]).toEqual([true, 200, 'a', `${base}/ok`]);
    expect(await res.json()).toEqual({ ok: true, got: '{"a":"é"}' });
    expect([...res.headers.entries()]).toContainEqual(['x-one', 'a']);
    const gone = await httpFetch(1000)(`${base}/gone`, { method: 'POST', body: '' });
    expect([gone.ok, gone.status]).toEqual([false, 404]);
  });

  it('gives up after its timeout with the TimeoutError fetch gives, and refuses a redirect when asked', async () => {
    const started = Date.now();
    await expect(httpFetch(100)(`${base}/slow`, { method: 'POST', body: 'x' })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(290);
    await expect(httpFetch(1000)(`${base}/moved`, { method: 'POST', body: 'x', redirect: 'error' })).rejects.toThrow(/redirect/);
    const controller = new AbortController();
    const aborted = httpFetch(1000)(`${base}/slow`, { method: 'POST', body: 'x', signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("lets the WebClient read a 429's Retry-After", async () => {
    const client = new WebClient('xoxb-test', {
      slackApiUrl: `${base}/api/`,
      fetch: httpFetch(1000),
      rejectRateLimitedCalls: true,
    });
    const error = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
  });
});
