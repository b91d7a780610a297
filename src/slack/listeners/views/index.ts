import type { ListenerDeps } from '../../deps.js';
import { PROGRAMME_MODAL } from '../../views/programmeModal.js';
import { SIGNUP_MODAL } from '../../views/signupModal.js';
import { PAUSE_MODAL } from '../../views/pauseModal.js';
import { submitProgramme } from './programmeSubmission.js';
import { submitSignup } from './signupSubmission.js';
import { submitPause } from './pauseSubmission.js';
import type { ListenerRouter } from '../router.js';

export function register(routes: ListenerRouter, deps: ListenerDeps): void {
  routes.view(PROGRAMME_MODAL, async ({ ack, body }) => {
    await ack(await submitProgramme(body, deps));
  });
  routes.view(SIGNUP_MODAL, async ({ ack, body }) => {
    await ack(await submitSignup(body, deps));
  });
  routes.view(PAUSE_MODAL, async ({ ack, body }) => {
    await ack(await submitPause(body, deps));
  });
}
