// /rm-admin close [programme]: a confirmation with the consequences first, then the button closes it.
import { isCoordinator } from '../../../store/coordinators.js';
import { closeProgramme, closingPreview } from '../../../store/programmeClosing.js';
import type { ListenerDeps } from '../kit/deps.js';
import { blockActionSchema, type SlashCommand } from '../../payloads.js';
import { coordinatorOnlyReply, ephemeral } from '../../../messages/common/commandReplies.js';
import { alreadyClosedText, CLOSE_PROGRAMME_ACTION, closeConfirmReply, closedText, closingMessages } from '../../../messages/programmes/programmeClosed.js';
import { onButtons } from '../kit/buttons.js';
import type { CommandOutcome } from '../kit/commands.js';
import { pickProgramme } from '../kit/pickProgramme.js';
import type { ListenerRouter } from '../kit/router.js';

export async function handleCloseCommand(_command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const programme = await pickProgramme(deps, args, 'close');
  if ('reply' in programme) return { reply: programme.reply };
  const preview = await closingPreview(deps.db, programme.id);
  return { reply: preview ? closeConfirmReply(preview) : ephemeral(alreadyClosedText) };
}

export function registerClosing(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, [CLOSE_PROGRAMME_ACTION], blockActionSchema, async (action, { respond }) => {
    const programmeId = action.actions[0]?.value;
    if (!programmeId) return;
    const user = action.user.id;
    const answer = async (text: string) => void (await respond({ response_type: 'ephemeral', replace_original: true, text }));
    if (!(await isCoordinator(deps.db, deps.config.coordinators, user))) {
      await answer(coordinatorOnlyReply('/rm-admin close').text);
      return;
    }
    const outcome = await closeProgramme(deps.db, programmeId, deps.clock.now(), closingMessages(user));
    if (outcome.closed) await answer(closedText(outcome.summary));
    else await answer(outcome.reason === 'missing' ? 'That programme no longer exists. Nothing was changed.' : alreadyClosedText);
  });
}
