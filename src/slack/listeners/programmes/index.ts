// Programmes: a coordinator opens one (/rm-admin open, App Home, the programme modal), edits it (/rm-admin edit) and
// closes it (/rm-admin close).
import { HOME_ACTIONS } from '../../../messages/home.js';
import { PROGRAMME_EDIT_MODAL } from '../../../messages/programmes/programmeEditModal.js';
import { PROGRAMME_MODAL } from '../../../messages/programmes/programmeModal.js';
import { homeAudience, outsidersWithHome } from '../../../flows/programmeEdit.js';
import { refreshHome, refreshHomes } from '../../appHome.js';
import { onValueButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';
import { handleCloseCommand, registerClosing } from './closing.js';
import { editProgrammeFromHome, handleEditCommand, submitProgrammeEdit } from './editProgramme.js';
import { openProgrammeFromHome, openProgrammeModal } from './openProgramme.js';
import { submitProgramme } from './submission.js';

export function register(listeners: Listeners): void {
  const { routes, commands, deps } = listeners;
  commands.admin('open', async (command, _args, client) => ({
    afterAck: async () => void (await openProgrammeModal(deps, client, command.trigger_id)),
  }));
  commands.admin('close', (command, args) => handleCloseCommand(command, args, deps));
  commands.admin('edit', (command, args, client) => handleEditCommand(command, args, client, deps));
  onValueButtons(routes, deps, {
    [HOME_ACTIONS.openProgramme]: openProgrammeFromHome,
    [HOME_ACTIONS.editProgramme]: editProgrammeFromHome,
  });
  routes.view(PROGRAMME_MODAL, async ({ ack, body }) => {
    await ack(await submitProgramme(body, deps));
  });
  routes.view(PROGRAMME_EDIT_MODAL, async ({ ack, body, client }) => {
    const { ack: answer, saved } = await submitProgrammeEdit(body, deps);
    await ack(answer);
    // The editor's Home first, then everyone else's whose Home shows the programme, after the ack. When signup
    // opened or closed, everyone else's Home too (its count of programmes open for signup): through the home queue,
    // in the background lane, a few at a time, waiting whenever Slack rate-limits.
    if (!saved) return;
    const { editor, programmeId, outsidersSeeIt } = saved;
    await deps.afterAck.run(async () => {
      if (!programmeId) return refreshHome(deps, client, editor);
      const audience = await homeAudience(deps, programmeId, editor);
      await refreshHomes(deps, client, audience);
      if (outsidersSeeIt) for (const u of await outsidersWithHome(deps, audience)) deps.home.later(client, u);
    });
  });
  registerClosing(routes, deps);
}
