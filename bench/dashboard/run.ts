/**
 * Dashboard benchmark: `npm run bench -- dashboard [--db sqlite|postgres] [--runs N]`.
 *
 * A 2,000-person programme (1,000 pairs, 20,000 check-ins, 10,000 feedback rows) and a second 2,000-person
 * cohort with a draft matching of about 1,000 pairs; the real bot (against the Slack emulator) serves the
 * dashboard over HTTP. Each page is fetched as a signed-in coordinator would: one warm-up, then --runs runs
 * (default 9); the time is from the request to the last byte of the page. The bar is 1 s a page.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config.js';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { issueSignInLink } from '../../src/flows/dashboardAccess.js';
import { currentOrNewDraft } from '../../src/flows/matching/index.js';
import { createLogger } from '../../src/logger.js';
import { startBot } from '../../src/runtime.js';
import { openDatabase } from '../../src/store/database.js';
import { seedLargeProgramme, NOW, PROGRAMME_ID } from '../report/seed.js';
import { scratchDatabase } from '../scratchDatabase.js';

const flag = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const DB_KIND = flag('db') ?? 'sqlite';
const RUNS = Number(flag('runs') ?? 9);
const BAR_MS = 1000;
const COORDINATOR = 'U0COORD01';
const COHORT = 'bench-cohort';
const TOPICS = ['social-media', 'ai-new-tech', 'digital-tools', 'online-safety', 'leadership', 'strategy'];
const DEPARTMENTS = ['Marketing', 'Engineering', 'Finance', 'Sales', 'Operations', 'People', 'Legal', 'Product'];
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo'];

/** A cohort of 2,000 people, none paired yet, with topics: what a coordinator matches at once. */
async function seedCohort(db: Awaited<ReturnType<typeof openDatabase>>['client']): Promise<void> {
  await db.programme.create({
    data: {
      id: COHORT,
      name: 'Cohort 2027',
      status: 'open',
      startDate: new Date('2026-10-05T00:00:00Z'),
      durationMonths: 6,
      endDate: new Date('2027-04-05T00:00:00Z'),
      cadenceDays: 14,
      signupDeadline: new Date('2026-09-20T00:00:00Z'),
      timezone: 'Europe/London',
      createdBySlackId: COORDINATOR,
      topics: {
        create: TOPICS.map((key, position) => ({ key, label: key, direction: position < 4 ? 'upward' : 'downward', position })),
      },
    },
  });
  const people = Array.from({ length: 2000 }, (_, i) => ({
    id: `co${String(i).padStart(6, '0')}`,
    programmeId: COHORT,
    slackUserId: `UC${String(i).padStart(8, '0')}`,
    displayName: `Colleague ${i}`,
    title: i % 2 === 0 ? 'Associate' : 'Director',
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    seniorityLevel: i % 2 === 0 ? 1 + (i % 3) : 6 + (i % 3),
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    timezone: ZONES[i % ZONES.length]!,
  }));
  await db.participant.createMany({ data: people });
  await db.participantTopic.createMany({
    data: people.flatMap((p, i) => [
      { participantId: p.id, topicKey: TOPICS[i % 4]!, kind: p.role === 'mentor' ? 'teach' : 'learn' },
      { participantId: p.id, topicKey: TOPICS[4 + (i % 2)]!, kind: p.role === 'mentor' ? 'learn' : 'teach' },
    ]),
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`Dashboard benchmark, ${new Date().toISOString().slice(0, 16)}Z`);
  console.log(
    `Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const scratch = await scratchDatabase(DB_KIND, 'dashboard');
  const seeding = await openDatabase(scratch.url);
  let t = performance.now();
  await seedLargeProgramme(seeding.client, { participants: 2000, pairs: 1000, checkIns: 20_000, feedback: 10_000 });
  await seedCohort(seeding.client);
  console.log(`${DB_KIND}: seeded two programmes of 2,000 people in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const draft = await currentOrNewDraft(seeding.client, COHORT, COORDINATOR, NOW);
  if (!draft.ok) throw new Error(draft.message);
  const pairs = await seeding.client.pairing.count({ where: { matchRunId: draft.value.runId } });
  console.log(
    `draft matching of the cohort: ${pairs} pairs in ${((performance.now() - t) / 1000).toFixed(1)} s (not a page: done once)`,
  );
  await seeding.client.$executeRawUnsafe('ANALYZE');
  await seeding.close();

  const emulator = await SlackEmulator.start();
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: scratch.url,
    RM_COORDINATORS: COORDINATOR,
    LOG_LEVEL: 'warn',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const bot = await startBot(loaded.config, {
    port: 0,
    host: '127.0.0.1',
    scheduler: false,
    outboxIntervalMs: 0,
    clock: { now: () => NOW },
    logger: createLogger('warn', 'bench'),
  });
  const base = `http://localhost:${bot.port}`;
  try {
    const link = await issueSignInLink({ db: bot.db.client, config: loaded.config }, COORDINATOR, NOW);
    if (!link.ok) throw new Error(link.message);
    const signedIn = await fetch(`http://127.0.0.1:${bot.port}/admin/signin/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ token: link.value.token }),
      redirect: 'manual',
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (!cookie.startsWith('rm_dashboard=')) throw new Error(`sign-in failed: HTTP ${signedIn.status}`);

    const pages: Array<[string, string]> = [
      ['programmes', '/admin/programmes'],
      ['roster (2,000 people, page 1 of 20)', `/admin/programmes/${PROGRAMME_ID}/roster`],
      [
        'roster: search + filters + sort',
        `/admin/programmes/${PROGRAMME_ID}/roster?q=person+1&role=mentee&status=active&sort=department&dir=desc`,
      ],
      ['roster: last page', `/admin/programmes/${PROGRAMME_ID}/roster?page=20`],
      ['matching review (draft of ~1,000 pairs)', `/admin/programmes/${COHORT}/matching`],
      [
        'matching: sorted by mentee, filtered',
        `/admin/programmes/${COHORT}/matching?sort=mentee&dir=asc&minScore=20&q=colleague`,
      ],
      ['matching: swap form (2,000 people)', `/admin/programmes/${COHORT}/matching/swap`],
      ['health (report figures + charts)', `/admin/programmes/${PROGRAMME_ID}/health`],
      ['exports page', `/admin/programmes/${PROGRAMME_ID}/exports`],
      ['participants.csv download', `/admin/programmes/${PROGRAMME_ID}/exports/participants.csv`],
      ['checkins.csv download (20,000 rows)', `/admin/programmes/${PROGRAMME_ID}/exports/checkins.csv`],
    ];
    console.log(`\n${'page'.padEnd(44)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'size'.padStart(9)}`);
    let worst = 0;
    for (const [name, path] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run <= RUNS; run++) {
        const started = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
        const body = await res.arrayBuffer();
        const took = performance.now() - started;
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        bytes = body.byteLength;
        if (run > 0) times.push(took); // run 0 warms up
      }
      worst = Math.max(worst, Math.max(...times));
      console.log(
        `${name.padEnd(44)} ${`${median(times).toFixed(0)} ms`.padStart(8)} ${`${Math.min(...times).toFixed(0)} ms`.padStart(8)} ${`${Math.max(...times).toFixed(0)} ms`.padStart(8)} ${`${(bytes / 1024).toFixed(0)} kB`.padStart(9)}`,
      );
    }
    console.log(`\nslowest single page load: ${worst.toFixed(0)} ms (bar: ${BAR_MS} ms): ${worst <= BAR_MS ? 'met' : 'NOT met'}`);
  } finally {
    await bot.stop();
    await emulator.stop();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
