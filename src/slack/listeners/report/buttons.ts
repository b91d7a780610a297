import { z } from 'zod';
import { isCoordinator } from '../kit/guards.js';
import { buildProgrammeReport, buildReportCsvs, claimReportUpload, releaseReportUpload } from '../../../store/report/index.js';
import type { ListenerDeps } from '../kit/deps.js';
import { uploadToDm } from '../../uploads.js';
import { reportMessage, REPORT_ACTIONS } from '../../../messages/report.js';
import { onButtons } from '../kit/buttons.js';
import type { ListenerRouter } from '../kit/router.js';

const reportButtonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().regex(/^[A-Z0-9]+$/) }),
  container: z.object({ message_ts: z.string().optional() }).loose().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1).max(255), action_ts: z.string().optional() })).min(1),
});

const safeName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'programme';

/** The buttons of the report message: Export CSV, Chart, and Full report from the overview. */
export function registerReportButtons(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, Object.values(REPORT_ACTIONS), reportButtonSchema, async (action, { actionId, client, respond }) => {
    const userId = action.user.id;
    const programmeId = action.actions[0]!.value;
    const privately = async (text: string, blocks?: unknown[]) => void (await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) } as never));
    if (!(await isCoordinator(deps, userId))) {
      await privately('Sorry, programme reports are for coordinators only. Nothing was sent.');
      return;
    }
    const now = deps.clock.now();
    const report = await buildProgrammeReport(deps.db, programmeId, now);
    if (!report) {
      await privately('That programme no longer exists. Run `/rm-report` again.');
      return;
    }
    if (actionId === REPORT_ACTIONS.open) {
      const message = reportMessage(report);
      await privately(message.text, message.blocks);
      return;
    }
    // One upload per report message, person and button: a double click does not send the files twice.
    const key = `${actionId}:${programmeId}:${userId}:${action.container?.message_ts ?? action.actions[0]!.action_ts ?? now.getTime()}`;
    if (!(await claimReportUpload(deps.db, key, now))) {
      await privately('I already sent these files to our DM for this report. Run `/rm-report` again for fresh figures.');
      return;
    }
    const base = `${safeName(report.programme.name)}-${now.toISOString().slice(0, 10)}`;
    try {
      if (actionId === REPORT_ACTIONS.exportCsv) {
        const csvs = await buildReportCsvs(deps.db, programmeId, now);
        const files = Object.entries(csvs).map(([name, text]) => ({ filename: `${base}-${name}`, title: `${report.programme.name}: ${name}`, content: Buffer.from(text, 'utf8') }));
        await uploadToDm(client, userId, files, `CSV export of *${report.programme.name}* (no concerns; feedback figures and comments only for groups of 3 answers from 3 people).`);
        await privately(`I sent ${files.length} CSV files to our DM.`);
      } else {
        // Loaded on first use: the bot starts (and every other feature works) even where the canvas's native
        // package for this platform is missing.
        const { renderReportChart } = await import('../../../charts/reportChart.js');
        const png = await renderReportChart(report);
        await uploadToDm(client, userId, [{ filename: `${base}-chart.png`, title: `${report.programme.name}: check-ins met and rating per month`, content: png }], `Chart of *${report.programme.name}*: check-ins met and average rating per month.`);
        await privately('I sent the chart to our DM.');
      }
    } catch (err) {
      await releaseReportUpload(deps.db, key);
      deps.logger.error(`report ${actionId} upload failed:`, err instanceof Error ? err.message : 'unknown error');
      await privately('Sorry, I could not upload the files to your DM. Please press the button again in a moment.');
    }
  });
}
