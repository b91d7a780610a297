// The plain closing line CI reads: "N passed, N failed[, N skipped]". Printed after each run and, when
// JEST_SUMMARY_FILE is set, written there too so that .ci/run can print it last. Before it, the slowest tests
// with their times: a test that creeps towards its timeout on a slower machine shows here before it fails.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

const SLOWEST_SHOWN = 10;

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const tests = results.testResults.flatMap((file) =>
      file.testResults.map((t) => ({ ms: t.duration ?? 0, name: `${relative(process.cwd(), file.testFilePath)}: ${t.title}` })),
    );
    const slowest = tests.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_SHOWN);
    if (slowest.length > 0) {
      process.stderr.write(`slowest tests:\n${slowest.map((t) => `  ${(t.ms / 1000).toFixed(1)} s  ${t.name}`).join('\n')}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`${line}\n`);
    if (process.env.JEST_SUMMARY_FILE) appendFileSync(process.env.JEST_SUMMARY_FILE, `${line}\n`);
  }
}
