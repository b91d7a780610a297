import { deleteMyData, exportMyData, leave, pauseForm, resume } from '../../../flows/participation.js';
import { dataDeletedModal } from '../../../messages/participation/notices.js';
import { pauseModal } from '../../../messages/participation/pauseModal.js';
import { refreshHome } from '../../appHome.js';
import type { ActionHandler } from '../kit/buttons.js';

// A click on someone else's participation (or an erased one) does nothing.

export const openPause: ActionHandler = async (action, participantId, deps, client) => {
  const form = await pauseForm(deps, participantId, action.user.id);
  if (!form.ok) return;
  await client.views.open({
    trigger_id: action.trigger_id,
    view: pauseModal(form.value.participantId, form.value.programmeName, form.value.suggestedEnd),
  });
};

export const resumeParticipation: ActionHandler = async (action, participantId, deps, client) => {
  if (!(await resume(deps, participantId, action.user.id)).ok) return;
  await refreshHome(deps, client, action.user.id);
};

export const leaveProgramme: ActionHandler = async (action, participantId, deps, client) => {
  if (!(await leave(deps, participantId, action.user.id)).ok) return;
  await refreshHome(deps, client, action.user.id);
};

export const exportData: ActionHandler = async (action, participantId, deps) => {
  // One export per click: the key is the click's action_ts (a retried click has the same one).
  await exportMyData(deps, participantId, action.user.id, action.actions[0]?.action_ts ?? action.trigger_id);
};

export const eraseData: ActionHandler = async (action, participantId, deps, client) => {
  const erased = await deleteMyData(deps, participantId, action.user.id);
  if (!erased.ok) return;
  if (action.container?.type === 'view' && action.view?.type === 'modal') {
    await client.views.update({ view_id: action.view.id, view: dataDeletedModal(erased.value.programmeName) });
  }
  await refreshHome(deps, client, action.user.id);
};
