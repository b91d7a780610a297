import { addDays } from '../../../core/calendar.js';
import { localDate } from '../../../core/localDate.js';
import { listCoordinators } from '../../../store/coordinators.js';
import { enqueueMessages } from '../../../store/outbox.js';
import { endParticipation, ownParticipant, resumeParticipant } from '../../../store/participants.js';
import { eraseParticipation, exportParticipation } from '../../../store/privacy.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { erasedConfirmation, exportMessages, leftConfirmation, participationEndedNotices } from '../../../messages/participation/notices.js';
import { pauseModal } from '../../../messages/participation/pauseModal.js';
import { publishHome } from '../home.js';
import type { ActionHandler } from '../kit/buttons.js';

export const openPause: ActionHandler = async (action, participantId, deps, client) => {
  const p = await ownParticipant(deps.db, participantId, action.user.id);
  if (!p) return;
  const initial = addDays(localDate(deps.clock.now(), p.timezone), 14);
  await client.views.open({ trigger_id: action.trigger_id, view: pauseModal(p.id, p.programme.name, initial) });
};

export const resume: ActionHandler = async (action, participantId, deps, client) => {
  const p = await ownParticipant(deps.db, participantId, action.user.id);
  if (!p) return;
  await resumeParticipant(deps.db, p.id);
  await publishHome(deps, client, action.user.id);
};

export const leaveProgramme: ActionHandler = async (action, participantId, deps, client) => {
  const p = await ownParticipant(deps.db, participantId, action.user.id);
  if (!p) return;
  const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
  await deps.db.$transaction(async (tx) => {
    const ended = await endParticipation(tx, p.id, 'withdrawn', deps.clock.now(), (partners) => [
      ...participationEndedNotices(coordinators, { participantId: p.id, slackUserId: p.slackUserId, programmeName: p.programme.name, role: p.role, partners, reason: 'withdrawn' }),
      leftConfirmation(p.slackUserId, p.id, p.programme.name),
    ]);
    return ended;
  });
  await publishHome(deps, client, action.user.id);
};

export const exportData: ActionHandler = async (action, participantId, deps) => {
  const p = await ownParticipant(deps.db, participantId, action.user.id);
  if (!p) return;
  const data = await exportParticipation(deps.db, p.id);
  if (!data) return;
  // One export per click: the key is the click's action_ts (a retried click has the same one).
  const requestKey = `${p.id}:${action.actions[0]?.action_ts ?? action.trigger_id}`;
  await enqueueMessages(deps.db, exportMessages(p.slackUserId, data, requestKey));
};

export const eraseData: ActionHandler = async (action, participantId, deps, client) => {
  const p = await ownParticipant(deps.db, participantId, action.user.id);
  if (!p) return;
  const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
  await eraseParticipation(
    deps.db,
    p.id,
    deps.clock.now(),
    (partners) => participationEndedNotices(coordinators, { participantId: p.id, slackUserId: p.slackUserId, programmeName: p.programme.name, role: p.role, partners, reason: 'withdrawn' }),
    erasedConfirmation(p.slackUserId, p.id, p.programme.name),
  );
  if (action.container?.type === 'view' && action.view?.type === 'modal') {
    await client.views.update({ view_id: action.view.id, view: noticeModal('Data deleted', `Your data for *${p.programme.name}* is deleted. Only anonymous counts remain.`) });
  }
  await publishHome(deps, client, action.user.id);
};
