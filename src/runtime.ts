import { AfterAckQueue } from './requests/afterAck.js';
import { publishHomeNow } from './slack/appHome.js';
import type { ListenerDeps } from './slack/listeners/kit/deps.js';
import { HomeQueue } from './slack/homeQueue.js';
import { SlackPace } from './slack/pace.js';
import { LoopPressure } from './requests/loopPressure.js';
import type { ReceiverEvent } from '@slack/bolt';
import { createSlackApp } from './slack/app.js';
import { createInbox } from './slack/inbox.js';
import type { Config } from './config.js';
import { createHttpServer } from './requests/httpServer.js';
import { InFlight } from './requests/inFlight.js';
import { systemClock, type Clock } from './core/clock.js';
import { Scheduler } from './jobs/scheduler.js';
import { tick } from './jobs/tick.js';
import { createLogger, safeMessage, type AppLogger } from './logger.js';
import { openDatabase, type Database } from './store/database.js';
import { redactUrl } from './store/databaseUrl.js';
import { listAdminsOfAll } from './store/coordinators.js';
import { OutboxSender } from './slack/outbox.js';
import { SlackAuthStatus } from './slack/authStatus.js';
import { SenderStatus } from './slack/senderStatus.js';
import { flattenCounts, type BotMetrics } from './metrics/botMetrics.js';
import { createMetrics, readinessCheck } from './observability.js';
import { dashboardFor } from './dashboard/wiring.js';

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
  /** false: no durable inbox (requests are answered and done in memory only). Only for bench/load's comparison. */
  inbox?: boolean;
  /** how long a scrape may reuse the outbox counts it read (default 5 s; tests pass 0) */
  queueStatsMaxAgeMs?: number;
}

export interface RunningBot {
  port: number;
  db: Database;
  scheduler: Scheduler;
  outbox: OutboxSender;
  /** this bot's metrics (served at GET /metrics) */
  metrics: BotMetrics;
  /** whether Slack accepts the bot token (the outbox sender reports; readiness and metrics read it) */
  slackAuth: SlackAuthStatus;
  /** Resolves when no request or listener is running (or after timeoutMs; then false): for drivers that play Slack. */
  idle(timeoutMs: number): Promise<boolean>;
  /** graceful shutdown: stop accepting, finish in-flight requests and the running pass, close the database */
  stop(): Promise<void>;
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel, 'rm-bot', undefined, config.logFormat);
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(config.databaseUrl);
  logger.info(`database ready (${db.kind}: ${redactUrl(config.databaseUrl)})`);

  // The request life cycle's parts, one set per bot (see docs/request-lifecycle.md).
  const work = new InFlight();
  const loop = new LoopPressure();
  const afterAck = new AfterAckQueue(8, loop);
  // Observability (docs/operations.md: Logs, Metrics, Health checks): the outbox reports Slack refusing the token.
  const slackAuth = new SlackAuthStatus();
  const senderStatus = new SenderStatus(60_000);
  const metrics = createMetrics({
    db,
    clock,
    loop,
    slackAuth,
    sender: senderStatus,
    waiting: {
      dispatch: () => httpReceiver?.waiting ?? 0,
      afterAck: () => afterAck.waiting,
      home: () => home.waiting,
      ...(options.inbox === false ? {} : { inbox: () => inbox?.recording ?? 0 }),
    },
    ...(options.queueStatsMaxAgeMs === undefined ? {} : { queueStatsMaxAgeMs: options.queueStatsMaxAgeMs }),
  });
  // Where browsers reach the bot (the dashboard's links): PUBLIC_URL, else this port on localhost once listening.
  let listeningPort = 0;
  const publicUrl = () => config.publicUrl ?? `http://localhost:${listeningPort}`;
  // Slack's rate limits as last heard, and the Home publishes waiting for them (docs/request-lifecycle.md).
  const pace = new SlackPace(Date.now, config.pacing);
  const home = new HomeQueue({
    pace,
    afterAck,
    logger,
    publish: (client, user): Promise<void> => publishHomeNow(deps, client, user),
  });
  const deps: ListenerDeps = {
    db: db.client,
    config,
    logger,
    clock,
    afterAck,
    pace,
    home,
    pressure: options.pressure ?? loop,
    publicUrl,
  };
  // The durable inbox (docs/operations.md, "The inbox"): it runs a taken-over request through this app.
  const slack: { process?: (event: ReceiverEvent) => Promise<void> } = {};
  const inbox =
    options.inbox === false
      ? undefined
      : // Leases are about real time between processes, never the programme's (simulated in the demo) clock.
        createInbox({ db: db.client, clock: systemClock, logger }, (event) => slack.process!(event), {
          leaseMs: config.inboxLeaseMs,
          slackTimeoutMs: config.slackTimeoutMs,
          observer: metrics.inbox,
        });
  // Answers waiting for their record are a burst too, even while the loop waits idle for the database.
  if (inbox) loop.countWaiting(() => inbox.recording);
  const { app, httpReceiver, socketReceiver, process } = createSlackApp(deps, { work, loop, observer: metrics.requests, inbox });
  slack.process = process;
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
    readiness: await readinessCheck(db, slackAuth, senderStatus, config.mode),
    metrics: () => metrics.text(),
    observer: metrics.requests,
    admin: dashboardFor(config, {
      db: db.client,
      logger: logger.child('dashboard'),
      clock,
      publicUrl,
      teamId: async () => (await app.client.auth.test()).team_id,
    }).handle,
  });
  // The record's statement runs once before the first request needs it (nothing is kept).
  await inbox?.warmUp().catch((err: unknown) => logger.warn(`inbox: the warm-up write failed (${safeMessage(err)})`));
  loop.start();
  const port = await http.listen(options.port ?? config.port, options.host);
  listeningPort = port;
  if (socketReceiver) await socketReceiver.start();
  inbox?.start(); // and at once takes over what a stopped or crashed replica left
  logger.info(
    `listening on port ${port} (${config.mode === 'http' ? 'HTTP: POST /slack/events' : 'Socket Mode'}, GET /livez, /readyz, /metrics)`,
  );

  const scheduler = new Scheduler(
    config.tickCron,
    async (now) => {
      const started = performance.now();
      const took = () => (performance.now() - started) / 1000;
      try {
        const report = await tick({ db: db.client, coordinators: config.coordinators }, now);
        metrics.schedulerPass('ok', took(), clock.now(), flattenCounts(report));
        return report;
      } catch (err) {
        metrics.schedulerPass('failed', took(), clock.now());
        throw err;
      }
    },
    clock,
    logger.child('scheduler'),
    { db: db.client }, // one pass at a time across replicas (docs/operations.md, "Scheduler")
  );
  if (options.scheduler ?? true) scheduler.start();

  const outbox = new OutboxSender({
    db: db.client,
    client: app.client,
    logger: logger.child('outbox'),
    clock,
    coordinators: () => listAdminsOfAll(db.client, config.coordinators),
    historyCheck: config.historyScopes,
    requestTimeoutMs: config.slackTimeoutMs,
    ...(config.pacing ? { pacing: config.pacing } : {}),
    observer: {
      passDone: (report) => metrics.outboxPass(report),
      rateLimited: () => metrics.outboxPass({ sent: 0, failed: 0, retried: 0, rateLimited: 1 }),
    },
    authStatus: slackAuth,
    status: senderStatus,
  });
  const outboxInterval = options.outboxIntervalMs ?? 1000;
  if (outboxInterval > 0) outbox.start(outboxInterval);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: draining requests and the scheduler');
      home.stop();
      await Promise.all([http.drain(), scheduler.stop(), socketReceiver?.stop()]);
      // What did not finish within the grace period stays recorded, released for the next replica or start.
      await inbox?.stop();
      // After the listeners; what they enqueued on the way out is sent by another replica or at the next start.
      await outbox.stop();
      await httpReceiver?.stop(); // logs the junk requests counted since its last summary
      loop.stop();
      await db.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { port, db, scheduler, outbox, metrics, slackAuth, idle: (timeoutMs) => work.idle(timeoutMs), stop };
}
