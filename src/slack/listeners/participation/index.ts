// Participation: an employee pauses, resumes, leaves, exports or deletes their data (App Home buttons, the pause modal).
import { HOME_ACTIONS } from '../../../messages/home.js';
import { PAUSE_MODAL } from '../../../messages/participation/pauseModal.js';
import { refreshHome } from '../../appHome.js';
import { onValueButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';
import { eraseData, exportData, leaveProgramme, openPause, resumeParticipation } from './buttons.js';
import { submitPause } from './pauseSubmission.js';

export function register({ routes, deps }: Listeners): void {
  onValueButtons(routes, deps, {
    [HOME_ACTIONS.pause]: openPause,
    [HOME_ACTIONS.resume]: resumeParticipation,
    [HOME_ACTIONS.leave]: leaveProgramme,
    [HOME_ACTIONS.exportData]: exportData,
    [HOME_ACTIONS.erase]: eraseData,
  });
  routes.view(PAUSE_MODAL, async ({ ack, body, client }) => {
    const { ack: answer, saved } = await submitPause(body, deps);
    await ack(answer);
    if (saved) await deps.afterAck.run(() => refreshHome(deps, client, saved));
  });
}
