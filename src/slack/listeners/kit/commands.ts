import type { App, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ACKED_BY_RECEIVER, type AckAnswer } from '../../../requests/httpReceiver.js';
import type { SlackBody } from '../../../requests/body.js';
import { respondWith } from '../../respond.js';
import { INBOX_TICKET, type InboxTicket } from '../../../requests/inbox.js';
import { isTriggerError } from '../../inbox.js';
import { slashCommandSchema, type SlashCommand } from '../../payloads.js';
import {
  adminHelpReply,
  coordinatorOnlyReply,
  malformedCommandReply,
  slackBusyReply,
  unknownAdminSubcommandReply,
  unknownCommandReply,
  type EphemeralReply,
} from '../../../messages/common/commandReplies.js';
import type { ListenerDeps } from './deps.js';
import { isCoordinator } from './guards.js';
import { SharedRead } from './sharedRead.js';
import { coordinatorIds } from '../../../flows/coordinators.js';
import { rememberSlackUser } from '../../directory.js';

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

/**
 * While the loop is saturated, how long a command's ack may wait, once its record is written, for the read its answer
 * needs (who coordinates; it started beside the record): past it the ack goes empty and the answer follows on the
 * response_url as urgent work.
 */
export const BUSY_ACK_BUDGET_MS = 50;

/**
 * A trigger id lives 3 s from the click. Work bound to it that has not started within this long after the request
 * arrived would open nothing: the person is told to run the command again instead.
 */
export const TRIGGER_BUDGET_MS = 2500;

/** What to type again: the command, and for /rm-admin its verb (one the dispatcher knows). */
function typed(command: SlashCommand): string {
  const verb = adminVerbOf(command);
  return command.command === ADMIN && /^[a-z]+$/.test(verb) ? `${ADMIN} ${verb}` : command.command;
}

const words = (command: SlashCommand) => command.text.trim().split(/\s+/).filter(Boolean);

/** The first word after the command, lower case ('' for none): `/rm-admin`'s verb. */
const adminVerbOf = (command: SlashCommand) => words(command)[0]?.toLowerCase() ?? '';

export type CommandHandler = (command: SlashCommand, client: WebClient) => Promise<CommandOutcome>;

export interface CommandOptions {
  /** For coordinators only: while the loop is saturated, someone who is not one is refused in the ack itself. */
  coordinatorsOnly?: boolean;
}
/** A `/rm-admin <verb> args...` handler: only coordinators reach it. */
export type AdminHandler = (command: SlashCommand, args: string[], client: WebClient) => Promise<CommandOutcome>;

const ADMIN = '/rm-admin';

/**
 * One Bolt listener for every slash command: parse, route to the handler a feature registered, answer
 * unknown commands clearly. `/rm-admin <verb>` is checked for coordinator rights here, once.
 * It knows no feature: each feature's `register` adds its commands.
 */
export class CommandDispatcher {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly adminVerbs = new Map<string, AdminHandler>();
  private readonly options = new Map<string, CommandOptions>();
  /** In a burst, one read of who coordinates serves every command that arrived before it started. */
  private readonly coordinators: SharedRead<ReadonlySet<string>>;

  constructor(
    private readonly app: App,
    private readonly deps: ListenerDeps,
  ) {
    this.handlers.set(ADMIN, (command, client) => this.dispatchAdmin(command, client));
    app.command(/.*/, (args) => this.dispatch(args));
    this.coordinators = new SharedRead(() => coordinatorIds(deps));
  }

  command(name: string, handler: CommandHandler, options: CommandOptions = {}): void {
    if (this.handlers.has(name)) throw new Error(`two handlers for the command ${name}`);
    this.handlers.set(name, handler);
    this.options.set(name, options);
  }

  admin(verb: string, handler: AdminHandler): void {
    if (this.adminVerbs.has(verb)) throw new Error(`two handlers for ${ADMIN} ${verb}`);
    this.adminVerbs.set(verb, handler);
  }

  /** Runs an `/rm-admin` command as if typed (a "which programme?" button runs the command again with its choice). */
  runAdmin(command: SlashCommand, client: WebClient): Promise<CommandOutcome> {
    return this.dispatchAdmin(command, client);
  }

  /**
   * The receiver's `answerInAck`: while the loop is saturated a command is answered before Bolt runs it. What can be
   * answered from who the person is (`/rm-admin help`, a verb nobody registered, a refusal to someone who is not a
   * coordinator, an unknown command) is answered in the ack's body, computed beside its record: the coordinator
   * check is one read shared by every command of the burst (`SharedRead`), and the ack waits for it at most
   * `BUSY_ACK_BUDGET_MS`. Undefined for the others (their handler reads more, or works): acked empty, Bolt runs
   * them in their turn and they answer on the response_url.
   */
  answerInAck(body: SlackBody, recorded: Promise<unknown> = Promise.resolve()): Promise<AckAnswer | undefined> | undefined {
    const parsed = slashCommandSchema.safeParse(body);
    if (!parsed.success) return undefined; // its listener logs it and answers
    const command = parsed.data;
    if (command.command === ADMIN) return this.withinBudget(command, this.adminInAck(command), recorded);
    const handler = this.handlers.get(command.command);
    if (!handler) return Promise.resolve({ body: unknownCommandReply(command.command) });
    if (!this.options.get(command.command)?.coordinatorsOnly) return undefined;
    const refusal = { body: coordinatorOnlyReply(command.command) };
    return this.withinBudget(
      command,
      this.isCoordinatorNow(command.user_id).then((may) => (may ? undefined : refusal)),
      recorded,
    );
  }

  /**
   * The answer when it is ready within `BUSY_ACK_BUDGET_MS` of the record (the ack cannot go before it anyway); else
   * an empty ack, and what the answer would have been follows: its body on the response_url as soon as it is known,
   * or, when it had none, the command's handler as urgent work.
   */
  private async withinBudget(
    command: SlashCommand,
    answering: Promise<AckAnswer | undefined>,
    recorded: Promise<unknown>,
  ): Promise<AckAnswer | undefined> {
    const receivedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const late = new Promise<'late'>((resolve) => {
      void recorded
        .catch(() => undefined)
        .then(() => {
          if (!settled) timer = setTimeout(resolve, BUSY_ACK_BUDGET_MS, 'late');
        });
    });
    const answer = await Promise.race([answering, late]).finally(() => {
      settled = true;
      clearTimeout(timer);
    });
    if (answer !== 'late') return answer;
    const handler = this.handlers.get(command.command)!;
    const respond = (reply: unknown) => respondWith(command.response_url, reply as object, this.deps.config.slackTimeoutMs);
    return {
      follow: async () => {
        const later = await answering;
        if (!later) return this.runUrgent(command, receivedAt, handler, this.app.client, respond);
        // One POST, as soon as the answer is known: it does not queue behind the urgent lane's handlers.
        if (later.body) await respond(later.body);
        await later.follow?.();
      },
    };
  }

  /** `/rm-admin` from someone who may not, `/rm-admin help` and a verb nobody registered; undefined for the others. */
  private async adminInAck(command: SlashCommand): Promise<AckAnswer | undefined> {
    const verb = adminVerbOf(command);
    if (!(await this.isCoordinatorNow(command.user_id))) return { body: coordinatorOnlyReply(command.command) };
    const remember = () => this.rememberCoordinator(command);
    if (verb === '' || verb === 'help') return { body: adminHelpReply(), follow: remember };
    if (!this.adminVerbs.has(verb)) return { body: unknownAdminSubcommandReply(verb), follow: remember };
    return undefined; // a coordinator's verb: its handler runs in its turn
  }

  /** `isCoordinator`, from the shared read (RM_COORDINATORS without any). */
  private async isCoordinatorNow(slackUserId: string): Promise<boolean> {
    if (this.deps.config.coordinators.includes(slackUserId)) return true;
    return (await this.coordinators.get()).has(slackUserId);
  }

  /**
   * A command acked empty, as Bolt's dispatch runs it while the loop is saturated: its handler, its reply on the
   * response_url and its modal in one urgent turn; work that needs no trigger after it, in its turn.
   */
  private async runUrgent(
    command: SlashCommand,
    receivedAt: number,
    handler: CommandHandler,
    client: WebClient,
    respond: (reply: RespondArguments) => Promise<unknown>,
  ): Promise<void> {
    const { afterAck } = this.deps;
    const outcome = await afterAck.run(async () => {
      const outcome = await handler(command, client);
      if (outcome.reply) await respond(outcome.reply as RespondArguments);
      if (outcome.afterAck && !outcome.afterAckInBackground)
        await this.withTrigger(command, receivedAt, respond, outcome.afterAck);
      return outcome;
    }, 'urgent');
    if (outcome.afterAck && outcome.afterAckInBackground) await afterAck.run(outcome.afterAck, 'normal');
  }

  /**
   * Work bound to the trigger (a modal): at once, or, if Slack's rate limit (its Retry-After, `SlackPace`) or the 3 s
   * stop it, a private note saying to run the command again. Never a failure the inbox would try again: the
   * trigger cannot be used again.
   */
  private async withTrigger(
    command: SlashCommand,
    receivedAt: number,
    respond: (reply: RespondArguments) => Promise<unknown>,
    work: () => Promise<void>,
  ): Promise<void> {
    const { deps } = this;
    const tooLate = Date.now() - receivedAt > TRIGGER_BUDGET_MS;
    if (!tooLate && deps.pace.waitFor('views.open') === 0) {
      try {
        await work();
        return;
      } catch (err) {
        if (!deps.pace.noteIfLimited('views.open', err) && !isTriggerError(err)) throw err;
      }
    }
    deps.logger.info(`${command.command}: Slack's rate limit or the trigger's 3 s stopped its modal; the person is told`);
    await respond(slackBusyReply(typed(command)) as RespondArguments);
  }

  /**
   * A coordinator has no profile here: the directory learns their zone (once; user_change keeps it current), so
   * alerts reach them in their working hours. After the command's own work, so its answer never waits for it.
   */
  private rememberCoordinator(command: SlashCommand): Promise<void> {
    const { db, clock, afterAck } = this.deps;
    afterAck.run(() => rememberSlackUser(this.app.client, db, command.user_id, clock.now())).catch(() => undefined);
    return Promise.resolve();
  }

  private async dispatchAdmin(command: SlashCommand, client: WebClient): Promise<CommandOutcome> {
    if (!(await isCoordinator(this.deps, command.user_id))) return { reply: coordinatorOnlyReply(command.command) };
    const [, ...args] = words(command);
    const verb = adminVerbOf(command);
    const handler = this.adminVerbs.get(verb);
    const outcome =
      verb === '' || verb === 'help'
        ? { reply: adminHelpReply() }
        : handler
          ? await handler(command, args, client)
          : { reply: unknownAdminSubcommandReply(verb) };
    await this.rememberCoordinator(command);
    return outcome;
  }

  private async dispatch({
    command,
    ack,
    client,
    respond,
    context,
  }: Parameters<Parameters<App['command']>[1]>[0]): Promise<void> {
    const { deps } = this;
    // While the loop is saturated the receiver has already answered: a reply goes to the response_url.
    const ackedEarly = context[ACKED_BY_RECEIVER] === true;
    const replyNow = async (reply: RespondArguments) => (ackedEarly ? respond(reply) : ack(reply));
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      deps.logger.warn('unreadable slash command payload:', parsed.error.issues.map((i) => i.path.join('.')).join(', '));
      await replyNow(malformedCommandReply() as RespondArguments);
      return;
    }
    const handler = this.handlers.get(parsed.data.command);
    if (!handler) {
      await replyNow(unknownCommandReply(parsed.data.command) as RespondArguments);
      return;
    }
    // When the request arrived (the inbox recorded it; else now): the trigger id lives 3 s from then.
    const receivedAt = (context[INBOX_TICKET] as InboxTicket | undefined)?.receivedAt.getTime() ?? Date.now();
    const withTrigger = (work: () => Promise<void>) => this.withTrigger(parsed.data, receivedAt, respond, work);
    // What follows the ack (a modal to open within the trigger's 3 s) goes ahead of other listeners' work.
    const follow = (outcome: CommandOutcome) =>
      outcome.afterAck
        ? outcome.afterAckInBackground
          ? deps.afterAck.run(outcome.afterAck, 'normal')
          : deps.afterAck.run(() => withTrigger(outcome.afterAck!), 'urgent')
        : undefined;
    const answerLater = async (outcome: CommandOutcome) => {
      if (outcome.reply) await respond(outcome.reply as RespondArguments);
      await follow(outcome);
    };
    if (ackedEarly || deps.pressure.busy) {
      // A burst saturates the event loop: every request waits for it, and this command's database read would
      // wait behind the work of all those acknowledged before it. Acknowledge now (the HTTP receiver already
      // did); answer on the response_url (the person sees it the same way) in the same turn of the urgent
      // work: the answer, then the modal, without queueing again behind everyone else's.
      await ack();
      await this.runUrgent(parsed.data, receivedAt, handler, client, respond);
      return;
    }
    const working = handler(parsed.data, client);
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
  }
}
