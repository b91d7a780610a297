/**
 * Fingerprints of matchCohort's result on the synthetic cohorts, to check that a change to the matcher leaves
 * the result exactly as it was: `npx tsx bench/matching/digest.ts [sizes...]`, in the old and the new checkout,
 * then compare the output. Per cohort and thread setting: sha256 of the pairs (ids, scores, reasons), sha256 of
 * the unmatched list (with reasons), the totals and whether the result was proven optimal. Each cohort runs in
 * a fresh process (as the app's first call would).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { matchCohort } from '../../src/domain/matching/index.js';
import { matchingThreads } from '../../src/threads/matchingThreads.js';
import { syntheticCohort } from './synthetic.js';

interface Case {
  mentees: number;
  mentors: number;
  doubleCapacityShare: number;
  threads: boolean;
}

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function digest(c: Case): string {
  const threads = c.threads ? matchingThreads() : undefined;
  const input = syntheticCohort({ mentors: c.mentors, mentees: c.mentees, seed: 1, doubleCapacityShare: c.doubleCapacityShare });
  const result = matchCohort({ ...input, options: { threads } });
  if (!result.ok) throw new Error('unexpected pin errors');
  const label = `${c.mentees} x ${c.mentors}${c.doubleCapacityShare ? ` (${c.doubleCapacityShare * 100} % take 2)` : ''}, ${c.threads ? 'worker' : 'one thread'}`;
  return [
    label,
    `pairs ${result.pairs.length} sha256 ${sha256(result.pairs)}`,
    `unmatched ${result.unmatched.length} sha256 ${sha256(result.unmatched)}`,
    `total ${result.totalScore}, proven optimal ${result.stats.exact}, rounds ${result.stats.certificationRounds}, candidate pairs ${result.stats.candidatePairs}, worker chunks ${threads?.workerChunks ?? 0}`,
  ].join('\n  ');
}

function main(): void {
  const at = process.argv.indexOf('--case');
  if (at >= 0) {
    console.log(digest(JSON.parse(process.argv[at + 1] as string) as Case));
    return;
  }
  const sizes = process.argv.slice(2).map(Number);
  const cases: Case[] = [];
  for (const n of sizes.length > 0 ? sizes : [1000, 2000, 5000, 10000]) {
    for (const threads of [false, true]) cases.push({ mentees: n, mentors: n, doubleCapacityShare: 0, threads });
  }
  if (sizes.length === 0) {
    for (const threads of [false, true]) cases.push({ mentees: 10000, mentors: 7000, doubleCapacityShare: 0.4, threads });
  }
  const script = fileURLToPath(import.meta.url);
  for (const c of cases) {
    const out = execFileSync(process.execPath, [...process.execArgv, script, '--case', JSON.stringify(c)], { encoding: 'utf8' });
    process.stdout.write(out);
  }
}

main();
