/**
 * Fan-out benchmark: `npx tsx bench/fanout/run.ts [--pairs N] [--quick] [--db sqlite|postgres] [--cap N]
 * [--concurrency N] [--batch-size N] [--pacing on|off] [--no-drain]` (or `npm run bench -- fanout [flags]`).
 *
 * N active pairs (default 10,000; --quick: 1,000) whose check-in nudges fall due at the same instant. The
 * real scheduler pass (`tick`) writes the nudges to the outbox; the real `OutboxSender` drains it into the
 * Slack emulator with its rate limits on: chat.postMessage 1 per second per channel with a burst of 3, and a
 * workspace-wide chat.postMessage cap (--cap, default 100 messages per second, burst 30). Slack publishes no
 * single workspace-wide number, so the cap is our choice: see docs/benchmarks.md. The sender paces itself
(docs/outbox.md, "Pacing") at the cap it is told, as an operator would set SLACK_POST_WORKSPACE_PER_SEC;
--pacing off: unpaced, finding the limits by 429s (the sender before pacing). --no-drain: stop after the tick (the
planning time and its CPU time; the drain takes about 100 s at 10,000 pairs).
 *
 * On SQLite, @libsql/client 0.17.1 keeps one connection (2 file descriptors) open per interactive transaction
 * (tursodatabase/libsql-client-ts#350): the tick's 10,000 nudge transactions exhaust a 20,000-descriptor limit
 * (SQLITE_CANTOPEN). See docs/benchmarks.md.
 *
 * Pairs are seeded as they are after their introduction: the group DM the intro opened is stored on the
 * pairing (`groupChannelId`), so nudges need no conversations.open.
 *
 * Reports: time to drain, messages per second vs the cap, 429s, duplicates (chat.postMessage calls that
 * Slack accepted, per idempotency key, and messages per group DM), peak RSS of this process (which also
 * holds the emulator and its record of every call), and Slack's side of the drain (`slackSide`): how long its
 * workspace bucket sat full (capacity the sender left unused) and how close the arrivals came to a 429.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { syntheticWorkspace } from '../../src/devtools/emulator/syntheticWorkspace.js';
import { systemClock } from '../../src/core/clock.js';
import { tick } from '../../src/jobs/tick.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_PACING } from '../../src/domain/pacing.js';
import { OutboxSender } from '../../src/slack/outbox.js';
import { countStatements } from '../load/statements.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { scratchDatabase } from '../scratchDatabase.js';
import { duePairRows } from '../duePairs.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const PAIRS = Number(flag('pairs') ?? (quick ? 1000 : 10_000));
const DB_KIND = flag('db') ?? 'sqlite';
const CAP = Number(flag('cap') ?? 100);
const CAP_BURST = Number(flag('cap-burst') ?? 30);
const CONCURRENCY = Number(flag('concurrency') ?? 4);
const BATCH_SIZE = Number(flag('batch-size') ?? 50);
const PACING = (flag('pacing') ?? 'on') === 'on';
const DRAIN = !process.argv.includes('--no-drain');

const ZONE = 'Europe/London';
const DUE = '2026-11-20'; // a Friday: every nudge is due at 10:00 London time, the same instant for all
const TICK_AT = new Date('2026-11-20T10:05:00Z');
const CHUNK = 500;

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** N pairs as they are after their introduction: active, group DM known, check-in 1 planned for DUE. */
async function seed(db: Db, emulator: SlackEmulator): Promise<void> {
  const people = emulator.workspace.users.filter((u) => u.id.startsWith('U1')).map((u) => u.id);
  if (people.length < 2 * PAIRS) throw new Error(`the workspace has ${people.length} people, ${2 * PAIRS} needed`);
  await db.programme.create({
    data: {
      id: 'fanout',
      name: 'Fan-out programme',
      status: 'running',
      startDate: new Date('2026-11-02T00:00:00Z'),
      durationMonths: 6,
      endDate: new Date('2027-05-03T00:00:00Z'),
      cadenceDays: 14,
      signupDeadline: new Date('2026-10-30T00:00:00Z'),
      timezone: ZONE,
      createdBySlackId: 'U0COORD01',
    },
  });
  const { participants, pairings, checkIns } = duePairRows({
    programmeId: 'fanout',
    people,
    pairs: PAIRS,
    idPrefix: 'p',
    idWidth: 6,
    zone: ZONE,
    introducedAt: new Date('2026-11-13T10:00:00Z'),
    dueDate: DUE,
    groupChannelFor: (mentor, mentee) => emulator.channelFor([mentor, mentee]),
  });
  await inChunks(participants, (data) => db.participant.createMany({ data }));
  await inChunks(pairings, (data) => db.pairing.createMany({ data }));
  await inChunks(checkIns, (data) => db.checkIn.createMany({ data }));
}

/**
 * Where the drain's shortfall from the cap goes, seen from Slack's side: the emulator's workspace bucket replayed
 * over the arrival times of every chat.postMessage. `idleMs`: time the bucket sat full (each such millisecond is
 * cap/1000 messages that could have gone and did not); `minTokens`: the fewest tokens it held when a post
 * arrived (how much of the pacer's reserve the arrival order actually used); gaps between arrivals.
 */
function slackSide(calls: { time: number; status: number }[]): {
  idleMs: number;
  minTokens: number;
  gapsOver50: number;
  gapsOver50Ms: number;
} {
  const perMs = CAP / 1000;
  let tokens = CAP_BURST;
  let at = calls[0]?.time ?? 0;
  let idleMs = 0;
  let minTokens = CAP_BURST;
  let gapsOver50 = 0;
  let gapsOver50Ms = 0;
  for (const c of calls) {
    const gap = c.time - at;
    if (gap > 50) {
      gapsOver50 += 1;
      gapsOver50Ms += gap;
    }
    const refilled = tokens + gap * perMs;
    if (refilled > CAP_BURST) idleMs += (refilled - CAP_BURST) / perMs;
    tokens = Math.min(CAP_BURST, refilled);
    at = c.time;
    minTokens = Math.min(minTokens, tokens);
    if (c.status === 200 && tokens >= 1) tokens -= 1;
  }
  return { idleMs, minTokens, gapsOver50, gapsOver50Ms };
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`Fan-out benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${mb(totalmem()) >> 10} GiB, Node ${process.version}`);
  console.log(
    `${PAIRS} pairs on ${DB_KIND}; cap ${CAP} chat.postMessage/s workspace-wide (burst ${CAP_BURST}), 1/s per channel (burst 3); sender concurrency ${CONCURRENCY}, batch ${BATCH_SIZE}, pacing ${PACING ? 'on' : 'off'}`,
  );

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);

  const emulator = await SlackEmulator.start({
    workspace: syntheticWorkspace({ people: 2 * PAIRS + 10, seed: 7, deletedRatio: 0 }),
    rateLimits: { postMessagePerChannelPerSec: 1, burst: 3, workspacePerSec: CAP, workspaceBurst: CAP_BURST },
  });
  const scratch = await scratchDatabase(DB_KIND, 'fanout');
  const database = await openDatabase(scratch.url);
  const db = database.client;
  try {
    let t = performance.now();
    await seed(db, emulator);
    const rssAfterSeed = mb(process.memoryUsage().rss);
    console.log(`seeded ${PAIRS} pairs in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS ${rssAfterSeed} MB`);

    // FANOUT_TICK_PROF=<file>: a CPU profile of the tick alone (not the seeding, not the drain).
    const profile = process.env.FANOUT_TICK_PROF ? new (await import('node:inspector/promises')).Session() : undefined;
    if (profile) {
      profile.connect();
      await profile.post('Profiler.enable');
      await profile.post('Profiler.start');
    }
    // LOAD_STATEMENTS_TOP=<file> (SQLite): the tick's statements, by text, with their rows and time (bench/load).
    const statements = process.env.LOAD_STATEMENTS_TOP ? countStatements() : undefined;
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await tick({ db }, TICK_AT);
    const tickS = (performance.now() - t) / 1000;
    const tickCpu = process.cpuUsage(cpuBefore);
    if (profile) {
      const { profile: taken } = await profile.post('Profiler.stop');
      writeFileSync(process.env.FANOUT_TICK_PROF!, JSON.stringify(taken));
    }
    await statements?.writeTop();
    const queued = await db.outboxMessage.count({ where: { status: 'pending' } });
    console.log(
      `tick: ${report.checkIns.nudges} nudges written to the outbox in ${tickS.toFixed(2)} s (${queued} pending rows); CPU of this process ${((tickCpu.user + tickCpu.system) / 1e6).toFixed(2)} s (user ${(tickCpu.user / 1e6).toFixed(2)}, system ${(tickCpu.system / 1e6).toFixed(2)})`,
    );
    if (report.checkIns.nudges !== PAIRS) throw new Error(`expected ${PAIRS} nudges, the tick wrote ${report.checkIns.nudges}`);
    if (!DRAIN) return;

    const rssBeforeDrain = process.memoryUsage().rss;
    const peakBeforeDrain = Math.max(peakRss, rssBeforeDrain);
    console.log(
      `RSS after the tick: ${mb(rssBeforeDrain)} MB (heap ${mb(process.memoryUsage().heapUsed)} MB); peak so far (seed + tick) ${mb(peakBeforeDrain)} MB`,
    );
    emulator.reset();
    const logger = createLogger('warn', 'fanout');
    const sender = new OutboxSender({
      db,
      client: new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl }),
      logger,
      clock: systemClock,
      coordinators: [],
      concurrency: CONCURRENCY,
      batchSize: BATCH_SIZE,
      ...(PACING ? { pacing: { ...DEFAULT_PACING, postPerWorkspace: { perSec: CAP, burst: CAP_BURST } } } : {}),
    });
    const start = performance.now();
    let passes = 0;
    let lastProgress = start;
    for (;;) {
      const r = await sender.deliverDue();
      passes++;
      if (r.sent + r.failed + r.retried === 0) {
        const left = await db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
        if (left === 0) break;
        await sleep(20); // everything left waits for a Retry-After
      }
      if (performance.now() - lastProgress > 10_000) {
        lastProgress = performance.now();
        const sent = await db.outboxMessage.count({ where: { status: 'sent' } });
        console.log(`  ${((lastProgress - start) / 1000).toFixed(0)} s: ${sent} sent`);
      }
    }
    const drainS = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const posts = emulator.callsTo('chat.postMessage');
    const accepted = posts.filter((c) => c.status === 200 && c.response.ok === true);
    const limited = posts.filter((c) => c.status === 429).length;
    const opens = emulator.callsTo('conversations.open').length;
    const perKey = new Map<string, number>();
    for (const c of accepted) {
      const key = String(
        (c.params.metadata as { event_payload?: { idempotency_key?: unknown } } | undefined)?.event_payload?.idempotency_key,
      );
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    const duplicateCalls = [...perKey.values()].reduce((s, n) => s + n - 1, 0);
    const pairings = await db.pairing.findMany({ select: { groupChannelId: true } });
    let messagesInChannels = 0;
    let channelsWithExtra = 0;
    for (const p of pairings) {
      const n = emulator.messagesIn(p.groupChannelId ?? '').length;
      messagesInChannels += n;
      if (n > 1) channelsWithExtra++;
    }
    const statuses = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    const times = accepted.map((c) => c.time).sort((a, b) => a - b);
    const span = ((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000;
    const rate = accepted.length / drainS;
    const steady = span > 0 ? (accepted.length - 1) / span : 0;

    console.log('');
    console.log(`drained ${accepted.length} messages in ${drainS.toFixed(1)} s (${passes} sender passes)`);
    console.log(
      `messages per second: ${rate.toFixed(1)} over the drain = ${((100 * rate) / CAP).toFixed(1)} % of the ${CAP}/s cap`,
    );
    console.log(
      `  first to last accepted post: ${span.toFixed(1)} s, ${steady.toFixed(1)}/s = ${((100 * steady) / CAP).toFixed(1)} % of the cap`,
    );
    console.log(
      `  ideal drain at the cap: ${(Math.max(0, PAIRS - CAP_BURST) / CAP).toFixed(1)} s (the first ${CAP_BURST} go at once)`,
    );
    console.log(
      `429s received: ${limited} (${(limited / accepted.length).toFixed(2)} per message); conversations.open calls: ${opens}`,
    );
    console.log(
      `duplicates: ${duplicateCalls} extra accepted posts per idempotency key; ${messagesInChannels} messages in ${pairings.length} group DMs, ${channelsWithExtra} with more than one`,
    );
    const side = slackSide(posts);
    console.log(
      `Slack's side: its workspace bucket sat full ${(side.idleMs / 1000).toFixed(2)} s of the ${span.toFixed(1)} s (${((100 * side.idleMs) / 1000 / Math.max(span, 1e-9)).toFixed(1)} %: capacity unused); fewest tokens at an arrival ${side.minTokens.toFixed(2)}; ${side.gapsOver50} gaps over 50 ms between arrivals (${(side.gapsOver50Ms / 1000).toFixed(2)} s)`,
    );
    console.log(`outbox rows: ${statuses.map((s) => `${s.status} ${s._count._all}`).join(', ')}`);
    console.log(
      `peak RSS: ${mb(peakRss)} MB (${mb(rssBeforeDrain)} MB before the drain, ${mb(process.memoryUsage().rss)} MB after it, heap ${mb(process.memoryUsage().heapUsed)} MB; the emulator and its call log are in this process)`,
    );
    console.log('');
    console.log(
      `| ${PAIRS.toLocaleString('en')} | ${DB_KIND} | ${CAP}/s | ${CONCURRENCY} / ${BATCH_SIZE} | ${tickS.toFixed(1)} s | ${drainS.toFixed(1)} s | ${rate.toFixed(1)}/s (${((100 * rate) / CAP).toFixed(1)} %) | ${limited} | ${duplicateCalls} | ${mb(peakRss)} MB |`,
    );
    if (duplicateCalls > 0 || channelsWithExtra > 0 || accepted.length !== PAIRS) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await database.close();
    await emulator.stop();
    await scratch.drop();
  }
}

await main();
