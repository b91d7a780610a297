/**
 * Load benchmark: `npm run bench -- load [--db sqlite|postgres] [--requests N] [--concurrency N] [--pairs N]
 * [--replicas N] [--rate N]` (replicas: PostgreSQL only, N bot processes behind a round-robin balancer; rate: an
 * open loop of N actions a second, a double click being one action, with --concurrency as a cap, instead of the burst)
 * (or `npx tsx bench/load/run.ts ...`). Without --db it runs SQLite, then PostgreSQL, each in a fresh process;
 * with `--compare-inbox` each of them four times (`--rounds N`: 2N times), alternating without and with the durable inbox.
 *
 * A process of its own (app.ts, forked) runs the real bot (startBot: our HTTP server, Bolt, the outbox
 * sender); this one runs the Slack emulator (rate limits on, trigger ids expiring after 3 s) and a fresh
 * database, seeded with an open
 * programme and a running one whose pairs have an open check-in and a nudge in their group DM. A second
 * process (generator.ts, forked) fires signed slash commands, App Home events and check-in button clicks
 * at POST /slack/events, `concurrency` at once, and times each request to its HTTP response: the ack
 * Slack waits for (at most 3 s). The work listeners do after their ack runs beside the load, as it would.
 *
 * Reports per database: throughput, ack latency (p50 / p95 / p99 / max) overall and per kind, non-200
 * answers, the app process's peak RSS and event-loop delay, what the app's follow-up Web API calls got
 * (views.open, views.publish, 429s) and the protocol problems the emulator found.
 *
 * For investigations (not needed to reproduce the figures): LOAD_APP_PROF=<dir> / LOAD_GEN_PROF=<dir> write
 * CPU profiles of the app / the generator (their whole lives); LOAD_APP_WINDOW_PROF=<file> a CPU profile of
 * the app during the measured load only; LOAD_APP_NODE_FLAGS="..." passes Node flags to the app;
 * LOAD_SETTLE_MS caps the wait for the work after the acks (default 60 s); LOAD_APP_NOOP=1 answers the load
 * with Bolt alone (Bolt's own HTTPReceiver and listeners that only ack) instead of the bot;
 * LOAD_APP_NOOP=bare with Node's HTTP server alone (read the body, answer 200): the floor of any app here.
 * Per kind: LOAD_ONLY=<kind> sends that kind only (its CPU per request); LOAD_IDLE_MS=<ms> measures the app's
 * CPU while idle after the work; LOAD_APP_WINDOW_PROF_TO=stop profiles until the app stops (the work after the
 * acks too); LOAD_STATEMENTS_TOP=<file> writes each SQLite statement's count, rows and time;
 * LOAD_WINDOW_STATEMENTS=<file> each statement text (both databases) sent during the measured load, with its count;
 * LOAD_TIMELINE=<file> each request's sending, reading by the app and answer, and the app's CPU every 50 ms;
 * LOAD_PREWARM=<N> an unmeasured burst of N requests (and the work after it) before the measured one.
 * The generator warms itself up first (LOAD_GEN_WARM_UP, default 400 requests built, signed and sent to a server of its
 * own; 0 = none, as before 2026-12-07 evening: figures from before then had a cold generator).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import type { JsonObject } from '../../src/devtools/emulator/json.js';
import { VERIFICATION_TOKEN, userRef } from '../../src/devtools/emulator/payloads.js';
import { syntheticWorkspace } from '../../src/devtools/emulator/syntheticWorkspace.js';
import { tick } from '../../src/jobs/tick.js';
import { createProgramme } from '../../src/store/programmes.js';
import { openDatabase, type Database, type Db } from '../../src/store/database.js';
import type { AppReport, AppRequest, IssueRequest, Kind, Pair, Results, Sample, Setup, StatementCounts } from './protocol.js';
import { scratchDatabase } from '../scratchDatabase.js';
import { forkWatched, type Watched } from './child.js';
import { duePairRows } from '../duePairs.js';
import { effectsByKind } from './effects.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * App Home refreshes waiting in the app for views.publish's turn, from its /metrics. 0 for an app older than the gauge
 * (a581247 and before): its run stops as before, at the first 2 s without a Slack call.
 */
async function homesWaiting(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (r) => r.text(),
    () => '',
  );
  return Number(/^rm_requests_waiting\{stage="home"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

/** CPU seconds used so far by every PostgreSQL server process on this machine (Linux /proc; 0 elsewhere). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100; // USER_HZ
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const DB_KIND = flag('db');
const REQUESTS = Number(flag('requests') ?? 4000);
const CONCURRENCY = Number(flag('concurrency') ?? 200);
/** --rate N: an open loop at N requests a second (CONCURRENCY becomes a cap) instead of a closed-loop burst */
const RATE = flag('rate') ? Number(flag('rate')) : undefined;
if (RATE !== undefined && !(RATE > 0)) throw new Error('--rate: a positive number of requests a second');
/** processes of the bot behind a round-robin "load balancer" (PostgreSQL only: SQLite is one process) */
const REPLICAS = Number(flag('replicas') ?? 1);
const PAIRS = Number(flag('pairs') ?? 150);
const JOINERS = Number(flag('joiners') ?? 150);
const COORDINATORS = 3;
const SIGNING_SECRET = 'load-bench-signing-secret';

// A Wednesday, 10:05 in London: every pair's first check-in is due today and its nudge went at 10:00.
const START = new Date('2026-03-04T10:05:00Z');
const TODAY = '2026-03-04';
const ZONE = 'Europe/London';

const KINDS: Kind[] = [
  '/rm-join',
  '/rm-admin help',
  '/rm-report',
  'app_home_opened',
  'checkin_met',
  'checkin_skip',
  'checkin_scheduled',
];

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seeded {
  coordinators: string[];
  joiners: string[];
  pairs: Pair[];
  participants: number;
}

/**
 * An open programme (people type /rm-join) with JOINERS signups so far, and a running programme with PAIRS
 * active pairs whose first check-in is due today: one real scheduler pass writes their nudges and the real
 * outbox posts them to each pair's group DM, so the buttons clicked later are on real messages and rows.
 */
async function seed(db: Db, emulator: SlackEmulator): Promise<Seeded> {
  const people = emulator.workspace.users.filter((u) => u.id.startsWith('U1') && !u.deleted).map((u) => u.id);
  const needed = COORDINATORS + 2 * PAIRS + 2 * JOINERS;
  if (people.length < needed) throw new Error(`the workspace has ${people.length} people, ${needed} needed`);
  const coordinators = people.slice(0, COORDINATORS);
  const paired = people.slice(COORDINATORS, COORDINATORS + 2 * PAIRS);
  const joiners = people.slice(COORDINATORS + 2 * PAIRS, needed);

  await createProgramme(db, {
    id: 'spring',
    name: 'Spring programme',
    startDate: new Date('2026-04-06T00:00:00Z'),
    endDate: new Date('2026-10-06T00:00:00Z'),
    durationMonths: 6,
    cadenceDays: 14,
    minSeniorityGap: 2,
    objectives: 'Every mentee uses one new tool each month.',
    signupDeadline: new Date('2026-03-27T00:00:00Z'),
    announcementChannel: null,
    timezone: ZONE,
    createdBySlackId: coordinators[0]!,
  });
  // Half the joiners signed up already (typing /rm-join again opens their profile to edit).
  await db.participant.createMany({
    data: joiners.slice(0, JOINERS).map((slackUserId, i) => ({
      id: `spring-${i}`,
      programmeId: 'spring',
      slackUserId,
      role: i % 2 === 0 ? 'mentor' : 'mentee',
      seniorityLevel: i % 2 === 0 ? 2 : 7,
      department: 'Operations',
      goals: 'Learn from each other.',
      timezone: ZONE,
    })),
  });

  await db.programme.create({
    data: {
      id: 'autumn',
      name: 'Autumn programme',
      status: 'running',
      startDate: new Date('2026-02-02T00:00:00Z'),
      durationMonths: 6,
      endDate: new Date('2026-08-03T00:00:00Z'),
      cadenceDays: 14,
      signupDeadline: new Date('2026-01-23T00:00:00Z'),
      timezone: ZONE,
      createdBySlackId: coordinators[0]!,
    },
  });
  const { participants, pairings, checkIns } = duePairRows({
    programmeId: 'autumn',
    people: paired,
    pairs: PAIRS,
    idPrefix: 'pair',
    idWidth: 4,
    zone: ZONE,
    introducedAt: new Date('2026-02-18T10:00:00Z'),
    dueDate: TODAY,
    groupChannelFor: (mentor, mentee) => emulator.channelFor([mentor, mentee]),
  });
  await db.participant.createMany({ data: participants });
  await db.pairing.createMany({ data: pairings });
  await db.checkIn.createMany({ data: checkIns });

  const report = await tick({ db, coordinators }, START);
  if (report.checkIns.nudges !== PAIRS) throw new Error(`the tick wrote ${report.checkIns.nudges} nudges, ${PAIRS} expected`);
  for (let waited = 0; (await db.outboxMessage.count({ where: { status: { not: 'sent' } } })) > 0; waited += 100) {
    if (waited > 60_000) throw new Error('the nudges were not delivered within a minute');
    await sleep(100);
  }
  const nudges = await db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'nudge:' } } });
  const pairs: Pair[] = nudges.map((row) => {
    const checkInId = row.idempotencyKey.split(':')[1]!;
    const index = Number(checkInId.slice('pair'.length, -'-ci1'.length));
    const message = emulator.messagesIn(row.channelId!).find((m) => m.ts === row.messageTs);
    if (!message) throw new Error(`nudge ${row.idempotencyKey} is not in ${row.channelId}`);
    return {
      checkInId,
      channelId: row.channelId!,
      message: message as unknown as JsonObject,
      mentor: paired[2 * index]!,
      mentee: paired[2 * index + 1]!,
    };
  });
  return { coordinators, joiners, pairs, participants: JOINERS + 2 * PAIRS };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    n: samples.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? NaN,
    non200: samples.filter((s) => s.status !== 200).length,
  };
}

const f = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : Math.round(n).toString());

async function runOne(kind: string): Promise<void> {
  const cpu = cpus();
  console.log(`Load benchmark, ${new Date().toISOString()}`);
  console.log(`Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${mb(totalmem()) >> 10} GiB, Node ${process.version}`);
  console.log(
    `Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const scratch = await scratchDatabase(kind, 'load');
  const emulator = await SlackEmulator.start({
    workspace: syntheticWorkspace({ people: COORDINATORS + 2 * PAIRS + 2 * JOINERS + 20, seed: 11, deletedRatio: 0, at: START }),
  });
  // The bot runs in a process of its own (app.ts), as it would in production; this process plays Slack
  // (the emulator) and seeds the database through a connection of its own.
  const app = forkWatched('the app process', join(here, 'app.ts'), [
    '--import',
    'tsx',
    ...(process.env.LOAD_APP_NODE_FLAGS ? process.env.LOAD_APP_NODE_FLAGS.split(' ') : []),
    ...(process.env.LOAD_APP_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.LOAD_APP_PROF] : []),
  ]);
  const fromApp = <T extends { type: string }>(type: T['type']) => app.next<T>(type);
  let appRunning = false;
  const replicas: Watched[] = [];
  let stopReplicas = async () => undefined as void;
  let db: Database | undefined;
  try {
    await fromApp('alive');
    const people = emulator.workspace.users.filter((u) => u.id.startsWith('U1')).map((u) => u.id);
    const env = {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: scratch.url,
      LOG_LEVEL: 'warn',
    };
    db = await openDatabase(scratch.url);
    const ready = fromApp<{ type: 'ready'; port: number }>('ready');
    app.send({
      type: 'start',
      env,
      coordinators: people.slice(0, COORDINATORS),
      start: START.toISOString(),
    } satisfies AppRequest);
    const { port } = await ready;
    appRunning = true;
    // Further replicas of the bot (PostgreSQL only): each a process of its own on the same database, the
    // generator sending to them in turn. They are not measured from inside (CPU, event loop): only the acks.

    const replicaPorts: number[] = [];
    for (let i = 1; i < (kind === 'postgres' ? REPLICAS : 1); i++) {
      const replica = forkWatched(`replica ${i}`, join(here, 'app.ts'), ['--import', 'tsx']);
      replicas.push(replica);
      const message = <T extends { type: string }>(type: string) => replica.next<T>(type);
      await message('alive');
      const replicaReady = message<{ type: 'ready'; port: number }>('ready');
      replica.send({
        type: 'start',
        env,
        coordinators: people.slice(0, COORDINATORS),
        start: START.toISOString(),
      } satisfies AppRequest);
      replicaPorts.push((await replicaReady).port);
    }
    stopReplicas = async () => {
      await Promise.all(
        replicas.map(
          (r) =>
            new Promise<void>((resolve, reject) => {
              r.next('stopped').then(() => resolve(), reject);
              r.send({ type: 'stop' } satisfies AppRequest);
            }),
        ),
      );
    };
    const seedingStart = performance.now();
    const seeded = await seed(db.client, emulator);
    console.log(
      `${kind}: seeded ${seeded.participants} participants, ${seeded.pairs.length} pairs with a nudge each, in ${((performance.now() - seedingStart) / 1000).toFixed(1)} s`,
    );
    if (kind === 'postgres') {
      // As after any bulk load: otherwise autovacuum and a checkpoint start on the freshly seeded tables
      // during the measured burst, on the same 2 cores.
      await db.client.$executeRawUnsafe('VACUUM ANALYZE');
      await db.client.$executeRawUnsafe('CHECKPOINT');
    }

    const users: Record<string, JsonObject> = {};
    const dms: Record<string, string> = {};
    for (const id of [...seeded.coordinators, ...seeded.joiners, ...seeded.pairs.flatMap((p) => [p.mentor, p.mentee])]) {
      users[id] = userRef(emulator, id);
      dms[id] = emulator.channelFor([id]);
    }
    const issueFor = (m: IssueRequest) => ({
      type: 'issued' as const,
      seq: m.seq,
      triggerId: emulator.issueTriggerId(m.userId),
      responseUrl: emulator.issueResponseUrl({
        userId: m.userId,
        channelId: m.channelId,
        ...(m.messageTs ? { messageTs: m.messageTs } : {}),
      }),
    });
    /**
     * Waits until `activity` (a count of what Slack and the database have seen) has not moved for 2 s and no Home waits
     * for its turn (a Retry-After can pause the Homes for longer than that), at most `maxMs`. Returns the seconds until
     * the last movement.
     */
    const untilSettled = async (maxMs: number, activity: () => Promise<number>): Promise<number> => {
      const t0 = performance.now();
      let quietSince = t0;
      let seen = -1;
      while (performance.now() - quietSince < 2000 && performance.now() - t0 < maxMs) {
        const now = await activity();
        if (now !== seen || (await homesWaiting(port)) > 0) {
          seen = now;
          quietSince = performance.now();
        }
        await sleep(250);
      }
      return (quietSince - t0) / 1000;
    };
    /** What a generator is told: where the app listens, the workspace, the people and pairs, and how many requests. */
    const setupFor = (appUrls: string[], requests: number, seed: number): Setup => ({
      type: 'setup',
      appUrls,
      signingSecret: SIGNING_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      team: {
        id: emulator.workspace.teamId,
        domain: emulator.workspace.teamDomain,
        appId: emulator.workspace.appId,
        botUserId: emulator.workspace.botUserId,
      },
      users,
      dms,
      coordinators: seeded.coordinators,
      joiners: seeded.joiners,
      pairs: seeded.pairs,
      requests,
      concurrency: CONCURRENCY,
      seed,
      today: TODAY,
    });
    // LOAD_PREWARM=<N> (an experiment): N requests of the same mix from a generator of their own, unmeasured, and
    // the work after them done, before the measured burst: how much of the burst's first second is the app's own
    // first requests.
    if (process.env.LOAD_PREWARM) {
      const warm = forkWatched('the warm-up generator', join(here, 'generator.ts'), ['--import', 'tsx'], {
        ...process.env,
        LOAD_EVENT_TAG: 'W',
      });
      await new Promise<void>((resolve, reject) => {
        warm.process.on('message', (m: IssueRequest | Results) => {
          if (m.type === 'results') return resolve();
          warm.send(issueFor(m));
        });
        void warm.exited.then(() => {
          if (warm.process.exitCode !== 0) reject(new Error(warm.describeExit()));
        });
        warm.send(setupFor([`http://127.0.0.1:${port}/slack/events`], Number(process.env.LOAD_PREWARM), 77));
      });
      await warm.exitWithin(5_000);
      // Until Slack has seen no call but chat.postMessage (the outbox, at Slack's pace) for 2 s.
      const settledS = await untilSettled(
        30_000,
        async () => emulator.calls.filter((c) => c.method !== 'chat.postMessage').length,
      );
      const pending = await db.client.outboxMessage.count({ where: { status: 'pending' } });
      console.log(
        `warmed up with ${process.env.LOAD_PREWARM} requests, then idle (${settledS.toFixed(1)} s; outbox messages still pending: ${pending})`,
      );
    }
    emulator.reset();
    emulator.setRateLimits(true); // Slack's tiers: views.open 100/min, chat.postMessage 1/s per channel, ...
    const measuring = fromApp('measuring');
    app.send({ type: 'measure' } satisfies AppRequest);
    await measuring;

    const issuedAt = new Map<string, number>(); // response URLs of slash commands, when Slack issued them
    const commandOf = new Map<string, Kind>();
    let benchCpu = process.cpuUsage();
    let postgresCpu = postgresCpuSeconds();
    const generator = forkWatched('the load generator', join(here, 'generator.ts'), [
      '--import',
      'tsx',
      ...(process.env.LOAD_GEN_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.LOAD_GEN_PROF] : []),
    ]);
    const results = await new Promise<Results>((resolve, reject) => {
      generator.process.on('message', (m: IssueRequest | Results) => {
        if (m.type === 'results') {
          benchCpu = process.cpuUsage(benchCpu);
          postgresCpu = postgresCpuSeconds() - postgresCpu;
          return resolve(m);
        }
        const issued = issueFor(m);
        if (!m.messageTs) issuedAt.set(issued.responseUrl, emulator.now()); // a slash command's (buttons come with a message)
        if (!m.messageTs) commandOf.set(issued.responseUrl, m.kind);
        generator.send(issued);
      });
      // The app dying under the load ends the generator's requests in transport errors: say so at once.
      void app.exited.then(() => reject(new Error(app.describeExit())));
      void generator.exited.then(() => {
        if (generator.process.exitCode !== 0) reject(new Error(generator.describeExit()));
      });
      const setup: Setup = {
        ...setupFor(
          [port, ...replicaPorts].map((p) => `http://127.0.0.1:${p}/slack/events`),
          REQUESTS,
          5,
        ),
        ...(RATE ? { rate: RATE } : {}),
      };
      generator.send(setup);
    });
    const reported = fromApp<AppReport>('report');
    app.send({ type: 'report' } satisfies AppRequest);
    const measured = await reported;
    const loadAvgAfter = loadavg();

    // The listeners' work after their acks (check-in writes, modals, Home publishes, late command answers) goes
    // on: wait until neither Slack sees their calls nor new outbox rows appear, at most a minute, then stop the app.
    // Delivering the outbox (chat.postMessage at Slack's pace) takes much longer: not waited for.
    const outbox = db.client.outboxMessage;
    const settledS = await untilSettled(Number(process.env.LOAD_SETTLE_MS ?? 60_000), async () => {
      const slackCalls = emulator.calls.filter((c) => c.method.startsWith('views.') || c.method === 'users.info').length;
      return slackCalls + emulator.responseUrlPosts().length + (await outbox.count()); // clicks write outbox rows
    });
    // LOAD_IDLE_MS=<ms>: the app's own CPU while nothing happens (probes, polls), to subtract from the work's CPU.
    let idleCpuMsPerS: number | undefined;
    if (process.env.LOAD_IDLE_MS) {
      const idleMs = Number(process.env.LOAD_IDLE_MS);
      const before = fromApp<AppReport>('report');
      app.send({ type: 'report' } satisfies AppRequest);
      const cpuBefore = (await before).cpuMs;
      await sleep(idleMs);
      const after = fromApp<AppReport>('report');
      app.send({ type: 'report' } satisfies AppRequest);
      idleCpuMsPerS = (((await after).cpuMs - cpuBefore) * 1000) / idleMs;
    }
    const stopStart = performance.now();
    await stopReplicas();
    const stopped = fromApp<{ type: 'stopped'; errors: string[]; statements: StatementCounts; cpuMs: number }>('stopped');
    app.send({ type: 'stop' } satisfies AppRequest);
    const { errors, statements: statementsToStop, cpuMs: cpuToStop } = await stopped;
    await app.exitWithin(10_000);
    appRunning = false;
    // From here, not from the wait's end less 2 s of quiet: a wait cut at LOAD_SETTLE_MS had no such 2 s.
    const stopS = (performance.now() - stopStart) / 1000;
    // When the app finished each recorded request's work, by trigger id (the inbox keeps real time, not the app's clock).
    const finished = new Map<string, number>();
    for (const row of await db.client.inboxRequest.findMany({
      where: { status: 'done', requestKey: { startsWith: 'trigger:' } },
      select: { requestKey: true, finishedAt: true },
    }))
      if (row.finishedAt) finished.set(row.requestKey.slice('trigger:'.length), row.finishedAt.getTime());

    if (process.env.LOAD_TIMELINE) {
      const { writeFileSync } = await import('node:fs');
      const samples = results.samples.map((x) => [x.sentAt, x.ms, x.at, x.kind, x.status, x.writtenMs ?? null]);
      writeFileSync(
        process.env.LOAD_TIMELINE,
        JSON.stringify({ startedAt: results.startedAt, samples, app: measured.timeline ?? [], cpu: measured.cpuTimeline ?? [] }),
      );
    }
    const all = summary(results.samples);
    const seconds = results.wallMs / 1000;
    console.log('');
    console.log(
      `${kind}: ${results.samples.length} requests, ${RATE ? `open loop at ${RATE} a second (at most ${CONCURRENCY} in flight)` : `${CONCURRENCY} in flight`}, in ${seconds.toFixed(1)} s = ${(results.samples.length / seconds).toFixed(0)} req/s`,
    );
    console.log(
      `ack latency (ms): p50 ${f(all.p50)}, p95 ${f(all.p95)}, p99 ${f(all.p99)}, max ${f(all.max)}; non-200: ${all.non200}; transport errors: ${results.transportErrors.length}`,
    );
    for (const k of KINDS) {
      const s = summary(results.samples.filter((x) => x.kind === k));
      const doubles = results.samples.filter((x) => x.kind === k && x.repeat).length;
      console.log(
        `  ${k.padEnd(18)} n ${String(s.n).padStart(5)}  p50 ${f(s.p50).padStart(5)}  p95 ${f(s.p95).padStart(5)}  p99 ${f(s.p99).padStart(5)}  max ${f(s.max).padStart(5)}  non-200 ${s.non200}${doubles ? `  (${doubles} double clicks)` : ''}`,
      );
    }
    const statuses = new Map<number, number>();
    for (const s of results.samples) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    console.log(`HTTP statuses: ${[...statuses].map(([s, n]) => `${s} x ${n}`).join(', ')}`);
    if (results.transportErrors.length > 0)
      console.log(`transport errors (first 5): ${results.transportErrors.slice(0, 5).join('; ')}`);
    const { inside, waited } = measured;
    inside.sort((a, b) => a - b);
    console.log(
      `time inside the app (request headers parsed to response sent, ms): p50 ${f(percentile(inside, 50))}, p99 ${f(percentile(inside, 99))}, max ${f(inside[inside.length - 1] ?? NaN)} (${inside.length} requests)`,
    );
    waited.sort((a, b) => a - b);
    console.log(
      `waiting to be read (sent by the generator to headers parsed by the app, ms): p50 ${f(percentile(waited, 50))}, p99 ${f(percentile(waited, 99))}, max ${f(waited[waited.length - 1] ?? NaN)}`,
    );
    const fresh = results.samples.filter((x) => x.newConnection);
    const slowest = [...results.samples].sort((a, b) => b.ms - a.ms).slice(0, 8);
    console.log(
      `connections opened during the load: ${fresh.length} (their requests' p99 ${f(summary(fresh).p99)} ms); slowest requests (sent at, ms from the start: latency): ${slowest.map((x) => `${f(x.at)}: ${f(x.ms)}${x.newConnection ? ' new' : ''}`).join(', ')}`,
    );
    const firstSecond = summary(results.samples.filter((x) => x.at < 1000));
    const after = summary(results.samples.filter((x) => x.at >= 1000));
    console.log(
      `requests sent in the first second: ${firstSecond.n}, p50 ${f(firstSecond.p50)} ms, p99 ${f(firstSecond.p99)} ms, max ${f(firstSecond.max)} ms; after it: ${after.n}, p50 ${f(after.p50)} ms, p99 ${f(after.p99)} ms, max ${f(after.max)} ms`,
    );
    console.log(
      `event-loop delay in the app process during the load: p50 ${f(measured.loop.p50)} ms, p99 ${f(measured.loop.p99)} ms, max ${f(measured.loop.max)} ms`,
    );
    console.log(
      `CPU time of the app process during the load: ${(measured.cpuMs / 1000).toFixed(1)} s in ${seconds.toFixed(1)} s (${((100 * measured.cpuMs) / results.wallMs).toFixed(0)} % of one core); the load generator: ${(results.cpuMs / 1000).toFixed(1)} s; this process (the emulator, issuing trigger ids): ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s${kind === 'postgres' ? `; PostgreSQL's processes: ${postgresCpu.toFixed(1)} s` : ''}`,
    );
    const n = results.samples.length;
    const perRequest = (c: StatementCounts) =>
      `${c.all} (${(c.all / n).toFixed(2)} a request; BEGIN/COMMIT ${c.transactions}); naming InboxRequest: ${c.inbox} (${(c.inbox / n).toFixed(3)} a request), ${c.inboxWrites} of them writes`;
    console.log(`database statements the app sent during the load: ${perRequest(measured.statements)}`);
    console.log(`  ... during the load and the work after it, until stopped: ${perRequest(statementsToStop)}`);
    console.log(
      `app CPU per request (inbox ${process.env.LOAD_NO_INBOX === '1' ? 'off' : 'on'}): ${(measured.cpuMs / n).toFixed(2)} ms during the load; ${(cpuToStop / n).toFixed(2)} ms with the work after it, until stopped (${(cpuToStop / 1000).toFixed(1)} s)`,
    );
    if (idleCpuMsPerS !== undefined)
      console.log(
        `app CPU while idle afterwards: ${idleCpuMsPerS.toFixed(1)} ms a second (LOAD_IDLE_MS ${process.env.LOAD_IDLE_MS})`,
      );
    const answers = emulator
      .responseUrlPosts({ via: 'response_url' })
      .map((p) => ({ kind: commandOf.get(p.url), ms: p.time - (issuedAt.get(p.url) ?? NaN) }))
      .filter((a) => !Number.isNaN(a.ms));
    const late = answers.map((a) => a.ms).sort((a, b) => a - b);
    const commands = results.samples.filter((x) => x.kind.startsWith('/'));
    console.log(
      `slash commands answered in the ack: ${commands.filter((x) => x.answerBytes > 0).length} of ${commands.length} (the others were acknowledged empty)`,
    );
    console.log(
      `command answers sent through the response_url after an empty ack: ${late.length}${late.length ? ` (click to answer, ms: p50 ${f(percentile(late, 50))}, p99 ${f(percentile(late, 99))}, max ${f(late[late.length - 1]!)})` : ''}`,
    );
    for (const k of new Set(answers.map((a) => a.kind))) {
      const ms = answers
        .filter((a) => a.kind === k)
        .map((a) => a.ms)
        .sort((a, b) => a - b);
      console.log(
        `  ${k}: ${ms.length} answers, click to answer p50 ${f(percentile(ms, 50))} ms, p99 ${f(percentile(ms, 99))} ms`,
      );
    }
    const effects = effectsByKind(results.samples, {
      calls: emulator.calls,
      posts: emulator.responseUrlPosts(),
      finished,
      inbox: process.env.LOAD_NO_INBOX !== '1',
    });
    console.log(
      "time to effect (request sent to what the person sees: the command's answer or modal, the click's work done or note, the Home published), ms:",
    );
    for (const e of effects)
      console.log(
        `  ${e.kind.padEnd(18)} n ${String(e.n).padStart(5)}  p50 ${f(percentile(e.ms, 50)).padStart(5)}  p95 ${f(percentile(e.ms, 95)).padStart(5)}  p99 ${f(percentile(e.ms, 99)).padStart(5)}  max ${f(e.ms[e.ms.length - 1] ?? NaN).padStart(5)}  never ${e.never}  told to retry ${e.toldToRetry}${e.unknown ? `  (${e.unknown} clicks not timed: no inbox)` : ''}`,
      );
    const effectRow = (k: Kind) => {
      const e = effects.find((x) => x.kind === k);
      return e ? `${f(percentile(e.ms, 50))} / ${f(percentile(e.ms, 99))} (${e.never}, ${e.toldToRetry})` : '-';
    };
    console.log(
      `| ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${process.env.LOAD_APP_SRC ?? 'this checkout'} | ${loadAvgAfter[0]!.toFixed(2)} | ${KINDS.map(effectRow).join(' | ')} |  (time to effect p50 / p99 ms (never, told to retry), per kind: ${KINDS.join(', ')})`,
    );
    console.log(
      `peak RSS of the app process: ${mb(measured.peakRss)} MB (${mb(measured.rssBefore)} MB before the load; the emulator runs in the benchmark's process)`,
    );
    console.log(
      `load average: ${loadAvgAfter.map((l) => l.toFixed(2)).join(' ')} after the load; the work after the acks went on for ${settledS.toFixed(1)} s after the last ack; stop took ${stopS.toFixed(1)} s`,
    );

    const calls = new Map<string, { ok: number; errors: Map<string, number> }>();
    for (const c of emulator.calls) {
      const entry = calls.get(c.method) ?? { ok: 0, errors: new Map<string, number>() };
      if (c.status === 200 && c.response.ok === true) entry.ok++;
      else {
        const why = c.status === 429 ? '429' : String(c.response.error);
        entry.errors.set(why, (entry.errors.get(why) ?? 0) + 1);
      }
      calls.set(c.method, entry);
    }
    console.log('Web API calls the app made during and after the load:');
    for (const [method, e] of [...calls].sort())
      console.log(`  ${method}: ${e.ok} ok${[...e.errors].map(([w, n]) => `, ${n} ${w}`).join('')}`);
    console.log(
      `protocol problems the emulator found: ${emulator.problems.length}${emulator.problems.length ? `: ${emulator.problems.slice(0, 5).join('; ')}` : ''}`,
    );
    const byMessage = new Map<string, number>();
    for (const line of errors) {
      const message = line
        .replace(/^\S+ /, '')
        .replace(/[A-Z0-9]{6,}|\d+/g, '#')
        .slice(0, 160);
      byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
    }
    console.log(
      `app log lines at warn or above during the load and after it: ${errors.length}${errors.length >= 10_000 ? ' (the first 10,000 kept)' : ''}`,
    );
    for (const [message, n] of [...byMessage].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)} x ${message}`);
    console.log('');
    console.log(
      `| ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${results.samples.length} | ${CONCURRENCY} | ${(results.samples.length / seconds).toFixed(0)} req/s | ${f(all.p50)} ms | ${f(all.p95)} ms | **${f(all.p99)} ms** | ${f(all.max)} ms | ${all.non200} | ${mb(measured.peakRss)} MB | ${loadAvgAfter[0]!.toFixed(2)} | inbox ${process.env.LOAD_NO_INBOX === '1' ? 'off' : 'on'} | ${(measured.cpuMs / n).toFixed(2)} ms | ${(cpuToStop / n).toFixed(2)} ms | ${(statementsToStop.all / n).toFixed(2)} | ${(statementsToStop.inbox / n).toFixed(3)} |`,
    );
    if (all.non200 > 0 || results.transportErrors.length > 0 || emulator.problems.length > 0) process.exitCode = 1;
  } finally {
    if (appRunning && app.send({ type: 'stop' } satisfies AppRequest)) await app.exitWithin(30_000);
    for (const r of replicas) await r.exitWithin(1_000);
    await db?.close();
    await emulator.stop();
    await scratch.drop();
  }
}

/** `--compare-inbox`: each database twice, alternating, the bot with and without its durable inbox (what it costs). */
const COMPARE_INBOX = process.argv.includes('--compare-inbox');
/** `--rounds N` with `--compare-inbox`: N pairs of runs (without, with) per database (default 2) */
const ROUNDS = Number(flag('rounds') ?? 2);

if (DB_KIND) {
  await runOne(DB_KIND);
} else {
  let failed = false;
  const args = process.argv
    .slice(2)
    .filter((a, i, all) => a !== '--compare-inbox' && a !== '--rounds' && all[i - 1] !== '--rounds');
  for (const kind of ['sqlite', 'postgres']) {
    for (const inbox of COMPARE_INBOX ? Array.from({ length: 2 * ROUNDS }, (_, i) => i % 2 === 1) : [true]) {
      if (COMPARE_INBOX) console.log(`\n=== ${kind}, ${inbox ? 'with' : 'without'} the durable inbox ===`);
      const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--db', kind], {
        stdio: 'inherit',
        env: { ...process.env, ...(inbox ? {} : { LOAD_NO_INBOX: '1' }) },
      });
      if (result.status !== 0) {
        failed = true;
        console.error(`the ${kind} run ended with ${result.signal ? `signal ${result.signal}` : `exit code ${result.status}`}`);
      }
    }
  }
  if (failed) process.exitCode = 1;
}
