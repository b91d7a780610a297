import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerListeners } from './listeners/index.js';
import { replayGuard } from './replayGuard.js';
import type { ListenerRouter } from './listeners/kit/router.js';
import type { ListenerDeps } from './listeners/kit/deps.js';
import type { InFlight } from '../requests/inFlight.js';
import type { LoopPressure } from '../requests/loopPressure.js';
import { withoutDebug, withoutPayloads } from '../logger.js';
import { ackFirstPolicy } from '../requests/ackFirst.js';
import { DispatchBacklog } from '../requests/dispatchBacklog.js';
import { SlackHttpReceiver } from '../requests/httpReceiver.js';

export interface SlackApp {
  app: App;
  /** HTTP mode only: the handler for POST /slack/events, mounted on our own server */
  httpReceiver?: SlackHttpReceiver;
  socketReceiver?: SocketModeReceiver;
}

/** WebClient settings shared by Bolt's client: where Slack is, and a bounded retry policy. */
export function webClientOptions(slackApiUrl: string): WebClientOptions {
  // The default retries non-429 failures for about 30 minutes; listeners must answer well within 3 s,
  // and messages that matter go through the outbox, which has its own retry schedule.
  // A 429 fails the call at once (slack_webapi_rate_limited_error) instead of waiting out Retry-After: the
  // client would pause every call it makes meanwhile (up to a minute), holding the after-ack slots, and
  // what listeners call is either bound to a trigger that dies in 3 s (views.open) or refreshed at the
  // next open (views.publish). Measured in a burst: command answers waited 17 s (p50) to 70 s behind them.
  return { slackApiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 } };
}

/** What the request life cycle lends the app (src/runtime.ts makes one of each per bot). */
export interface RequestParts {
  /** every request and listener in flight: a graceful shutdown waits for them */
  work: InFlight;
  /** the measured event loop (not `deps.pressure`, which tests may force) */
  loop: Pick<LoopPressure, 'busy' | 'noteRequest'>;
}

export function createSlackApp(deps: ListenerDeps, { work, loop }: RequestParts): SlackApp {
  const { config, logger } = deps;
  const clientOptions = webClientOptions(config.slackApiUrl);
  let receiver: Receiver;
  let httpReceiver: SlackHttpReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let routes: ListenerRouter | undefined = undefined; // the listeners register after the App exists
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
      ackFirst: ackFirstPolicy({ priorityOf: (actionId) => routes?.priorityOf(actionId) ?? 'normal', pressure: deps.pressure }),
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
  // Listeners go on after their ack: a graceful shutdown waits for them too.
  app.use(({ next }) => work.run(next));
  app.use(replayGuard(deps));
  app.error(async (error) => {
    logger.error('listener failed:', error);
  });
  routes = registerListeners(app, deps);
  return { app, httpReceiver, socketReceiver };
}
