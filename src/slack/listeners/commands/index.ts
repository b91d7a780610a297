import type { App, RespondArguments } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { slashCommandSchema, type SlashCommand } from '../../payloads.js';
import { malformedCommandReply, unknownCommandReply, type EphemeralReply } from '../../views/commandReplies.js';
import { handleAdmin } from './admin.js';
import { handleJoin } from './join.js';
import { handleReport } from './report.js';

export type CommandHandler = (command: SlashCommand, deps: ListenerDeps) => Promise<EphemeralReply | undefined>;

const handlers: Record<string, CommandHandler> = {
  '/rm-join': handleJoin,
  '/rm-report': handleReport,
  '/rm-admin': handleAdmin,
};

/** One listener for every slash command: parse, route, answer unknown commands clearly. */
export function register(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack }) => {
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      deps.logger.warn('unreadable slash command payload:', parsed.error.issues.map((i) => i.path.join('.')).join(', '));
      await ack(malformedCommandReply() as RespondArguments);
      return;
    }
    const handler = handlers[parsed.data.command];
    if (!handler) {
      await ack(unknownCommandReply(parsed.data.command) as RespondArguments);
      return;
    }
    const reply = await handler(parsed.data, deps);
    await ack(reply as RespondArguments | undefined);
  });
}
