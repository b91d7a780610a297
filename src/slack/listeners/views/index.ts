import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { PROGRAMME_MODAL } from '../../views/programmeModal.js';
import { SIGNUP_MODAL } from '../../views/signupModal.js';
import { PAUSE_MODAL } from '../../views/pauseModal.js';
import { submitProgramme } from './programmeSubmission.js';
import { submitSignup } from './signupSubmission.js';
import { submitPause } from './pauseSubmission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(PROGRAMME_MODAL, async ({ ack, body }) => {
    await ack(await submitProgramme(body, deps));
  });
  app.view(SIGNUP_MODAL, async ({ ack, body }) => {
    await ack(await submitSignup(body, deps));
  });
  app.view(PAUSE_MODAL, async ({ ack, body }) => {
    await ack(await submitPause(body, deps));
  });
}
