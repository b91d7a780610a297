// Signup: /rm-join, the programme chooser, App Home's join and edit buttons, and the signup modal.
import { HOME_ACTIONS } from '../../../messages/home.js';
import { JOIN_PROGRAMME_ACTION } from '../../../messages/signup/chooseProgramme.js';
import { SIGNUP_MODAL } from '../../../messages/signup/signupModal.js';
import { refreshHome } from '../../appHome.js';
import { onValueButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';
import { editProfile, joinFromHome, joinProgramme } from './buttons.js';
import { handleJoin } from './command.js';
import { submitSignup } from './submission.js';

export function register({ routes, commands, deps }: Listeners): void {
  commands.command('/rm-join', (command, client) => handleJoin(command, deps, client));
  onValueButtons(routes, deps, {
    [JOIN_PROGRAMME_ACTION]: joinProgramme,
    [HOME_ACTIONS.join]: joinFromHome,
    [HOME_ACTIONS.edit]: editProfile,
  });
  routes.view(SIGNUP_MODAL, async ({ ack, body, client }) => {
    const { ack: answer, saved } = await submitSignup(body, deps);
    await ack(answer);
    if (saved) await deps.afterAck.run(() => refreshHome(deps, client, saved));
  });
}
