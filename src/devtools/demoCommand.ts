import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseDemoOptions } from './demo/options.js';
import { runScenario, type ScenarioEvent } from './demo/scenario.js';
import { CliError } from '../cli/errors.js';
import type { RunDemo } from '../cli/devTools.js';
import { logLevelOf } from '../logger.js';
import { askDashboardLink } from './dashboardLink.js';
import type { DemoWorld } from './demo/world.js';

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

function summary(events: ScenarioEvent[]): string[] {
  const count = (kind: ScenarioEvent['kind']) => events.filter((e) => e.kind === kind).length;
  const joined = events.filter((e) => e.kind === 'joined');
  const missing = events.flatMap((e) => (e.kind === 'missing' ? [e.what] : []));
  return [
    `${joined.length} people joined (${joined.filter((e) => e.kind === 'joined' && e.role === 'mentor').length} mentors, ${joined.filter((e) => e.kind === 'joined' && e.role === 'mentee').length} mentees)`,
    `matching approved ${times(count('approved'))} (${count('swapped')} swap before the first approval, then a rematch after the departure)`,
    `"We met" ${times(count('met'))}, "Not this time" ${times(count('skipped'))}, cadence changed ${times(count('cadence'))}, pair objectives set ${times(count('objectives'))}`,
    `${count('feedback')} check-in feedback answers, ${count('survey')} survey answers, ${count('departed')} departure`,
    ...(missing.length > 0 ? [`not in this build yet (skipped): ${missing.join(', ')}`] : []),
  ];
}

/** --serve: the programme stays up (clock stopped at its end) with a dashboard link for its coordinator, until Ctrl-C. */
async function serveDashboard(world: DemoWorld): Promise<void> {
  const coordinator = world.coordinators[0]!;
  const link = await askDashboardLink(world.driver, world.emulator, coordinator);
  world.bot.outbox.start(1000); // what the coordinator does in the dashboard reaches Slack
  console.log('\n=== Coordinator dashboard ===\n');
  console.log(`  ${world.emulator.user(coordinator)?.real_name ?? coordinator} (/rm-admin dashboard): ${link ?? '(no link)'}`);
  console.log('  the link works once; then "Sign in with Slack" on the sign-in page (the emulator asks who you are)');
  console.log('  Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** `npm run demo`: a whole programme against the local Slack, printed as a transcript. */
export const runDemo: RunDemo = async (args) => {
  const parsed = parseDemoOptions(args);
  if (!parsed.ok) throw new CliError(parsed.problem);
  const o = parsed.options;
  const started = Date.now();
  const progress = (line: string) =>
    process.stderr.write(`  … ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}\n`);
  const result = await runScenario({
    people: o.people,
    seed: o.seed,
    progress,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
  });
  try {
    const elapsed = (Date.now() - started) / 1000;
    if (!o.quiet) {
      console.log(`\n=== Transcript: ${result.programmeName} (${o.people} people, seed ${o.seed}) ===\n`);
      console.log(result.transcript.brief().join('\n'));
    }
    console.log('\n=== Final report (/rm-report) ===\n');
    console.log(result.reportLines.length > 0 ? result.reportLines.join('\n') : '(no report in this build)');
    console.log('\n=== Summary ===\n');
    for (const line of summary(result.events)) console.log(`  ${line}`);
    console.log(`  played in ${elapsed.toFixed(1)} s on ${o.databaseUrl ? 'the given database' : 'a temporary SQLite file'}`);
    if (o.outDir) {
      const dir = resolve(o.outDir);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'transcript.txt'), `${result.transcript.full()}\n`);
      writeFileSync(join(dir, 'report.txt'), `${result.reportLines.join('\n')}\n`);
      writeFileSync(join(dir, 'scenario.json'), `${JSON.stringify(result.events, null, 2)}\n`);
      for (const f of result.files) writeFileSync(join(dir, basename(f.filename)), f.bytes);
      console.log(
        `  kept in ${dir}: transcript.txt, report.txt, scenario.json${result.files.map((f) => `, ${basename(f.filename)}`).join('')}`,
      );
    }
    const problems = [...result.world.emulator.problems, ...result.world.logLines.filter((l) => logLevelOf(l) === 'error')];
    if (problems.length > 0) {
      console.error(`\nThe run saw ${problems.length} problem(s):\n${problems.slice(0, 20).join('\n')}`);
      return 1;
    }
    if (o.serve) await serveDashboard(result.world);
    else console.log('  to click through this programme in the coordinator dashboard: npm run demo -- --serve');
    return 0;
  } finally {
    await result.world.stop();
  }
};
