/**
 * The bot under load, in a process of its own (forked by run.ts): nothing else runs on its event loop, as in
 * production, where Slack is on the other side of the network. It measures itself and reports over IPC.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../../src/core/clock.js';
import type * as Config from '../../src/config.js';
import type * as Logger from '../../src/logger.js';
import type * as Runtime from '../../src/runtime.js';
import type { AppReport, AppRequest, StatementCounts } from './protocol.js';
import { countStatements } from './statements.js';

const send = (m: unknown) => process.send!(m);

// LOAD_APP_SRC=<checkout>: run the bot of another checkout (e.g. main's, for "before" figures in the same run as
// this one's "after"), measured by this benchmark. Its database schema must be this one's (the benchmark seeds it).
const src = process.env.LOAD_APP_SRC ? join(resolve(process.env.LOAD_APP_SRC), 'src') : join(import.meta.dirname, '../../src');
const load = <T>(file: string) => import(pathToFileURL(join(src, file)).href) as Promise<T>;
const { loadConfig } = await load<typeof Config>('config.ts');
const { createLogger } = await load<typeof Logger>('logger.ts');
const { startBot } = await load<typeof Runtime>('runtime.ts');

/** The app's clock: starts at `start` and runs at real speed (so outbox retries after a 429 come due). */
function runningClockFrom(start: Date): Clock {
  const t0 = Date.now();
  return { now: () => new Date(start.getTime() + (Date.now() - t0)) };
}

const errors: string[] = [];
const logger = createLogger('warn', 'rm-bot', (line) => {
  if (errors.length < 10_000) errors.push(line);
});

// Inside the app: from the parsed request headers to the last byte of the answer; and how long each request
// waited (sent by the generator, X-Load-Sent-At) before this process read it.
let measuring = false;
const arrived = new WeakMap<IncomingMessage, number>();
const inside: number[] = [];
const waited: number[] = [];
// LOAD_TIMELINE=<file> (run.ts): each request's sending, reading and answer, to see when in the burst time goes.
const timeline: Array<[number, number, number]> | undefined = process.env.LOAD_TIMELINE ? [] : undefined;
const sentAtOf = new WeakMap<IncomingMessage, number>();
subscribe('http.server.request.start', (m) => {
  if (!measuring) return;
  const request = (m as { request: IncomingMessage }).request;
  arrived.set(request, performance.now());
  const sentAt = Number(request.headers['x-load-sent-at']);
  if (sentAt > 0) waited.push(performance.timeOrigin + performance.now() - sentAt);
  if (sentAt > 0 && timeline) sentAtOf.set(request, sentAt);
});
subscribe('http.server.response.finish', (m) => {
  const { request } = m as { request: IncomingMessage; response: ServerResponse };
  const at = arrived.get(request);
  if (at !== undefined && request.url?.startsWith('/slack/events')) inside.push(performance.now() - at);
  const sentAt = sentAtOf.get(request);
  if (at !== undefined && sentAt !== undefined)
    timeline?.push([sentAt, performance.timeOrigin + at, performance.timeOrigin + performance.now()]);
});
const loop = monitorEventLoopDelay({ resolution: 10 });
let cpuBefore = process.cpuUsage();
let rssBefore = 0;
let peakRss = 0;
const cpuTimeline: Array<[number, number]> = [];
const sampler = setInterval(() => {
  if (timeline && measuring) {
    const c = process.cpuUsage();
    cpuTimeline.push([performance.timeOrigin + performance.now(), (c.user + c.system) / 1e3]);
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss()); // RSS alone: the whole memoryUsage() walks the heap too
}, 50);

// LOAD_APP_WINDOW_PROF=<file>: a CPU profile of the measured window only (from 'measure' to 'report').
// With LOAD_APP_WINDOW_PROF_TO=stop the profile runs on until the app is stopped: the work after the acks too.
const windowProfile = process.env.LOAD_APP_WINDOW_PROF ? new (await import('node:inspector/promises')).Session() : undefined;
const profileToStop = process.env.LOAD_APP_WINDOW_PROF_TO === 'stop';
async function writeWindowProfile() {
  if (!windowProfile) return;
  const { profile } = await windowProfile.post('Profiler.stop');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.LOAD_APP_WINDOW_PROF!, JSON.stringify(profile));
}

const statements = countStatements();
let statementsAtMeasure: StatementCounts = statements.snapshot();

let bot: Awaited<ReturnType<typeof startBot>> | undefined;
process.on('message', async (m: AppRequest) => {
  if (m.type === 'start') {
    const loaded = loadConfig(m.env);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    if (process.env.LOAD_APP_NOOP) {
      // Experiments: Bolt alone (its HTTPReceiver and one listener per kind that only acks), or with 'bare'
      // Node's HTTP server alone (read the body, answer 200 empty): the floor of any app here. The bot still
      // starts beside it (the benchmark seeds and talks to it) but gets no load.
      const { createServer } = await import('node:http');
      let listener: RequestListener;
      if (process.env.LOAD_APP_NOOP === 'bare') {
        listener = (req, res) => {
          req.resume();
          req.on('end', () => res.end());
        };
      } else {
        const { App, HTTPReceiver } = await import('@slack/bolt');
        const receiver = new HTTPReceiver({
          signingSecret: loaded.config.slackSigningSecret!,
          endpoints: '/slack/events',
          processBeforeResponse: false,
        });
        const noop = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-1' }), convoStore: false });
        noop.command(/.*/, async ({ ack }) => ack());
        noop.action({ type: 'block_actions' }, async ({ ack }) => ack());
        noop.event(/.*/, async () => undefined);
        listener = (req, res) => (req.url?.startsWith('/slack') ? receiver.requestListener(req, res) : res.end('ok'));
      }
      const server = createServer(listener);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as { port: number }).port;
      const real = await startBot(
        { ...loaded.config, coordinators: m.coordinators },
        {
          port: 0,
          host: '127.0.0.1',
          scheduler: false,
          clock: runningClockFrom(new Date(m.start)),
          logger,
        },
      );
      bot = {
        port,
        stop: async () => {
          server.closeAllConnections();
          server.close();
          await real.stop();
        },
      } as never;
      send({ type: 'ready', port });
      return;
    }
    bot = await startBot(
      { ...loaded.config, coordinators: m.coordinators },
      {
        port: 0,
        host: '127.0.0.1',
        scheduler: false,
        clock: runningClockFrom(new Date(m.start)),
        logger,
        // LOAD_NO_INBOX=1: the bot without its durable inbox, only to measure what the inbox costs (`--compare-inbox`).
        ...(process.env.LOAD_NO_INBOX === '1' ? { inbox: false } : {}),
      },
    );
    send({ type: 'ready', port: bot.port });
  } else if (m.type === 'measure') {
    errors.length = 0;
    measuring = true;
    cpuBefore = process.cpuUsage();
    statementsAtMeasure = statements.snapshot();
    await statements.window(true);
    rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    loop.enable();
    if (windowProfile) {
      windowProfile.connect();
      await windowProfile.post('Profiler.enable');
      await windowProfile.post('Profiler.start');
    }
    send({ type: 'measuring' });
  } else if (m.type === 'report') {
    measuring = false;
    loop.disable();
    const cpu = process.cpuUsage(cpuBefore);
    await statements.window(false);
    if (!profileToStop) await writeWindowProfile();
    const report: AppReport = {
      type: 'report',
      inside,
      waited,
      loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      cpuMs: (cpu.user + cpu.system) / 1e3,
      statements: statements.since(statementsAtMeasure),
      rssBefore,
      peakRss,
      ...(timeline ? { timeline, cpuTimeline } : {}),
    };
    send(report);
  } else if (m.type === 'stop') {
    await bot?.stop();
    if (profileToStop) await writeWindowProfile();
    await statements.writeTop();
    clearInterval(sampler);
    // Exit only once the message is written: closing the channel (disconnect) right after send() cancels a write
    // still pending, and this one (up to 10,000 log lines) is often larger than the pipe's buffer. That lost
    // 'stopped', and the process exited 0 under the benchmark's feet (ERR_IPC_CHANNEL_CLOSED). Exit rather than
    // disconnect: work the bot gave up waiting for at stop (logged) must not keep this process running.
    const counted = statements.since(statementsAtMeasure);
    const cpu = process.cpuUsage(cpuBefore);
    process.send!({ type: 'stopped', errors, statements: counted, cpuMs: (cpu.user + cpu.system) / 1e3 }, () => process.exit(0));
  }
});
send({ type: 'alive' });
