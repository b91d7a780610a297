import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { eventTypeOf, parseSlackBody, type SlackBody } from './body.js';
import type { DispatchBacklog, DispatchPriority } from './dispatchBacklog.js';
import { checkSlackSignature } from './signature.js';

/** Slack's own limit on a request body is far below this; Bolt uses the same. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Slack shows the person an error when a request is not answered in 3 s (5 s for function_executed). */
const ACK_TIMEOUT_MS = 3001;
const FUNCTION_ACK_TIMEOUT_MS = 5001;
const SSL_CHECK = /(?:^|&)ssl_check=1(?:&|$)/;

/** Set in Bolt's context when the receiver answered the request before any listener ran. */
export const ACKED_BY_RECEIVER = 'ackedByReceiver';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: AppLogger;
  backlog: DispatchBacklog;
  /**
   * Which requests are answered (empty, 200) as soon as they are verified, before Bolt dispatches them,
   * and how urgently they are dispatched; undefined: the listener's ack is the answer (a slash command while
   * calm, a view submission with its response_action).
   */
  ackFirst(body: SlackBody): DispatchPriority | undefined;
  /** told of every verified request (the burst signal of `LoopPressure`; junk does not count) */
  noteRequest?: () => void;
  nowSeconds?: () => number;
}

/**
 * Bolt's Receiver for POST /slack/events, mounted on the app's own HTTP server.
 *
 * Bolt's HTTPReceiver verifies and parses every body twice and runs the whole middleware chain before it
 * answers anything. Here each body is read, verified (one HMAC) and parsed once; and requests whose answer
 * Slack ignores (block actions, events, closed views, and slash commands while the loop is saturated) are
 * answered at once, then handed to Bolt through the `DispatchBacklog`, which holds them while a burst
 * saturates the event loop. Measured in bench/load, see docs/benchmarks.md.
 *
 * Unsigned, forged or stale requests get 401 and reach no listener; bodies that are not Slack's get 400; a
 * request no listener acknowledges gets 500 (at once when its listeners are done, or after 3 s).
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    if (!options.signingSecret) throw new Error('the HTTP receiver needs the signing secret');
    this.now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  init(app: App): void {
    this.app = app;
  }

  /** The app's HTTP server (src/requests/httpServer.ts) listens; nothing to start or stop here. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Shutting down: what was answered but not yet dispatched is dispatched now (Slack will not retry it). */
  flush(): void {
    this.options.backlog.flush();
  }

  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    readBody(req, BODY_LIMIT_BYTES)
      .then(
        (raw) => this.handle(req, res, raw),
        (err: Error & { tooLarge?: boolean }) => {
          if (err.tooLarge) this.options.logger.warn(`refused a request body over ${BODY_LIMIT_BYTES} bytes`);
          if (!res.headersSent) res.writeHead(err.tooLarge ? 413 : 400, err.tooLarge ? { connection: 'close' } : {}).end();
        },
      )
      .catch((err: unknown) => {
        this.options.logger.error('a request failed before reaching Bolt:', err);
        if (!res.headersSent) res.writeHead(500).end();
      });
  };

  private handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const { logger } = this.options;
    const contentType = req.headers['content-type'];
    const text = raw.toString('utf8');
    // Slack checks TLS with an unsigned `ssl_check=1`: answer it and look at nothing else in the body.
    if (contentType?.startsWith('application/x-www-form-urlencoded') && SSL_CHECK.test(text)) {
      res.writeHead(200).end();
      return;
    }
    const problem = checkSlackSignature(
      this.options.signingSecret,
      header(req, 'x-slack-request-timestamp'),
      header(req, 'x-slack-signature'),
      raw,
      this.now(),
    );
    if (problem) {
      logger.warn(`refused a request that is not Slack's (${problem})`);
      res.writeHead(401).end();
      return;
    }
    this.options.noteRequest?.();
    let body: SlackBody;
    try {
      body = parseSlackBody(text, contentType);
    } catch {
      logger.warn('refused a signed request whose body is not a Slack payload');
      res.writeHead(400).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    const retryNum = header(req, 'x-slack-retry-num');
    const retryReason = header(req, 'x-slack-retry-reason');
    const retry = { ...(retryNum ? { retryNum: Number.parseInt(retryNum, 10) } : {}), ...(retryReason ? { retryReason } : {}) };

    const early = this.options.ackFirst(body);
    if (early) {
      res.writeHead(200).end();
      const ack = async (answer?: unknown) => {
        // A listener of an early-answered request must reply some other way (respond, a message).
        if (answer) logger.warn('an answer passed to ack() was dropped: the request was already answered');
      };
      const event: ReceiverEvent = { body, ack, customProperties: { [ACKED_BY_RECEIVER]: true }, ...retry };
      this.options.backlog.submit(() => this.dispatch(event, res), early);
      return;
    }

    let acked = false;
    const unanswered = (why: string) => {
      if (acked) return;
      logger.error(`a ${kindOf(body)} request was not acknowledged: ${why}`);
      if (!res.headersSent) res.writeHead(500).end();
    };
    const timeoutMs = eventTypeOf(body) === 'function_executed' ? FUNCTION_ACK_TIMEOUT_MS : ACK_TIMEOUT_MS;
    const timer = setTimeout(() => unanswered('no listener called ack() in time'), timeoutMs);
    const ack = async (answer?: unknown) => {
      if (acked) throw new Error('ack() was called twice for one request');
      acked = true;
      clearTimeout(timer);
      if (res.headersSent) return; // too late: the timeout answered
      if (!answer) res.writeHead(200).end();
      else if (typeof answer === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(answer);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    };
    void this.dispatch({ body, ack, ...retry }, res).finally(() => {
      clearTimeout(timer);
      unanswered('its listeners finished (or failed) without calling ack()');
    });
  }

  /** Bolt's listeners run (their errors go to app.error); a failure of Bolt itself before any answer is a 500. */
  private async dispatch(event: ReceiverEvent, res: ServerResponse): Promise<void> {
    try {
      if (!this.app) throw new Error('the receiver was not initialised by a Bolt App');
      await this.app.processEvent(event);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end();
      this.options.logger.error('a request failed in Bolt:', error);
    }
  }
}

/** What kind of request it was, for logs (never its content). */
function kindOf(body: SlackBody): string {
  if (typeof body.command === 'string') return 'slash command';
  const eventType = eventTypeOf(body);
  return eventType ? `${String(body.type)}/${eventType}` : String(body.type);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(Object.assign(new Error('body too large'), { tooLarge: true }));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('body too large'), { tooLarge: true }));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}
