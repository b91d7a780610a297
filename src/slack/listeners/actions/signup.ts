import { addDays } from '../../../domain/calendar.js';
import { isoDateOf, localDate } from '../../../domain/localDate.js';
import { isCoordinator } from '../../../store/coordinators.js';
import { findProgramme, listOpenProgrammes } from '../../../store/programmes.js';
import { chooseProgrammeReply } from '../../views/chooseProgramme.js';
import { modal } from '../../views/inputs.js';
import { noticeModal } from '../../views/noticeModal.js';
import { programmeModal } from '../../views/programmeModal.js';
import { openMatchingPreview } from '../matching/index.js';
import { openSignupModal } from '../signupFlow.js';
import type { ActionHandler } from './index.js';

/** A programme picked from the list (in a message, or in the chooser modal: then the form is pushed on top). */
export const joinProgramme: ActionHandler = async (action, programmeId, deps, client) => {
  const mode = action.container?.type === 'view' ? 'push' : 'open';
  await openSignupModal(deps, client, action.trigger_id, action.user.id, programmeId, mode);
};

export const editProfile: ActionHandler = async (action, programmeId, deps, client) => {
  await openSignupModal(deps, client, action.trigger_id, action.user.id, programmeId, 'open');
};

export const joinFromHome: ActionHandler = async (action, _value, deps, client) => {
  const open = await listOpenProgrammes(deps.db);
  if (open.length === 1) {
    await openSignupModal(deps, client, action.trigger_id, action.user.id, open[0]!.id, 'open');
    return;
  }
  if (open.length === 0) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Nothing open', 'No programme is open for signup right now.') });
    return;
  }
  const chooser = chooseProgrammeReply(open.map((p) => ({ id: p.id, name: p.name, signupDeadline: isoDateOf(p.signupDeadline) })));
  const { submit: _submit, ...view } = modal('choose_programme', 'Choose a programme', chooser.blocks, { close: 'Close' });
  await client.views.open({ trigger_id: action.trigger_id, view });
};

export const openProgrammeModal: ActionHandler = async (action, _value, deps, client) => {
  if (!(await isCoordinator(deps.db, deps.config.coordinators, action.user.id))) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinators only', 'Only programme coordinators can open a programme.') });
    return;
  }
  const today = localDate(deps.clock.now(), deps.config.timezone);
  await client.views.open({
    trigger_id: action.trigger_id,
    view: programmeModal({ startDate: addDays(today, 28), signupDeadline: addDays(today, 14), timezone: deps.config.timezone }),
  });
};

/** A coordinator's "Preview matching" on App Home: the same draft preview as /rm-admin match. */
export const previewMatchingFromHome: ActionHandler = async (action, programmeId, deps, client) => {
  if (!(await isCoordinator(deps.db, deps.config.coordinators, action.user.id))) {
    await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinators only', 'Only programme coordinators can preview a matching.') });
    return;
  }
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme) return;
  await openMatchingPreview(deps, client, action.trigger_id, action.user.id, programme);
};
