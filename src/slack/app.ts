import { App, SocketModeReceiver, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerListeners } from './listeners/index.js';
import { gaveUp, httpFetch } from './httpFetch.js';
import { DEFAULT_SLACK_TIMEOUT_MS } from './respond.js';
import { inboxOutcome } from './inbox.js';
import { INBOX_TICKET, type DurableInbox } from '../requests/inbox.js';
import type { Listeners } from './listeners/kit/registry.js';
import type { ListenerDeps } from './listeners/kit/deps.js';
import type { InFlight } from '../requests/inFlight.js';
import type { LoopPressure } from '../requests/loopPressure.js';
import { withoutDebug, withoutPayloads, type AppLogger } from '../logger.js';
import { ackFirstPolicy } from '../requests/ackFirst.js';
import { DispatchBacklog } from '../requests/dispatchBacklog.js';
import { SlackHttpReceiver } from '../requests/httpReceiver.js';
import type { RequestObserver } from '../requests/observer.js';
import { currentRequestId, requestIdFor, runInRequest } from '../requests/requestContext.js';

export interface SlackApp {
  app: App;
  /** HTTP mode only: the handler for POST /slack/events, mounted on our own server */
  httpReceiver?: SlackHttpReceiver;
  socketReceiver?: SocketModeReceiver;
  /** Bolt's dispatch of one request, without the inbox's recording (the inbox runs taken-over requests with it) */
  process: (event: ReceiverEvent) => Promise<void>;
}

/**
 * Socket Mode: the receiver acknowledges when a listener calls ack() (events: as Bolt starts them). Each request is
 * recorded in the inbox before that; a request the database cannot take is not acknowledged, so Slack sends it
 * again; a duplicate is acknowledged and goes no further.
 */
function recordedFirst(
  inbox: DurableInbox,
  process: (event: ReceiverEvent) => Promise<void>,
  logger: AppLogger,
): (event: ReceiverEvent) => Promise<void> {
  return async (event) => {
    let ticket: Awaited<ReturnType<DurableInbox['record']>>;
    try {
      ticket = await inbox.record(event.body as Record<string, unknown>);
    } catch (err) {
      logger.error('a Socket Mode request could not be recorded: not acknowledged, Slack sends it again:', err);
      return;
    }
    if (ticket === 'duplicate') return event.ack();
    if (!ticket) return process(event);
    const recorded = ticket;
    await inbox.attempt(recorded, event.body as Record<string, unknown>, () =>
      process({ ...event, customProperties: { ...event.customProperties, [INBOX_TICKET]: recorded } }),
    );
  };
}

/**
 * WebClient settings shared by Bolt's client: where Slack is, a timeout on every call, and a bounded retry policy.
 * `fetch` (node:http, src/slack/httpFetch.ts) carries the timeout to what Bolt sends without the WebClient: `respond()`
 * on a response_url.
 */
export function webClientOptions(slackApiUrl: string, timeoutMs = DEFAULT_SLACK_TIMEOUT_MS): WebClientOptions {
  // The default retries non-429 failures for about 30 minutes; listeners must answer well within 3 s,
  // and messages that matter go through the outbox, which has its own retry schedule. A call that timed out is
  // not tried again (`gaveUp`), and a retry starts only within `timeoutMs` of the call (maxRetryTime): a call
  // takes at most about twice the timeout, and its after-ack work is not held longer. maxRetryTime alone did not
  // stop it: the timer and Date.now() keep different clocks, so a timeout could read as 2,999 ms and be sent again.
  // A 429 fails the call at once (slack_webapi_rate_limited_error) instead of waiting out Retry-After: the
  // client would pause every call it makes meanwhile (up to a minute), holding the after-ack slots, and
  // what listeners call is either bound to a trigger that dies in 3 s (views.open) or refreshed at the
  // next open (views.publish). Measured in a burst: command answers waited 17 s (p50) to 70 s behind them.
  return {
    slackApiUrl,
    timeout: timeoutMs,
    fetch: httpFetch(timeoutMs),
    rejectRateLimitedCalls: true,
    retryConfig: {
      retries: 2,
      factor: 2,
      minTimeout: 200,
      maxTimeout: 1000,
      maxRetryTime: timeoutMs,
      // p-retry gives up, with this error, when onFailedAttempt throws
      onFailedAttempt: (err: Error) => {
        if (gaveUp((err as { original?: unknown }).original ?? err)) throw err;
      },
    } as WebClientOptions['retryConfig'],
  };
}

/** What the request life cycle lends the app (src/runtime.ts makes one of each per bot). */
export interface RequestParts {
  /** every request and listener in flight: a graceful shutdown waits for them */
  work: InFlight;
  /** the measured event loop (not `deps.pressure`, which tests may force) */
  loop: Pick<LoopPressure, 'busy' | 'noteRequest'>;
  /** told how each HTTP request ended (the metrics) */
  observer?: RequestObserver;
  /** where HTTP requests are recorded before they are answered (docs/operations.md, "The inbox") */
  inbox?: DurableInbox;
}

export function createSlackApp(deps: ListenerDeps, { work, loop, observer, inbox }: RequestParts): SlackApp {
  const { config, logger } = deps;
  const clientOptions = webClientOptions(config.slackApiUrl, config.slackTimeoutMs);
  let receiver: Receiver;
  let httpReceiver: SlackHttpReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let listeners: Pick<Listeners, 'routes' | 'commands'> | undefined = undefined; // they register after the App exists
  if (config.mode === 'socket') {
    socketReceiver = new SocketModeReceiver({
      appToken: config.slackAppToken!,
      logger: withoutDebug(logger.child('socket-mode')),
      installerOptions: { clientOptions },
    });
    receiver = socketReceiver;
  } else {
    httpReceiver = new SlackHttpReceiver({
      signingSecret: config.slackSigningSecret!,
      logger: logger.child('http'),
      // Held back while this process's event loop is saturated (the real one, whatever deps.pressure says).
      backlog: new DispatchBacklog(loop, { work }),
      noteRequest: () => loop.noteRequest(),
      ...(observer ? { observer } : {}),
      ...(inbox ? { inbox } : {}),
      ackFirst: ackFirstPolicy({
        priorityOf: (actionId) => listeners?.routes.priorityOf(actionId) ?? 'normal',
        pressure: deps.pressure,
      }),
      answerInAck: (body, recorded) => listeners?.commands.answerInAck(body, recorded),
    });
    receiver = httpReceiver;
  }
  const app = new App({
    token: config.slackBotToken,
    receiver,
    logger: withoutPayloads(logger.child('bolt')),
    clientOptions,
    deferInitialization: true,
    // Bolt's conversation store is unused here; it would look up (and fail to find) every request's channel.
    convoStore: false,
  });
  // Listeners go on after their ack: a graceful shutdown waits for them too. A request from Socket Mode gets its
  // request id here (an HTTP one has it from the receiver), so its log lines share it.
  app.use(({ next, body }) => work.run(() => (currentRequestId() ? next() : runInRequest(requestIdFor(body), next))));
  app.use(inboxOutcome());
  // Bolt's own dispatch, for the inbox to run a taken-over request again (never recorded twice).
  const process = app.processEvent.bind(app);
  if (socketReceiver && inbox) app.processEvent = recordedFirst(inbox, process, logger);
  app.error(async (error) => {
    logger.error('listener failed:', error);
  });
  listeners = registerListeners(app, deps);
  return { app, httpReceiver, socketReceiver, process };
}
