import { joinChoices, signupClosedText } from '../../../flows/signup.js';
import { chooseProgrammeReply } from '../../../messages/signup/chooseProgramme.js';
import { modal } from '../../../messages/common/inputs.js';
import { nothingOpenModal, signupClosedModal } from '../../../messages/signup/signupModal.js';
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

/** App Home's Join: the programmes open for signup that the person does not take part in yet. */
export const joinFromHome: ActionHandler = async (action, _value, deps, client) => {
  const { offers, closedFor } = await joinChoices(deps, action.user.id);
  const open = offers.filter((o) => !o.editing);
  if (open.length === 1) {
    await openSignupModal(deps, client, action.trigger_id, action.user.id, open[0]!.id, 'open');
    return;
  }
  if (open.length === 0) {
    // A Home published before the deadline still shows Join: say when signup closed and whom to ask.
    const view = closedFor ? signupClosedModal(signupClosedText(closedFor)) : nothingOpenModal();
    await client.views.open({ trigger_id: action.trigger_id, view });
    return;
  }
  const { submit: _submit, ...view } = modal('choose_programme', 'Choose a programme', chooseProgrammeReply(open).blocks, {
    close: 'Close',
  });
  await client.views.open({ trigger_id: action.trigger_id, view });
};
