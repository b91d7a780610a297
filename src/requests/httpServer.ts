import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AppLogger } from '../logger.js';
import { InFlight } from './inFlight.js';
import type { RequestObserver } from './observer.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** the process is alive (no database, no Slack): restart it only when this fails */
export const LIVENESS_PATH = '/livez';
/** it can take traffic: database reachable, migrations applied, not draining, Slack's token accepted */
export const READINESS_PATH = '/readyz';
/** the older name of readiness, kept as its alias */
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** What readiness found: each check's word (`database: reachable`), and whether all of them pass. */
export interface Readiness {
  ok: boolean;
  checks: Record<string, string>;
}

export interface HttpServerOptions {
  /** Bolt's request listener for POST /slack/events; absent in Socket Mode */
  slackListener?: RequestListener;
  /** readiness apart from draining, which the server knows itself */
  readiness: () => Promise<Readiness>;
  /** the Prometheus exposition of this bot's metrics */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** told of Slack requests turned away while draining */
  observer?: RequestObserver;
  logger: AppLogger;
  /** shared with the Bolt app, whose listeners may still be working after their ack */
  work?: InFlight;
  /** called when a shutdown begins, once no new request is accepted (the receiver dispatches what it holds) */
  onDrain?: () => void;
  /** The coordinator dashboard (src/dashboard): takes the requests under /admin (true) and answers them itself. */
  admin?: (req: IncomingMessage, res: ServerResponse) => boolean;
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

  const reads = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === LIVENESS_PATH && reads(req)) {
      // Alive while draining too: a shutdown in progress must not be cut short by a restart.
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if ((path === READINESS_PATH || path === HEALTH_PATH) && reads(req)) {
      const ready: Readiness = draining ? { ok: false, checks: { shutdown: 'draining' } } : await options.readiness();
      sendJson(res, ready.ok ? 200 : 503, { status: ready.ok ? 'ok' : 'unavailable', ...ready.checks });
      return;
    }
    if (path === METRICS_PATH && options.metrics && reads(req)) {
      const { contentType, text } = await options.metrics();
      res.writeHead(200, { 'content-type': contentType }).end(text);
      return;
    }
    if (path === SLACK_EVENTS_PATH && options.slackListener) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      if (draining) {
        // Slack retries; another replica (or this one after restart) will take it.
        options.observer?.answered('unread', 'draining', 0);
        res.writeHead(503, { 'retry-after': '1' }).end();
        return;
      }
      options.slackListener(req, res);
      return;
    }
    if (options.admin?.(req, res)) return;
    sendJson(res, 404, {
      error: 'not_found',
      paths: [
        options.slackListener ? `POST ${SLACK_EVENTS_PATH}` : undefined,
        `GET ${LIVENESS_PATH}`,
        `GET ${READINESS_PATH}`,
        `GET ${HEALTH_PATH}`,
        options.metrics ? `GET ${METRICS_PATH}` : undefined,
      ].filter(Boolean),
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
