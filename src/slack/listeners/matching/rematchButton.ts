// A coordinator's Rematch button (on the notice that someone left): the partner left without a pair is matched again.
import { rematchPerson } from '../../../flows/matching/rematch.js';
import { REMATCH_ACTION, rematchedText } from '../../../messages/participation/rematchOffer.js';
import { blockActionSchema } from '../../payloads.js';
import { onButtons } from '../kit/buttons.js';
import type { ListenerDeps } from '../kit/deps.js';
import type { ListenerRouter } from '../kit/router.js';

/** The flow checks who pressed, the programme and the person; the answer goes only to the coordinator who pressed. */
export function registerRematchButton(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, [REMATCH_ACTION], blockActionSchema, async (action, { respond }) => {
    const participantId = action.actions[0]?.value;
    if (!participantId) {
      deps.logger.warn(`ignored a ${REMATCH_ACTION} action without a value`);
      return;
    }
    const outcome = await rematchPerson(deps, participantId, action.user.id);
    const text = outcome.ok ? rematchedText(outcome.value) : outcome.message;
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}
