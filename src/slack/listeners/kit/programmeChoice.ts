// "Which programme?": a coordinator command that could mean several programmes answers with a button per
// programme; the click runs the same `/rm-admin` command again for the programme chosen, as its clicker.
import { z } from 'zod';
import type { ProgrammeMeant } from '../../../flows/programmes.js';
import { ephemeral, type EphemeralReply } from '../../../messages/common/commandReplies.js';
import { PROGRAMME_CHOICE_ACTION, programmeChoiceReply } from '../../../messages/programmes/programmeChoice.js';
import { mentionsIn, type SlashCommand } from '../../payloads.js';
import { onButtons } from './buttons.js';
import type { CommandDispatcher } from './commands.js';
import type { ListenerDeps } from './deps.js';
import type { ListenerRouter } from './router.js';

/** What to answer when a command's programme is not settled: the choice, or why not. */
export function programmeNotSettledReply(
  meant: Exclude<ProgrammeMeant, { ok: true }>,
  words: string[],
  offerAll = false,
): EphemeralReply {
  return meant.reason === 'ambiguous' && 'choices' in meant
    ? programmeChoiceReply(words, meant.choices, offerAll)
    : ephemeral(meant.message);
}

const slackId = z.string().regex(/^[A-Z0-9]+$/);
const choiceClickSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  team: z.object({ id: slackId }).loose(),
  channel: z.object({ id: z.string().min(1) }).loose(),
  trigger_id: z.string().min(1),
  response_url: z.url(),
  actions: z.array(z.object({ action_id: z.literal(PROGRAMME_CHOICE_ACTION), value: z.string().max(2000) })).length(1),
});
const choiceValueSchema = z.object({
  words: z
    .array(z.string().regex(/^\S{1,200}$/))
    .min(1)
    .max(10),
  programme: z.string().regex(/^\S{1,200}$/),
});

/** Registers the choice buttons: each click is checked like the command itself (rights, programme) when it runs again. */
export function registerProgrammeChoice(routes: ListenerRouter, commands: CommandDispatcher, deps: ListenerDeps): void {
  onButtons(
    routes,
    deps,
    [PROGRAMME_CHOICE_ACTION],
    choiceClickSchema,
    async (click, { client, respond }) => {
      let value: unknown;
      try {
        value = JSON.parse(click.actions[0]!.value);
      } catch {
        value = undefined;
      }
      const chosen = choiceValueSchema.safeParse(value);
      if (!chosen.success) {
        deps.logger.warn(`ignored an unreadable ${PROGRAMME_CHOICE_ACTION} value`);
        return;
      }
      // The words are the command's own, kept by the bot in the button: its mentions were Slack's.
      const text = [...chosen.data.words, chosen.data.programme].join(' ');
      const command: SlashCommand = {
        command: '/rm-admin',
        text,
        mentionedUserIds: mentionsIn(text),
        user_id: click.user.id,
        team_id: click.team.id,
        channel_id: click.channel.id,
        trigger_id: click.trigger_id,
        response_url: click.response_url,
      };
      const outcome = await commands.runAdmin(command, client);
      if (outcome.reply) await respond({ ...outcome.reply, replace_original: true } as never);
      if (outcome.afterAck) await outcome.afterAck();
    },
    // The command may open a modal (match), with this click's trigger id: it dies 3 s after the click.
    'urgent',
  );
}
