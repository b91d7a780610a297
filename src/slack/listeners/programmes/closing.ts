// /rm-admin close [programme]: a confirmation with the consequences first, then the button closes it.
import { closeProgramme, closingPreview } from '../../../flows/programmes.js';
import type { ListenerDeps } from '../kit/deps.js';
import { blockActionSchema, type SlashCommand } from '../../payloads.js';
import { ephemeral } from '../../../messages/common/commandReplies.js';
import {
  alreadyClosedText,
  CLOSE_PROGRAMME_ACTION,
  closeConfirmReply,
  closedText,
} from '../../../messages/programmes/programmeClosed.js';
import { onButtons } from '../kit/buttons.js';
import type { CommandOutcome } from '../kit/commands.js';
import { programmeMeant } from '../../../flows/programmes.js';
import type { ListenerRouter } from '../kit/router.js';
import { programmeNotSettledReply } from '../kit/programmeChoice.js';

export async function handleCloseCommand(command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const meant = await programmeMeant(deps, command.user_id, args, 'close');
  if (!meant.ok) return { reply: programmeNotSettledReply(meant, ['close']) };
  const programme = meant.value;
  const preview = await closingPreview(deps, programme.id);
  return { reply: preview.ok ? closeConfirmReply(preview.value) : ephemeral(alreadyClosedText) };
}

export function registerClosing(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, [CLOSE_PROGRAMME_ACTION], blockActionSchema, async (action, { respond }) => {
    const programmeId = action.actions[0]?.value;
    if (!programmeId) return;
    const answer = async (text: string) => void (await respond({ response_type: 'ephemeral', replace_original: true, text }));
    const outcome = await closeProgramme(deps, programmeId, action.user.id);
    await answer(outcome.ok ? closedText(outcome.value) : outcome.message);
  });
}
