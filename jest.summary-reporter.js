// The plain closing line CI reads: "N passed, N failed[, N skipped]". Printed after each run and, when
// JEST_SUMMARY_FILE is set, written there too so that .ci/run can print it last.
import { appendFileSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`${line}\n`);
    if (process.env.JEST_SUMMARY_FILE) appendFileSync(process.env.JEST_SUMMARY_FILE, `${line}\n`);
  }
}
