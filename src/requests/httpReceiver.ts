import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { eventTypeOf, parseSlackBody, type SlackBody } from './body.js';
import { BODY_LIMIT_BYTES, readBody, refuseUnread, TOO_LARGE, UNSIGNED_BODY_LIMIT_BYTES } from './bodyReader.js';
import type { DispatchBacklog, DispatchPriority } from './dispatchBacklog.js';
import { JunkRequests } from './junk.js';
import { ignoreRequests, outcomeOf, type JunkReason, type RequestObserver } from './observer.js';
import { inThisRequest, requestIdFor, runInRequest } from './requestContext.js';
import { checkSignatureHeaders, checkSlackSignature, type SignatureProblem } from './signature.js';
import { errorLabel, INBOX_TICKET, type DurableInbox, type InboxTicket } from './inbox.js';

export { BODY_LIMIT_BYTES } from './bodyReader.js';

/** Slack shows the person an error when a request is not answered in 3 s (5 s for function_executed). */
const ACK_TIMEOUT_MS = 3001;
const FUNCTION_ACK_TIMEOUT_MS = 5001;
const SSL_CHECK = /(?:^|&)ssl_check=1(?:&|$)/;
const FORM = 'application/x-www-form-urlencoded';

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
  /** told how each request ended (the metrics) */
  observer?: RequestObserver;
  /** where every request is recorded before it is answered (docs/operations.md, "The inbox") */
  inbox?: Pick<DurableInbox, 'record' | 'attempt'>;
  /**
   * A slash command answered first (`ackFirst`): its answer computed beside its record (`recorded` settles when the
   * record is written or failed), for the ack's body, and what follows it; undefined (at once, or once computed):
   * answered empty, its listener replies on the response_url.
   */
  answerInAck?(body: SlackBody, recorded: Promise<unknown>): Promise<AckAnswer | undefined> | undefined;
  nowSeconds?: () => number;
}

/** A slash command's answer given in its ack, while the loop is saturated (`answerInAck`). */
export interface AckAnswer {
  /** the ack's body (the person sees it as an ephemeral message); none: an empty 200 */
  body?: unknown;
  /** what follows the answer, run as the recorded request's attempt (the request is done when it is) */
  follow?: () => Promise<void>;
}

const JUNK_REASON: Record<SignatureProblem, JunkReason> = {
  'missing headers': 'unsigned',
  'stale timestamp': 'stale_timestamp',
  'unknown signature version': 'bad_signature',
  'signature mismatch': 'bad_signature',
};

/**
 * Bolt's Receiver for POST /slack/events, mounted on the app's own HTTP server.
 *
 * Bolt's HTTPReceiver verifies and parses every body twice and runs the whole middleware chain before it
 * answers anything. Here each body is read, verified (one HMAC) and parsed once; and requests whose answer
 * Slack ignores (block actions, events, closed views, and slash commands while the loop is saturated) are
 * answered at once, then handed to Bolt through the `DispatchBacklog`, which holds them while a burst
 * saturates the event loop. Measured in bench/load, see docs/benchmarks.md.
 *
 * What is not Slack's costs little: without signature headers, or with a timestamp more than 5 minutes away,
 * a request gets 401 before its body is read (a form body is read up to 4 kB first: it may be Slack's tiny
 * `ssl_check`, answered 200 whatever its signature); a body
 * over `BODY_LIMIT_BYTES` gets 413 without being read whole; a forged signature 401; a body that is not
 * Slack's 400. None reaches a listener, and none is logged one line each (`JunkRequests`: a counter and a
 * summary line a minute). A request no listener acknowledges gets 500 (at once when its listeners are done,
 * or after 3 s). Each verified request runs as one request (`runInRequest`): its log lines share its id.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;
  private readonly observer: RequestObserver;
  private readonly junk: JunkRequests;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    if (!options.signingSecret) throw new Error('the HTTP receiver needs the signing secret');
    this.now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.observer = options.observer ?? ignoreRequests;
    this.junk = new JunkRequests(options.logger, this.observer);
  }

  init(app: App): void {
    this.app = app;
  }

  /** The app's HTTP server (src/requests/httpServer.ts) listens; nothing to start here. */
  async start(): Promise<void> {}

  /** The bot is stopping: the junk counted since the last summary is logged. */
  async stop(): Promise<void> {
    this.junk.stop();
  }

  /** Requests answered and waiting to be dispatched (the metrics). */
  get waiting(): number {
    return this.options.backlog.waiting;
  }

  /** Shutting down: what was answered but not yet dispatched is dispatched now (Slack will not retry it). */
  flush(): void {
    this.options.backlog.flush();
  }

  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    const arrived = performance.now();
    this.receive(req, res, arrived).catch((err: unknown) => {
      this.options.logger.error('a request failed before reaching Bolt:', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };

  /** Counted, not logged one line each; a large body still arriving is not read (`refuseUnread`). */
  private refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: JunkReason): void {
    this.junk.note(reason);
    if (res.headersSent) return;
    const declared = Number(req.headers['content-length']);
    const small = Number.isFinite(declared) && declared <= UNSIGNED_BODY_LIMIT_BYTES;
    if (req.complete || small) res.writeHead(status).end();
    else refuseUnread(req, res, status);
  }

  private async receive(req: IncomingMessage, res: ServerResponse, arrived: number): Promise<void> {
    const contentType = req.headers['content-type'];
    const timestamp = header(req, 'x-slack-request-timestamp');
    const signature = header(req, 'x-slack-signature');
    const headerProblem = checkSignatureHeaders(timestamp, signature, this.now());
    if (headerProblem && contentType?.startsWith(FORM)) {
      // Only Slack's `ssl_check` is worth reading, and it is tiny.
      await this.maybeSslCheck(req, res, arrived, JUNK_REASON[headerProblem]);
      return;
    }
    if (headerProblem) {
      this.refuse(req, res, 401, JUNK_REASON[headerProblem]);
      return;
    }
    const raw = await readBody(req, BODY_LIMIT_BYTES);
    if (raw === TOO_LARGE) {
      this.refuse(req, res, 413, 'too_large');
      return;
    }
    const problem = checkSlackSignature(this.options.signingSecret, timestamp, signature, raw, this.now());
    if (problem) {
      if (isSslCheck(raw, contentType)) this.answerSslCheck(res, arrived);
      else this.refuse(req, res, 401, JUNK_REASON[problem]);
      return;
    }
    this.options.noteRequest?.();
    let body: SlackBody;
    let json: string;
    try {
      ({ body, json } = parseSlackBody(raw.toString('utf8'), contentType));
    } catch {
      // An ssl_check names no kind of payload, signed or not.
      if (isSslCheck(raw, contentType)) this.answerSslCheck(res, arrived);
      else this.refuse(req, res, 400, 'unparseable');
      return;
    }
    const kind = kindOf(body);
    res.once('finish', () => this.observer.answered(kind, outcomeOf(res.statusCode), (performance.now() - arrived) / 1000));
    runInRequest(requestIdFor(body), () => void this.recordThenAnswer(req, res, body, json));
  }

  /**
   * Nothing is answered 2xx before it is recorded in the inbox: a retry or a replay of a recorded request gets an
   * empty 200 and goes no further; a request the database cannot take gets 503 (Slack retries an event, and the
   * person sees Slack's own failure notice for a click or a command instead of a false success).
   */
  private async recordThenAnswer(req: IncomingMessage, res: ServerResponse, body: SlackBody, json: string): Promise<void> {
    const recording = this.options.inbox?.record(body, json);
    // A command answered first has its answer computed while it is recorded (reads only: nothing is done with it
    // unless the record is new).
    const inAck = this.answerInAck(body, recording ?? Promise.resolve());
    let ticket: InboxTicket | undefined;
    if (recording) {
      try {
        const recorded = await recording;
        if (recorded === 'duplicate') {
          res.writeHead(200).end();
          return;
        }
        ticket = recorded;
      } catch (err) {
        this.options.logger.error(`a ${describeKind(body)} request could not be recorded, answered 503:`, err);
        if (!res.headersSent) res.writeHead(503).end();
        return;
      }
    }
    // Calm when it arrived, saturated now (a burst starting): answered first all the same, so its answer is sought now.
    const answered = await (inAck ?? this.answerInAck(body, Promise.resolve()));
    if (answered) this.answerWith(res, body, answered, ticket);
    else this.answer(req, res, body, ticket);
  }

  private answerInAck(body: SlackBody, recorded: Promise<unknown>): Promise<AckAnswer | undefined> | undefined {
    if (typeof body.command !== 'string' || !this.options.answerInAck || !this.options.ackFirst(body)) return undefined;
    try {
      return this.options.answerInAck(body, recorded)?.catch((err: unknown) => this.answerFailed(err));
    } catch (err) {
      return Promise.resolve(this.answerFailed(err));
    }
  }

  /** The answer could not be computed: the command is answered empty and its listener replies as usual. */
  private answerFailed(err: unknown): undefined {
    this.options.logger.warn(`a slash command could not be answered in its ack (${errorLabel(err)}), its listener replies`);
    return undefined;
  }

  /**
   * The command's answer is the ack's body; what follows it runs as the recorded request's attempt, not through Bolt
   * (nothing is answered twice): in its turn when the answer is given (held like any early-answered request while
   * the loop is saturated), at once when the answer itself follows (an empty ack: it is what the person waits for).
   */
  private answerWith(res: ServerResponse, body: SlackBody, answer: AckAnswer, ticket?: InboxTicket): void {
    if (answer.body) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    else res.writeHead(200).end();
    const work = answer.follow ?? (async () => undefined);
    const { inbox, logger } = this.options;
    const follow =
      inbox && ticket
        ? () => inbox.attempt(ticket, body, work)
        : () =>
            work().catch((err: unknown) =>
              logger.error(`the work after a command answered in its ack failed: ${errorLabel(err)}`),
            );
    if (answer.body) this.options.backlog.submit(inThisRequest(follow), 'normal');
    else this.options.backlog.start(inThisRequest(follow));
  }

  /** A form body without valid signature headers: answered 200 if it is an `ssl_check`, else refused for `reason`. */
  private async maybeSslCheck(req: IncomingMessage, res: ServerResponse, arrived: number, reason: JunkReason): Promise<void> {
    const raw = await readBody(req, UNSIGNED_BODY_LIMIT_BYTES);
    if (raw === TOO_LARGE || !isSslCheck(raw, FORM)) {
      this.refuse(req, res, 401, reason);
      return;
    }
    this.answerSslCheck(res, arrived);
  }

  /**
   * Slack checks TLS with an `ssl_check=1` form body: Bolt answers it 200 whatever its signature headers say (it
   * verifies nothing), and so does this receiver, looking at nothing else in the body.
   */
  private answerSslCheck(res: ServerResponse, arrived: number): void {
    res.once('finish', () => this.observer.answered('ssl_check', 'ok', (performance.now() - arrived) / 1000));
    res.writeHead(200).end();
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: SlackBody, ticket?: InboxTicket): void {
    const { logger } = this.options;
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    const retryNum = header(req, 'x-slack-retry-num');
    const retryReason = header(req, 'x-slack-retry-reason');
    const retry = { ...(retryNum ? { retryNum: Number.parseInt(retryNum, 10) } : {}), ...(retryReason ? { retryReason } : {}) };
    const recorded = ticket ? { [INBOX_TICKET]: ticket } : {};

    const early = this.options.ackFirst(body);
    if (early) {
      res.writeHead(200).end();
      const ack = async (answer?: unknown) => {
        // A listener of an early-answered request must reply some other way (respond, a message).
        if (answer) logger.warn('an answer passed to ack() was dropped: the request was already answered');
      };
      const event: ReceiverEvent = { body, ack, customProperties: { [ACKED_BY_RECEIVER]: true, ...recorded }, ...retry };
      // Dispatched later, from the backlog: still as part of this request (its log lines keep its id).
      this.options.backlog.submit(
        inThisRequest(() => this.dispatch(event, res, ticket)),
        early,
      );
      return;
    }

    let acked = false;
    const unanswered = (why: string) => {
      if (acked) return;
      logger.error(`a ${describeKind(body)} request was not acknowledged: ${why}`);
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
    void this.dispatch({ body, ack, customProperties: recorded, ...retry }, res, ticket).finally(() => {
      clearTimeout(timer);
      unanswered('its listeners finished (or failed) without calling ack()');
    });
  }

  /** Bolt's listeners run (their errors go to app.error); a failure of Bolt itself before any answer is a 500. */
  private async dispatch(event: ReceiverEvent, res: ServerResponse, ticket?: InboxTicket): Promise<void> {
    try {
      const app = this.app;
      if (!app) throw new Error('the receiver was not initialised by a Bolt App');
      const { inbox } = this.options;
      // A recorded request's outcome is written: done, or tried again (by any replica) until it is.
      if (inbox && ticket) await inbox.attempt(ticket, event.body, () => app.processEvent(event));
      else await app.processEvent(event);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end();
      this.options.logger.error('a request failed in Bolt:', error);
    }
  }
}

/** The metric label of a verified request: a fixed word, never anything the request says about a person. */
export function kindOf(body: SlackBody): string {
  if (typeof body.command === 'string') return 'slash_command';
  const known = [
    'block_actions',
    'block_suggestion',
    'view_submission',
    'view_closed',
    'shortcut',
    'message_action',
    'event_callback',
    'url_verification',
  ];
  return typeof body.type === 'string' && known.includes(body.type) ? body.type : 'other';
}

/** What kind of request it was, for logs (never its content). */
function describeKind(body: SlackBody): string {
  if (typeof body.command === 'string') return 'slash command';
  const eventType = eventTypeOf(body);
  return eventType ? `${String(body.type)}/${eventType}` : String(body.type);
}

/** An `ssl_check=1` form body (a few dozen bytes: a larger body is not one). */
function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return !!contentType?.startsWith(FORM) && raw.length <= UNSIGNED_BODY_LIMIT_BYTES && SSL_CHECK.test(raw.toString('utf8'));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
