// Programmes: a coordinator opens one (/rm-admin open, App Home, the programme modal) and closes it (/rm-admin close).
import { HOME_ACTIONS } from '../../../messages/home.js';
import { PROGRAMME_MODAL } from '../../../messages/programmes/programmeModal.js';
import { onValueButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';
import { handleCloseCommand, registerClosing } from './closing.js';
import { openProgrammeFromHome, openProgrammeModal } from './openProgramme.js';
import { submitProgramme } from './submission.js';

export function register(listeners: Listeners): void {
  const { routes, commands, deps } = listeners;
  commands.admin('open', async (command, _args, client) => ({
    afterAck: async () => void (await openProgrammeModal(deps, client, command.trigger_id)),
  }));
  commands.admin('close', (command, args) => handleCloseCommand(command, args, deps));
  onValueButtons(routes, deps, { [HOME_ACTIONS.openProgramme]: openProgrammeFromHome });
  routes.view(PROGRAMME_MODAL, async ({ ack, body }) => {
    await ack(await submitProgramme(body, deps));
  });
  registerClosing(routes, deps);
}
