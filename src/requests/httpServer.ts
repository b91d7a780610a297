import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AppLogger } from '../logger.js';
import { InFlight } from './inFlight.js';

export const SLACK_EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface HttpServerOptions {
  /** Bolt's request listener for POST /slack/events; absent in Socket Mode */
  slackListener?: RequestListener;
  health: () => Promise<{ ok: boolean; details: Record<string, string> }>;
  logger: AppLogger;
  /** shared with the Bolt app, whose listeners may still be working after their ack */
  work?: InFlight;
  /** called when a shutdown begins, once no new request is accepted (the receiver dispatches what it holds) */
  onDrain?: () => void;
}

export interface HttpServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and resolves when every request and listener in flight is done. */
  drain(timeoutMs?: number): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const work = options.work ?? new InFlight();
  let draining = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      const health = draining ? { ok: false, details: { status: 'shutting down' } } : await options.health();
      sendJson(res, health.ok ? 200 : 503, { status: health.ok ? 'ok' : 'unavailable', ...health.details });
      return;
    }
    if (path === SLACK_EVENTS_PATH && options.slackListener) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      if (draining) {
        // Slack retries; another replica (or this one after restart) will take it.
        res.writeHead(503, { 'retry-after': '1' }).end();
        return;
      }
      options.slackListener(req, res);
      return;
    }
    sendJson(res, 404, {
      error: 'not_found',
      paths: [options.slackListener ? `POST ${SLACK_EVENTS_PATH}` : undefined, `GET ${HEALTH_PATH}`].filter(Boolean),
    });
  };

  const server = createServer((req, res) => {
    work.begin();
    res.once('close', () => work.end());
    handle(req, res).catch((err: unknown) => {
      options.logger.error('request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    });
  });
  // Keep-alive connections must not hold a shutdown open.
  server.keepAliveTimeout = 5000;

  return {
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    async drain(timeoutMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      options.onDrain?.();
      const finished = await work.idle(timeoutMs);
      if (!finished) options.logger.warn(`shutdown: ${work.size} request(s) still running after ${timeoutMs} ms; closing anyway`);
      server.closeAllConnections();
      await closed;
    },
  };
}
