// /rm-admin close [programme]: a confirmation with the consequences first, then the button closes it.
import { closeProgramme, closingPreview } from '../../../flows/programmes.js';
import type { ListenerDeps } from '../kit/deps.js';
import { blockActionSchema, type SlashCommand } from '../../payloads.js';
import { coordinatorOnlyReply, ephemeral } from '../../../messages/common/commandReplies.js';
import {
  alreadyClosedText,
  CLOSE_PROGRAMME_ACTION,
  closeConfirmReply,
  closedText,
  closeRefusalText,
} from '../../../messages/programmes/programmeClosed.js';
import { onButtons } from '../kit/buttons.js';
import type { CommandOutcome } from '../kit/commands.js';
import { pickProgramme } from '../kit/pickProgramme.js';
import type { ListenerRouter } from '../kit/router.js';

export async function handleCloseCommand(_command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const programme = await pickProgramme(deps, args, 'close');
  if ('reply' in programme) return { reply: programme.reply };
  const preview = await closingPreview(deps, programme.id);
  return { reply: preview.ok ? closeConfirmReply(preview.value) : ephemeral(alreadyClosedText) };
}

export function registerClosing(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, [CLOSE_PROGRAMME_ACTION], blockActionSchema, async (action, { respond }) => {
    const programmeId = action.actions[0]?.value;
    if (!programmeId) return;
    const answer = async (text: string) => void (await respond({ response_type: 'ephemeral', replace_original: true, text }));
    const outcome = await closeProgramme(deps, programmeId, action.user.id);
    if (outcome.ok) await answer(closedText(outcome.value));
    else
      await answer(
        outcome.reason === 'not_coordinator' ? coordinatorOnlyReply('/rm-admin close').text : closeRefusalText(outcome.reason),
      );
  });
}
