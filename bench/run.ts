// npm run bench [-- <name> ...]: runs each benchmark in bench/<name>/run.ts in its own process
// (so memory figures are its own). Results are recorded by hand in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(here, e.name, 'run.ts')))
  .map((e) => e.name)
  .sort();
const args = process.argv.slice(2);
// A word after a flag is that flag's value (`--pairs 1000`, `--db postgres`) unless it names a benchmark.
const flags: string[] = [];
const wanted: string[] = [];
for (const [i, a] of args.entries()) {
  const previous = args[i - 1];
  if (a.startsWith('--') || (previous?.startsWith('--') && !available.includes(a))) flags.push(a);
  else wanted.push(a);
}
const chosen = wanted.length > 0 ? wanted : available;
for (const name of chosen) {
  if (!available.includes(name)) {
    console.error(`no benchmark "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, name, 'run.ts'), ...flags], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
