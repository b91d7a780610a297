import type { App, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../../deps.js';
import { slashCommandSchema, type SlashCommand } from '../../payloads.js';
import { malformedCommandReply, unknownCommandReply, type EphemeralReply } from '../../views/commandReplies.js';
import { handleAdmin } from './admin.js';
import { handleJoin } from './join.js';
import { handleReport } from './report.js';

/** What a command answers at once (the ack), and work that must follow the ack (e.g. views.open). */
export interface CommandOutcome {
  reply?: EphemeralReply | { response_type: 'ephemeral'; text: string; blocks: unknown[] };
  afterAck?: () => Promise<void>;
}

export type CommandHandler = (command: SlashCommand, deps: ListenerDeps, client: WebClient) => Promise<CommandOutcome>;

const handlers: Record<string, CommandHandler> = {
  '/rm-join': handleJoin,
  '/rm-report': handleReport,
  '/rm-admin': handleAdmin,
};

/** One listener for every slash command: parse, route, answer unknown commands clearly. */
export function register(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack, client }) => {
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
    const outcome = await handler(parsed.data, deps, client);
    await ack(outcome.reply as RespondArguments | undefined);
    await outcome.afterAck?.();
  });
}
