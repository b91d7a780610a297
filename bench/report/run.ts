/**
 * Report benchmark: `npm run bench -- report [--db sqlite|postgres] [--quick] [--runs N]`.
 *
 * Seeds one programme of 20,000 participants, 10,000 pairs, 200,000 check-ins and 100,000 feedback rows
 * (--quick: a tenth), then times `buildReport` (every figure of /rm-report, aggregated by the
 * database): one warm-up, then the median, min and max of --runs runs (default 9). The bar is 1 s.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/store/database.js';
import { reportQueries } from '../../src/store/report/aggregates.js';
import { monthsOf } from '../../src/domain/report/index.js';
import { buildReport } from '../../src/flows/report.js';
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
const BAR_MS = 1000;
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

    const times: number[] = [];
    const cpu: number[] = [];
    const programmeReport = async () => {
      const built = await buildReport({ db: db.client }, PROGRAMME_ID, NOW);
      return built.ok ? built.value : null;
    };
    let report = await programmeReport(); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      report = await programmeReport();
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    if (!report) throw new Error('no report');
    console.log(
      `figures: ${report.participants.total} participants, ${report.pairs.total} pairs, ${report.checkIns.due} check-ins due (${report.checkIns.met} met, adherence ${((report.checkIns.adherence ?? 0) * 100).toFixed(1)} %), ${report.ratings.responses} ratings (avg ${report.ratings.average?.toFixed(2)}), ${report.atRisk.count} at risk, waitlist ${report.waitlist}, NPS final ${report.surveys[1]?.nps}`,
    );
    console.log(
      `buildReport over ${RUNS} runs: median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (bar ${BAR_MS} ms: ${median < BAR_MS ? 'met' : 'NOT met'})`,
    );
    // On a shared machine the wall time includes waiting for a core; the CPU time of this process does not
    // (for SQLite it is all the work: the database runs in this process; for Postgres only the client's part).
    console.log(`CPU time of this process per report: median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms`);
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
