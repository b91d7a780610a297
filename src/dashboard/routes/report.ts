// Programme health and the CSV exports: the report's own figures and files.
import { programmeHeading } from '../../flows/dashboardProgrammes.js';
import { buildReport, reportCsvs } from '../../flows/report.js';
import { csvFileBytes } from '../../domain/report/index.js';
import type { Ctx, Route } from '../context.js';
import { sendFile, sendHtml } from '../http/respond.js';
import { EXPORT_FILES, exportsPage, type ExportFile } from '../pages/exports.js';
import { healthPage } from '../pages/health.js';
import { notFound } from './common.js';

const ID = '([^/]+)';

async function showHealth(ctx: Ctx): Promise<void> {
  const report = await buildReport(ctx.deps, ctx.params[0]!, ctx.now);
  if (!report.ok) return notFound(ctx);
  sendHtml(ctx.answer, 200, healthPage({ viewer: ctx.viewer, report: report.value }));
}

async function showExports(ctx: Ctx): Promise<void> {
  const programme = await programmeHeading(ctx.deps, ctx.params[0]!);
  if (!programme) return notFound(ctx);
  sendHtml(ctx.answer, 200, exportsPage({ viewer: ctx.viewer, programme }));
}

const fileName = (programmeName: string, now: Date, file: string) =>
  `${
    programmeName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'programme'
  }-${now.toISOString().slice(0, 10)}-${file}`;

async function download(ctx: Ctx): Promise<void> {
  const programme = await programmeHeading(ctx.deps, ctx.params[0]!);
  const file = EXPORT_FILES.find((f) => f.file === ctx.params[1])?.file as ExportFile | undefined;
  if (!programme || !file) return notFound(ctx);
  const csvs = await reportCsvs(ctx.deps, programme.id, ctx.now);
  sendFile(ctx.answer, 'text/csv; charset=utf-8', csvFileBytes(csvs[file]), {
    'content-disposition': `attachment; filename="${fileName(programme.name, ctx.now, file)}"`,
    'cache-control': 'no-store',
  });
}

export const reportRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/admin/programmes/${ID}/health$`), access: 'signed_in', handler: showHealth },
  { method: 'GET', pattern: new RegExp(`^/admin/programmes/${ID}/exports$`), access: 'signed_in', handler: showExports },
  {
    method: 'GET',
    pattern: new RegExp(`^/admin/programmes/${ID}/exports/([a-z_]+\\.csv)$`),
    access: 'signed_in',
    handler: download,
  },
];
