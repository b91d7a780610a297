import { InFlight } from '../../../src/requests/inFlight.js';
import { createHttpServer, type Readiness } from '../../../src/requests/httpServer.js';
import { createLogger } from '../../../src/logger.js';

const quiet = createLogger('error', 'test', () => undefined);

describe('HTTP server shutdown', () => {
  test('drain tells the receiver (onDrain) once no request is accepted, then waits for the work it started', async () => {
    const work = new InFlight();
    const events: string[] = [];
    const http = createHttpServer({
      slackListener: (_req, res) => res.end(),
      readiness: async () => ({ ok: true, checks: {} }),
      logger: quiet,
      work,
      onDrain: () => {
        events.push('onDrain');
        // what the receiver held starts now, and the shutdown waits for it
        void work.run(async () => {
          await new Promise((r) => setTimeout(r, 50));
          events.push('held work done');
        });
      },
    });
    await http.listen(0, '127.0.0.1');
    await http.drain(2000);
    events.push('drained');
    expect(events).toEqual(['onDrain', 'held work done', 'drained']);
  });
});

describe('liveness, readiness and metrics', () => {
  test('/livez is the process only; /readyz and its alias /healthz say which check fails; /metrics serves the text', async () => {
    let ready: Readiness = { ok: true, checks: { database: 'reachable', migrations: 'applied' } };
    let readinessAsked = 0;
    const http = createHttpServer({
      readiness: async () => {
        readinessAsked += 1;
        return ready;
      },
      metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', text: 'rm_up 1\n' }),
      logger: quiet,
    });
    const port = await http.listen(0, '127.0.0.1');
    const get = async (path: string, method = 'GET') => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    try {
      expect(await get('/livez')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      expect(readinessAsked).toBe(0); // liveness never asks the database
      expect(JSON.parse((await get('/readyz')).body)).toEqual({ status: 'ok', database: 'reachable', migrations: 'applied' });
      ready = { ok: false, checks: { database: 'unreachable', migrations: 'unknown' } };
      for (const path of ['/readyz', '/healthz']) {
        const res = await get(path);
        expect(res.status).toBe(503);
        expect(JSON.parse(res.body)).toEqual({ status: 'unavailable', database: 'unreachable', migrations: 'unknown' });
      }
      expect((await get('/livez')).status).toBe(200); // a database outage restarts nothing
      expect((await get('/readyz', 'HEAD')).status).toBe(503);
      expect(await get('/metrics')).toEqual({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: 'rm_up 1\n' });
      expect((await get('/nothing')).status).toBe(404);
    } finally {
      await http.drain(1000);
    }
  });
});
