import type { WebClient } from '@slack/web-api';
import { addDays } from '../../../core/calendar.js';
import { localDate } from '../../../core/localDate.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { programmeModal } from '../../../messages/programmes/programmeModal.js';
import type { ActionHandler } from '../kit/buttons.js';
import type { ListenerDeps } from '../kit/deps.js';
import { isCoordinator } from '../kit/guards.js';

/** The "open a programme" modal, prefilled: starts in four weeks, signup closes in two. */
export function openProgrammeModal(deps: ListenerDeps, client: WebClient, triggerId: string) {
  const today = localDate(deps.clock.now(), deps.config.timezone);
  const view = programmeModal({ startDate: addDays(today, 28), signupDeadline: addDays(today, 14), timezone: deps.config.timezone });
  return client.views.open({ trigger_id: triggerId, view });
}

/** App Home's "Open a programme" button. */
export const openProgrammeFromHome: ActionHandler = async (action, _value, deps, client) => {
  if (!(await isCoordinator(deps, action.user.id))) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinators only', 'Only programme coordinators can open a programme.') });
    return;
  }
  await openProgrammeModal(deps, client, action.trigger_id);
};
