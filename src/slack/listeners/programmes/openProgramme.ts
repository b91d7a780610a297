import type { WebClient } from '@slack/web-api';
import { programmeModalDefaults } from '../../../flows/programmes.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { notCoordinatorProgrammeText, programmeModal } from '../../../messages/programmes/programmeModal.js';
import type { ActionHandler } from '../kit/buttons.js';
import type { ListenerDeps } from '../kit/deps.js';
import { isCoordinator } from '../kit/guards.js';

/** The "open a programme" modal, prefilled. */
export function openProgrammeModal(deps: ListenerDeps, client: WebClient, triggerId: string) {
  return client.views.open({ trigger_id: triggerId, view: programmeModal(programmeModalDefaults(deps)) });
}

/** App Home's "Open a programme" button. */
export const openProgrammeFromHome: ActionHandler = async (action, _value, deps, client) => {
  if (!(await isCoordinator(deps, action.user.id))) {
    await client.views.open({
      trigger_id: action.trigger_id,
      view: noticeModal('Coordinators only', notCoordinatorProgrammeText),
    });
    return;
  }
  await openProgrammeModal(deps, client, action.trigger_id);
};
