// The request path's warm-up, before the bot listens: signed requests shaped like Slack's go through a twin of the
// receiver on a loopback port of its own, and are recorded in the inbox in transactions rolled back. A fresh
// process runs its code unoptimised at first: the first burst it took paid for that (bench/load: the first second's
// requests cost the app 1.1 to 2.4 ms of CPU each, 0.3 to 0.6 ms later in the same burst, and held the burst's p99).
import { Agent, request } from 'node:http';
import type { AppLogger } from '../logger.js';
import { ackFirstPolicy } from './ackFirst.js';
import { SlackHttpReceiver } from './httpReceiver.js';
import { createHttpServer } from './httpServer.js';
import type { DurableInbox } from './inbox.js';
import { warmUpRequest } from './warmUpRequests.js';

export interface WarmUpOptions {
  signingSecret: string;
  logger: AppLogger;
  /** the bot's inbox: its rehearsal twin records the warm-up requests and keeps nothing */
  inbox?: DurableInbox;
  /** how many requests (0: none) */
  requests: number;
  /** how many at once */
  concurrency?: number;
}

export interface WarmedUp {
  requests: number;
  /** answered otherwise than 200 (none expected) */
  refused: number;
  ms: number;
}

/** Nothing the twin answers goes on to Bolt: its answers are the whole of it. */
const noDispatch = { submit: () => undefined, start: () => undefined, flush: () => undefined, waiting: 0 };

/**
 * Sends `requests` signed requests through the request path (HTTP server, body reader, signature, parse, the ack
 * policy, the inbox's batched records rolled back, the answer) of a receiver of its own, which dispatches nothing:
 * no listener runs, no metric counts them, no row is kept. Slash commands are answered empty, as in a burst.
 */
export async function warmUpRequestPath(options: WarmUpOptions): Promise<WarmedUp> {
  const started = performance.now();
  const inbox = options.inbox?.rehearsal();
  const receiver = new SlackHttpReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    backlog: noDispatch,
    ...(inbox ? { inbox } : {}),
    ackFirst: ackFirstPolicy({ priorityOf: () => 'normal', pressure: { busy: true } }),
  });
  const server = createHttpServer({
    slackListener: receiver.requestListener,
    readiness: async () => ({ ok: false, checks: { warmUp: 'running' } }),
    logger: options.logger,
  });
  const port = await server.listen(0, '127.0.0.1');
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  let refused = 0;
  const send = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const { body, headers } = warmUpRequest(options.signingSecret, n, Math.floor(Date.now() / 1000));
      const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent }, (res) => {
        if (res.statusCode !== 200) refused += 1;
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < options.requests) await send(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 50, options.requests) }, worker));
  } finally {
    agent.destroy();
    await server.drain(1000);
    await receiver.stop();
  }
  return { requests: options.requests, refused, ms: performance.now() - started };
}
