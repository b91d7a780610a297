import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvFileBytes, MIN_AGGREGATE_RESPONSES, reportSections, type ProgrammeReport } from '../domain/report/index.js';
import { openDatabase } from '../store/database.js';
import { buildReport, findReportProgramme, reportCsvs, reportableProgrammes } from '../flows/report.js';
import { databaseUrlFromEnv } from './databaseUrl.js';
import { CliError } from './errors.js';

/** The report as plain text: the same sections as in Slack, without Slack's markup. */
export function reportText(report: ProgrammeReport): string {
  const lines = [
    `Programme health: ${report.programme.name} (${report.programme.id}, ${report.programme.status})`,
    `As of ${report.generatedAt.toISOString()}; aggregates need ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people.`,
  ];
  for (const s of reportSections(report)) {
    lines.push('', s.title, ...s.lines.map((l) => `  ${l.replace(/\*/g, '')}`));
  }
  return lines.join('\n');
}

/** `report [--programme <id or name>] [--csv <dir>]`: prints the report; writes the CSV files into <dir>. */
export async function runReport(options: { programme?: string; csv?: string; now?: Date }): Promise<number> {
  const db = await openDatabase(databaseUrlFromEnv(process.env));
  const deps = { db: db.client };
  try {
    let programmeId: string;
    if (options.programme) {
      const named = await findReportProgramme(deps, options.programme);
      if (!named.ok)
        throw new CliError(
          `no programme "${options.programme}"${named.reason === 'unknown_programme' ? `; programmes: ${named.known.join(', ')}` : ' (there are none yet)'}`,
        );
      programmeId = named.value.id;
    } else {
      const candidates = await reportableProgrammes(deps);
      if (candidates.length !== 1) {
        const list = candidates.map((p) => `  ${p.id}  ${p.name} (${p.status})`).join('\n');
        throw new CliError(
          candidates.length === 0 ? 'there are no programmes yet' : `several programmes: name one with --programme <id>\n${list}`,
        );
      }
      programmeId = candidates[0]!.id;
    }
    const now = options.now ?? new Date();
    const report = await buildReport(deps, programmeId, now);
    if (!report.ok) throw new CliError(`no programme "${programmeId}"`);
    console.log(reportText(report.value));
    if (options.csv) {
      const dir = resolve(options.csv);
      mkdirSync(dir, { recursive: true });
      const files = await reportCsvs(deps, programmeId, now);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), csvFileBytes(text));
      console.log(`\nWrote ${Object.keys(files).join(', ')} to ${dir}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
