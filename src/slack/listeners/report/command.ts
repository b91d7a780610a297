import type { ProgrammeReport } from '../../../domain/report/index.js';
import { buildReport, programmesToReport, reportReaderZone } from '../../../flows/report.js';
import { respondLater } from '../../respond.js';
import { coordinatorOnlyReply, ephemeral } from '../../../messages/common/commandReplies.js';
import { REPORT_TEXTS, reportMessage, reportOverview } from '../../../messages/report.js';
import type { SlashCommand } from '../../payloads.js';
import type { CommandOutcome } from '../kit/commands.js';
import type { ListenerDeps } from '../kit/deps.js';
import { isCoordinator } from '../kit/guards.js';
import { SharedComputations } from './sharedReports.js';

type Report = ProgrammeReport | null;
/** One per database: a report in progress serves every identical request that arrived before it started. */
const sharedReports = new WeakMap<object, SharedComputations<Report>>();
function reportsOf(db: object): SharedComputations<Report> {
  let shared = sharedReports.get(db);
  if (!shared) sharedReports.set(db, (shared = new SharedComputations<Report>()));
  return shared;
}

/** At most this many programmes are summarised when none is named (each costs a report). */
const OVERVIEW_LIMIT = 10;

/**
 * /rm-report [programme]: acks at once (a large programme's figures may take longer than Slack's 3 s
 * allow), then answers through the response_url with the report, or with each running programme in short.
 */
export async function handleReport(command: SlashCommand, deps: ListenerDeps): Promise<CommandOutcome> {
  const reports = reportsOf(deps.db);
  const ticket = reports.ticket();
  if (!(await isCoordinator(deps, command.user_id))) return { reply: coordinatorOnlyReply(command.command) };
  const wanted = command.text.trim();
  const chosen = await programmesToReport(deps, command.user_id, wanted);
  if (!chosen.ok)
    return {
      reply: ephemeral(chosen.message),
    };
  const ids = chosen.value;
  const timeoutMs = deps.config.slackTimeoutMs;
  return {
    afterAckInBackground: true,
    afterAck: async () => {
      const build = (id: string) =>
        reports.run(id, ticket, async () => {
          const built = await buildReport(deps, id, deps.clock.now());
          return built.ok ? built.value : null;
        });
      try {
        if (ids.length === 1) {
          const report = await build(ids[0]!);
          if (!report) return await respondLater(command.response_url, REPORT_TEXTS.missing, undefined, timeoutMs);
          const message = reportMessage(report, await reportReaderZone(deps, command.user_id, report));
          return await respondLater(command.response_url, message.text, message.blocks, timeoutMs);
        }
        const built = [];
        for (const id of ids.slice(0, OVERVIEW_LIMIT)) {
          const r = await build(id);
          if (r) built.push(r);
        }
        const overview = reportOverview(built, Math.max(0, ids.length - OVERVIEW_LIMIT));
        await respondLater(command.response_url, overview.text, overview.blocks, timeoutMs);
      } catch (err) {
        deps.logger.error('report failed:', err instanceof Error ? err.message : 'unknown error');
        await respondLater(command.response_url, REPORT_TEXTS.failed, undefined, timeoutMs);
      }
    },
  };
}
