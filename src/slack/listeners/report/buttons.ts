import { z } from 'zod';
import { claimReportFiles, releaseReportFiles, reportForCoordinator, reportReaderZone } from '../../../flows/report.js';
import type { ListenerDeps } from '../kit/deps.js';
import { uploadToDm } from '../../uploads.js';
import { csvSentText, REPORT_ACTIONS, REPORT_TEXTS, reportMessage, uploadComment } from '../../../messages/report.js';
import { onButtons } from '../kit/buttons.js';
import type { ListenerRouter } from '../kit/router.js';

const reportButtonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().regex(/^[A-Z0-9]+$/) }),
  container: z.object({ message_ts: z.string().optional() }).loose().optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().min(1).max(255), action_ts: z.string().optional() }))
    .min(1),
});

/** The buttons of the report message: Export CSV, Chart, and Full report from the overview. */
export function registerReportButtons(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, Object.values(REPORT_ACTIONS), reportButtonSchema, async (action, { actionId, client, respond }) => {
    const userId = action.user.id;
    const programmeId = action.actions[0]!.value;
    const privately = async (text: string, blocks?: unknown[]) =>
      void (await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) } as never));
    const now = deps.clock.now();
    const report = await reportForCoordinator(deps, programmeId, userId, now);
    if (!report.ok) {
      await privately(report.message);
      return;
    }
    const readerZone = await reportReaderZone(deps, userId, report.value);
    if (actionId === REPORT_ACTIONS.open) {
      const message = reportMessage(report.value, readerZone);
      await privately(message.text, message.blocks);
      return;
    }
    const kind = actionId === REPORT_ACTIONS.exportCsv ? 'csv' : 'chart';
    // One upload per report message, person and button: a double click does not send the files twice.
    const key = `${actionId}:${programmeId}:${userId}:${action.container?.message_ts ?? action.actions[0]!.action_ts ?? now.getTime()}`;
    try {
      const files = await claimReportFiles(deps, report.value, kind, key, now, readerZone);
      if (!files.ok) {
        await privately(files.message);
        return;
      }
      await uploadToDm(client, userId, files.value, uploadComment(kind, report.value.programme.name));
      await privately(kind === 'csv' ? csvSentText(files.value.length) : REPORT_TEXTS.chartSent);
    } catch (err) {
      await releaseReportFiles(deps, key);
      deps.logger.error(`report ${actionId} upload failed:`, err instanceof Error ? err.message : 'unknown error');
      await privately(REPORT_TEXTS.uploadFailed);
    }
  });
}
