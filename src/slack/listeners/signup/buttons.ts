import { openProgrammes } from '../../../flows/signup.js';
import { chooseProgrammeReply } from '../../../messages/signup/chooseProgramme.js';
import { modal } from '../../../messages/common/inputs.js';
import { nothingOpenModal } from '../../../messages/signup/signupModal.js';
import { openSignupModal } from './openSignupModal.js';
import type { ActionHandler } from '../kit/buttons.js';

/** A programme picked from the list (in a message, or in the chooser modal: then the form is pushed on top). */
export const joinProgramme: ActionHandler = async (action, programmeId, deps, client) => {
  const mode = action.container?.type === 'view' ? 'push' : 'open';
  await openSignupModal(deps, client, action.trigger_id, action.user.id, programmeId, mode);
};

export const editProfile: ActionHandler = async (action, programmeId, deps, client) => {
  await openSignupModal(deps, client, action.trigger_id, action.user.id, programmeId, 'open');
};

export const joinFromHome: ActionHandler = async (action, _value, deps, client) => {
  const open = await openProgrammes(deps);
  if (open.length === 1) {
    await openSignupModal(deps, client, action.trigger_id, action.user.id, open[0]!.id, 'open');
    return;
  }
  if (open.length === 0) {
    await client.views.open({ trigger_id: action.trigger_id, view: nothingOpenModal() });
    return;
  }
  const { submit: _submit, ...view } = modal('choose_programme', 'Choose a programme', chooseProgrammeReply(open).blocks, {
    close: 'Close',
  });
  await client.views.open({ trigger_id: action.trigger_id, view });
};
