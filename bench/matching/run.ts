/**
 * Matching benchmark: `npx tsx bench/matching/run.ts [--quick]`.
 * Each measurement runs in a fresh Node process (cold JIT, its own peak memory). Synthetic, mentoring-like
 * cohorts (bench/matching/synthetic.ts). Prints a report and a Markdown summary for docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { denseComparison, endToEnd, sparseComparison, steps, type ScenarioArgs } from './scenarios.js';
import { scipyVersion } from './scipy.js';

const SCENARIOS = { endToEnd, steps, denseComparison, sparseComparison } as const;
type ScenarioName = keyof typeof SCENARIOS;

function child(name: ScenarioName, a: ScenarioArgs): Record<string, unknown> {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, script, '--scenario', name, JSON.stringify(a)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] as number;
}

function main(): void {
  const at = process.argv.indexOf('--scenario');
  if (at >= 0) {
    const name = process.argv[at + 1] as ScenarioName;
    const a = JSON.parse(process.argv[at + 2] ?? '{}') as ScenarioArgs;
    console.log(JSON.stringify(SCENARIOS[name](a)));
    return;
  }
  const quick = process.argv.includes('--quick');
  const cpu = cpus();
  console.log(`Matching benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const scipy = scipyVersion();
  console.log(
    scipy ? `SciPy ${scipy} found: ratios to it are printed.` : 'SciPy is absent (apt-get install -y python3-scipy): no ratios.',
  );
  const runs = quick ? 1 : 3;
  const size = (mentees: number, mentors = mentees, doubleCapacityShare = 0): ScenarioArgs => ({
    mentees,
    mentors,
    doubleCapacityShare,
    quick,
  });

  const cases: [string, ScenarioArgs][] = quick
    ? [
        ['2,000 x 2,000', size(2000)],
        ['10,000 x 10,000', size(10000)],
      ]
    : [
        ['500 x 500', size(500)],
        ['1,000 x 1,000', size(1000)],
        ['2,000 x 2,000', size(2000)],
        ['4,000 x 4,000', size(4000)],
        ['10,000 x 10,000', size(10000)],
        ['10,000 mentees x 7,000 mentors (40 % take 2)', size(10000, 7000, 0.4)],
      ];
  const summary: string[] = [
    `| cohort | threads | solver | proven optimal | end to end, fresh process (median of ${runs}) | CPU, all threads | CPU, main thread | warm (second call) | peak RSS | pairs | candidate pairs |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const medians = new Map<string, number>();
  for (const [label, base] of cases) {
    for (const threads of [false, true]) {
      const a = { ...base, threads };
      const name = threads ? 'worker threads' : 'one thread';
      const results = Array.from({ length: runs }, () => child('endToEnd', a));
      const r = results[0] as Record<string, unknown>;
      const times = results.map((x) => x.ms as number);
      const warm = results.map((x) => x.warmMs as number);
      const cpuAll = results.map((x) => x.cpuMs as number);
      const cpuMain = results.map((x) => x.mainThreadCpuMs as number);
      const peak = Math.max(...results.map((x) => x.peakRssMB as number));
      console.log(
        `\n== ${label}, ${name}: matchCohort cold ${times.map((t) => `${t} ms`).join(', ')}; warm ${warm.map((t) => `${t} ms`).join(', ')}`,
      );
      console.log(
        `   CPU time of the first call ${cpuAll.map((t) => `${t} ms`).join(', ')}; of its main thread ${cpuMain.map((t) => `${t} ms`).join(', ')}; chunks done by workers ${results.map((x) => x.workerChunks as number).join(', ')}`,
      );
      console.log(`   peak RSS ${peak} MB after the first call (${r.rssBeforeMB} MB before it)`);
      console.log(
        `   ${r.solver}${r.exact ? ', proven optimal' : ''}; ${r.pairs} pairs, ${r.unmatched} unmatched, total ${r.totalScore}, ${r.candidatePairs} candidate pairs, ${r.certificationRounds} pricing rounds`,
      );
      if (!threads) medians.set(label, median(times));
      const s = child('steps', a);
      console.log(`   steps: ${(s.steps as string[]).join('; ')}`);
      summary.push(
        `| ${label} | ${name} | ${r.solver} | ${r.exact ? 'yes' : 'no'} | ${(median(times) / 1000).toFixed(2)} s | ${(median(cpuAll) / 1000).toFixed(2)} s | ${(median(cpuMain) / 1000).toFixed(2)} s | ${(median(warm) / 1000).toFixed(2)} s | ${peak} MB | ${r.pairs} | ${r.candidatePairs} |`,
      );
    }
  }

  console.log('\n== 2,000 x 2,000: other solvers on the full matrix');
  const dense = child('denseComparison', size(2000));
  console.log(JSON.stringify(dense, null, 2));
  const scipyDense = dense.scipy as { ms?: number } | string;
  const ours2000 = medians.get('2,000 x 2,000');
  if (typeof scipyDense === 'object' && scipyDense.ms && ours2000) {
    console.log(`ratio to SciPy (dense 2,000): ours end to end ${(ours2000 / scipyDense.ms).toFixed(2)}x SciPy's solve alone`);
  }
  console.log('\n== 10,000 x 10,000: the candidate graph');
  const sparse = child('sparseComparison', size(10000));
  console.log(JSON.stringify(sparse, null, 2));
  const scipySparse = sparse.scipySparse as { ms?: number } | string;
  if (typeof scipySparse === 'object' && scipySparse.ms) {
    const ours = sparse.ourSolveOnCandidateGraphMs as number;
    console.log(`ratio to SciPy (sparse LAPJVsp, same graph): ours ${(ours / scipySparse.ms).toFixed(2)}x`);
    const e2e = medians.get('10,000 x 10,000');
    if (e2e)
      console.log(
        `  and ours end to end (scoring, candidates, solve, repair, reasons) ${(e2e / scipySparse.ms).toFixed(2)}x SciPy's solve alone`,
      );
  }

  console.log('\n---- Markdown summary ----');
  console.log(summary.join('\n'));
}

main();
