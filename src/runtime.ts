import { AfterAckQueue } from './requests/afterAck.js';
import { LoopPressure } from './requests/loopPressure.js';
import { createSlackApp } from './slack/app.js';
import type { Config } from './config.js';
import { createHttpServer } from './requests/httpServer.js';
import { InFlight } from './requests/inFlight.js';
import { systemClock, type Clock } from './core/clock.js';
import { Scheduler } from './jobs/scheduler.js';
import { tick } from './jobs/tick.js';
import { createLogger, safeMessage, type AppLogger } from './logger.js';
import { openDatabase, type Database } from './store/database.js';
import { redactUrl } from './store/databaseUrl.js';
import { listCoordinators } from './store/coordinators.js';
import { OutboxSender } from './slack/outbox.js';

export interface StartOptions {
  clock?: Clock;
  logger?: AppLogger;
  /** 0 picks a free port (tests) */
  port?: number;
  host?: string;
  /** run node-cron passes (off in tests that drive tick themselves) */
  scheduler?: boolean;
  /** how often the outbox sender looks for messages to deliver (default 1000 ms; 0 = not started) */
  outboxIntervalMs?: number;
  /** whether listeners should act as if the event loop were saturated (default: measured); for tests.
   *  Only what commands answer follows it: the dispatch backlog and the after-ack queue measure the real loop. */
  pressure?: { readonly busy: boolean };
}

export interface RunningBot {
  port: number;
  db: Database;
  scheduler: Scheduler;
  outbox: OutboxSender;
  /** Resolves when no request or listener is running (or after timeoutMs; then false): for drivers that play Slack. */
  idle(timeoutMs: number): Promise<boolean>;
  /** graceful shutdown: stop accepting, finish in-flight requests and the running pass, close the database */
  stop(): Promise<void>;
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(config.databaseUrl);
  logger.info(`database ready (${db.kind}: ${redactUrl(config.databaseUrl)})`);

  // The request life cycle's parts, one set per bot (see docs/request-lifecycle.md).
  const work = new InFlight();
  const loop = new LoopPressure();
  const afterAck = new AfterAckQueue(8, loop);
  const deps = { db: db.client, config, logger, clock, afterAck, pressure: options.pressure ?? loop };
  const { app, httpReceiver, socketReceiver } = createSlackApp(deps, { work, loop });
  try {
    await app.init(); // calls auth.test: a wrong token or Slack URL fails here, not on the first request
  } catch (err) {
    await db.close();
    throw new Error(`Slack rejected the bot token or is unreachable at ${redactUrl(config.slackApiUrl)}: ${safeMessage(err)}`);
  }

  const http = createHttpServer({
    slackListener: httpReceiver?.requestListener,
    ...(httpReceiver ? { onDrain: () => httpReceiver.flush() } : {}),
    logger: logger.child('http'),
    work,
    health: async () => {
      const ok = await db.ping();
      return { ok, details: { database: ok ? 'reachable' : 'unreachable', mode: config.mode } };
    },
  });
  loop.start();
  const port = await http.listen(options.port ?? config.port, options.host);
  if (socketReceiver) await socketReceiver.start();
  logger.info(`listening on port ${port} (${config.mode === 'http' ? 'HTTP: POST /slack/events' : 'Socket Mode'}, GET /healthz)`);

  const scheduler = new Scheduler(
    config.tickCron,
    (now) => tick({ db: db.client, coordinators: config.coordinators }, now),
    clock,
    logger.child('scheduler'),
  );
  if (options.scheduler ?? true) scheduler.start();

  const outbox = new OutboxSender({
    db: db.client,
    client: app.client,
    logger: logger.child('outbox'),
    clock,
    coordinators: () => listCoordinators(db.client, config.coordinators),
  });
  const outboxInterval = options.outboxIntervalMs ?? 1000;
  if (outboxInterval > 0) outbox.start(outboxInterval);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: draining requests and the scheduler');
      await Promise.all([http.drain(), scheduler.stop(), socketReceiver?.stop()]);
      // After the listeners; what they enqueued on the way out is sent by another replica or at the next start.
      await outbox.stop();
      loop.stop();
      await db.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { port, db, scheduler, outbox, idle: (timeoutMs) => work.idle(timeoutMs), stop };
}
