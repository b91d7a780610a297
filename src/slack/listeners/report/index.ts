// Report: /rm-report and the report message's buttons (Export CSV, Chart, Full report).
import type { Listeners } from '../kit/registry.js';
import { registerReportButtons } from './buttons.js';
import { handleReport } from './command.js';

export function register({ routes, commands, deps }: Listeners): void {
  commands.command('/rm-report', (command) => handleReport(command, deps), { coordinatorsOnly: true });
  registerReportButtons(routes, deps);
}
