import { buildReportModel, type ProgrammeReport } from '../../domain/report/index.js';
import type { Db } from '../database.js';
import { loadReportAggregates } from './aggregates.js';
import { monthsOf } from './months.js';

/** The report of one programme as a plain object (null when there is no such programme). */
export async function buildProgrammeReport(db: Db, programmeId: string, now: Date): Promise<ProgrammeReport | null> {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { startDate: true, endDate: true, timezone: true } });
  if (!programme) return null;
  const months = monthsOf(programme, now);
  const aggregates = await loadReportAggregates(db, programmeId, months, now);
  return aggregates ? buildReportModel(aggregates, months, now) : null;
}

/** A programme named by its id or its name (case does not matter). */
export async function findProgrammeNamed(db: Db, wanted: string): Promise<{ found?: { id: string; name: string }; names: string[] }> {
  const all = await db.programme.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const lower = wanted.trim().toLowerCase();
  const found = all.find((p) => p.id.toLowerCase() === lower) ?? all.find((p) => p.name.toLowerCase() === lower);
  return { ...(found ? { found } : {}), names: all.map((p) => p.name) };
}

/** Programmes a report can be about: those not closed first; all of them when every one is closed. */
export async function reportableProgrammes(db: Db): Promise<Array<{ id: string; name: string; status: string }>> {
  const all = await db.programme.findMany({ select: { id: true, name: true, status: true }, orderBy: [{ startDate: 'desc' }, { name: 'asc' }] });
  const live = all.filter((p) => p.status !== 'closed');
  return live.length > 0 ? live : all;
}

export { loadReportAggregates, monthsOf };
export { buildReportCsvs, type ReportCsvFiles } from './exports.js';
export { claimReportUpload, releaseReportUpload } from './uploads.js';
