/**
 * Report benchmark: `npm run bench -- report [--db sqlite|postgres] [--quick] [--runs N]`.
 *
 * Seeds one programme of 20,000 participants, 10,000 pairs, 200,000 check-ins and 100,000 feedback rows
 * (--quick: a tenth), then times `buildReport` (every figure of /rm-report): the first report (which builds
 * the feedback counters of answers released before they existed), then --runs runs (default 9) of the report
 * from its counters and, interleaved, of the reference aggregating every row (the code before the counters):
 * median, min and max of each. The bar is 100 ms. Then the upkeep: logging a check-in with and without the
 * counter triggers, and one release of ten answers.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/store/database.js';
import { reportQueries } from '../../src/store/report/aggregates.js';
import { monthsOf } from '../../src/domain/report/index.js';
import { buildReport } from '../../src/flows/report.js';
import type { AggregateSource } from '../../src/store/report/index.js';
import { releaseCompleteBatches } from '../../src/store/feedbackReleases.js';
import { NOW, PROGRAMME_ID, seedLargeProgramme } from './seed.js';
import { scratchDatabase } from '../scratchDatabase.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;
const DB_KIND = flag('db') ?? 'sqlite';
const RUNS = Number(flag('runs') ?? 9);
const BAR_MS = 100;
/** --url: time an already seeded database (e.g. one kept with --keep) instead of seeding a new one */
const REUSE_URL = flag('url');
const KEEP = process.argv.includes('--keep');

async function main(): Promise<void> {
  const cpu = cpus();
  const sizes = { participants: 20_000 * scale, pairs: 10_000 * scale, checkIns: 200_000 * scale, feedback: 100_000 * scale };
  console.log(`Report benchmark, ${new Date().toISOString().slice(0, 16)}Z`);
  console.log(
    `Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${DB_KIND}: ${sizes.participants} participants, ${sizes.pairs} pairs, ${sizes.checkIns} check-ins, ${sizes.feedback} feedback rows`,
  );
  const scratch = REUSE_URL ? { url: REUSE_URL, drop: async () => {} } : await scratchDatabase(DB_KIND, 'report');
  const db = await openDatabase(scratch.url);
  try {
    if (!REUSE_URL) {
      const seedStart = performance.now();
      await seedLargeProgramme(db.client, sizes, console.log);
      console.log(
        `seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s${KEEP ? ` (kept: --url ${scratch.url})` : ''}`,
      );
    }
    // Fresh statistics for the planner, as a running database has them (autovacuum; SQLite's optimize).
    await db.client.$executeRawUnsafe('ANALYZE');

    const programmeReport = async (source: AggregateSource) => {
      const built = await buildReport({ db: db.client }, PROGRAMME_ID, NOW, source);
      return built.ok ? built.value : null;
    };
    const t0 = performance.now();
    let report = await programmeReport('counters');
    console.log(`first report (builds the feedback counters when missing): ${(performance.now() - t0).toFixed(0)} ms`);
    await programmeReport('rows'); // warm-up
    const runs: Record<AggregateSource, { times: number[]; cpu: number[] }> = {
      counters: { times: [], cpu: [] },
      rows: { times: [], cpu: [] },
    };
    for (let i = 0; i < RUNS; i++) {
      for (const source of ['rows', 'counters'] as const) {
        const t = performance.now();
        const c = process.cpuUsage();
        const r = await programmeReport(source);
        const used = process.cpuUsage(c);
        runs[source].times.push(performance.now() - t);
        runs[source].cpu.push((used.user + used.system) / 1000);
        if (source === 'counters') report = r;
      }
    }
    if (!report) throw new Error('no report');
    const same = JSON.stringify(await programmeReport('rows')) === JSON.stringify(await programmeReport('counters'));
    console.log(
      `figures: ${report.participants.total} participants, ${report.pairs.total} pairs, ${report.checkIns.due} check-ins due (${report.checkIns.met} met, adherence ${((report.checkIns.adherence ?? 0) * 100).toFixed(1)} %), ${report.ratings.responses} ratings (avg ${report.ratings.average?.toFixed(2)}), ${report.atRisk.count} at risk, waitlist ${report.waitlist}, NPS final ${report.surveys[1]?.nps}; counters and rows give the same report: ${same}`,
    );
    for (const source of ['rows', 'counters'] as const) {
      const times = runs[source].times.sort((a, b) => a - b);
      const cpu = runs[source].cpu.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      // On a shared machine the wall time includes waiting for a core; the CPU time of this process does not
      // (for SQLite it is all the work: the database runs in this process; for Postgres only the client's part).
      console.log(
        `buildReport from ${source === 'rows' ? 'every row (before)' : 'counters (after)'} over ${RUNS} runs: median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms, CPU of this process median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms (bar ${BAR_MS} ms: ${median < BAR_MS ? 'met' : 'NOT met'})`,
      );
    }
    await upkeepCost(db.client);
    // Where the time goes: each query alone (median of 3), in the order of the cost.
    const programme = await db.client.programme.findUniqueOrThrow({ where: { id: PROGRAMME_ID } });
    const months = monthsOf(programme, NOW);
    const parts: Array<[string, number]> = [];
    for (const [name, query] of Object.entries(reportQueries)) {
      const t: number[] = [];
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        await query(db.client, PROGRAMME_ID, months, NOW);
        t.push(performance.now() - s);
      }
      parts.push([name, t.sort((a, b) => a - b)[1]!]);
    }
    console.log(
      `per query (median of 3): ${parts
        .sort((a, b) => b[1] - a[1])
        .map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await db.close();
    if (!KEEP) await scratch.drop();
  }
}

/** Median ms of `n` runs of `step(i)`. */
async function medianOf(n: number, step: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await step(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

const CHECKIN_TRIGGERS =
  DB_KIND === 'postgres'
    ? ['DROP TRIGGER "CheckIn_report_update" ON "CheckIn"', 'DROP TRIGGER "CheckIn_report_insert_delete" ON "CheckIn"']
    : ['DROP TRIGGER "CheckIn_report_update"', 'DROP TRIGGER "CheckIn_report_insert"', 'DROP TRIGGER "CheckIn_report_delete"'];

/**
 * What keeping the counters costs a write: logging a check-in as met (one row update, as the check-in flow's
 * compare-and-set) with the counter triggers, then without them (dropped: run last, on the scratch database);
 * and one release of ten answers, which also updates the feedback counters.
 */
async function upkeepCost(db: import('../../src/store/database.js').Db): Promise<void> {
  const N = 60;
  const open = await db.checkIn.findMany({
    where: { status: { in: ['due', 'scheduled'] } },
    orderBy: { id: 'asc' },
    take: 2 * N,
  });
  const log = (id: string) =>
    db.checkIn.updateMany({ where: { id, status: { in: ['due', 'scheduled'] } }, data: { status: 'met', metAt: NOW } });
  const people = await db.participant.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' }, take: 10 });
  await db.feedback.createMany({
    data: people.map((p, i) => ({
      id: `bench-upkeep-${i}`,
      answerKey: `bench-upkeep-${i}`,
      participantId: p.id,
      kind: 'checkin',
      rating: 1 + (i % 5),
      pendingRelease: true,
    })),
  });
  let released = 0;
  const release = await medianOf(1, async () => (released = await releaseCompleteBatches(db, PROGRAMME_ID, NOW)));
  const withCounters = await medianOf(N, (i) => log(open[i]!.id));
  for (const sql of CHECKIN_TRIGGERS) await db.$executeRawUnsafe(sql);
  const without = await medianOf(N, (i) => log(open[N + i]!.id));
  console.log(
    `upkeep per write: logging a check-in ${without.toFixed(2)} ms without the counter triggers, ${withCounters.toFixed(2)} ms with them (median of ${N}); one release of ${released} answers with its counters ${release.toFixed(0)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
