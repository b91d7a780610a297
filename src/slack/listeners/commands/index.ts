import type { App, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { afterAck } from '../../afterAck.js';
import { loopPressure } from '../../../http/loopPressure.js';
import { ACKED_BY_RECEIVER } from '../../receiver/httpReceiver.js';
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
  /** The work after the ack needs no trigger id (nothing to open within 3 s): it waits its turn like any other. */
  afterAckInBackground?: boolean;
}

/**
 * How long a command's ack may wait for its answer (while the event loop is calm). Slack gives up after 3 s; when the database is busy
 * (a burst of clicks queues work ahead of this command's query) the ack goes out empty at this point and
 * the answer follows through the response_url, which the user sees the same way (an ephemeral message).
 */
export const ACK_BUDGET_MS = 100;

export type CommandHandler = (command: SlashCommand, deps: ListenerDeps, client: WebClient) => Promise<CommandOutcome>;

const handlers: Record<string, CommandHandler> = {
  '/rm-join': handleJoin,
  '/rm-report': handleReport,
  '/rm-admin': handleAdmin,
};

/** One listener for every slash command: parse, route, answer unknown commands clearly. */
export function register(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ command, ack, client, respond, context }) => {
    // While the loop is saturated the receiver has already answered: a reply goes to the response_url.
    const ackedEarly = context[ACKED_BY_RECEIVER] === true;
    const replyNow = async (reply: RespondArguments) => (ackedEarly ? respond(reply) : ack(reply));
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      deps.logger.warn('unreadable slash command payload:', parsed.error.issues.map((i) => i.path.join('.')).join(', '));
      await replyNow(malformedCommandReply() as RespondArguments);
      return;
    }
    const handler = handlers[parsed.data.command];
    if (!handler) {
      await replyNow(unknownCommandReply(parsed.data.command) as RespondArguments);
      return;
    }
    // What follows the ack (a modal to open within the trigger's 3 s) goes ahead of other listeners' work.
    const follow = (outcome: CommandOutcome) => (outcome.afterAck ? afterAck.run(outcome.afterAck, outcome.afterAckInBackground ? 'normal' : 'urgent') : undefined);
    const answerLater = async (outcome: CommandOutcome) => {
      if (outcome.reply) await respond(outcome.reply as RespondArguments);
      await follow(outcome);
    };
    if (ackedEarly || (deps.pressure ?? loopPressure).busy) {
      // A burst saturates the event loop: every request waits for it, and this command's database read would
      // wait behind the work of all those acknowledged before it. Acknowledge now (the HTTP receiver already
      // did); answer on the response_url (the person sees it the same way) when the work after acks gets its turn.
      await ack();
      await answerLater(await afterAck.run(() => handler(parsed.data, deps, client), 'urgent'));
      return;
    }
    const working = handler(parsed.data, deps, client);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, ACK_BUDGET_MS, undefined);
    });
    const inTime = await Promise.race([working, late]).finally(() => clearTimeout(timer));
    if (inTime) {
      await ack(inTime.reply as RespondArguments | undefined);
      await follow(inTime);
      return;
    }
    await ack();
    await answerLater(await working);
  });
}
