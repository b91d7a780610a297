import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../../deps.js';
import { onButtons } from '../buttons.js';
import { blockActionSchema, type BlockAction } from '../../payloads.js';
import { JOIN_PROGRAMME_ACTION } from '../../views/chooseProgramme.js';
import { HOME_ACTIONS } from '../../views/home.js';
import { eraseData, exportData, leaveProgramme, openPause, resume } from './participation.js';
import { joinFromHome, joinProgramme, editProfile, openProgrammeModal, previewMatchingFromHome } from './signup.js';
import type { ListenerRouter } from '../router.js';

export type ActionHandler = (action: BlockAction, value: string, deps: ListenerDeps, client: WebClient) => Promise<void>;

const handlers: Record<string, ActionHandler> = {
  [JOIN_PROGRAMME_ACTION]: joinProgramme,
  [HOME_ACTIONS.join]: joinFromHome,
  [HOME_ACTIONS.edit]: editProfile,
  [HOME_ACTIONS.pause]: openPause,
  [HOME_ACTIONS.resume]: resume,
  [HOME_ACTIONS.leave]: leaveProgramme,
  [HOME_ACTIONS.exportData]: exportData,
  [HOME_ACTIONS.erase]: eraseData,
  [HOME_ACTIONS.openProgramme]: openProgrammeModal,
  [HOME_ACTIONS.previewMatching]: previewMatchingFromHome,
};

/** Every button: ack at once (Slack allows 3 s), parse with zod, then do the work. */
export function register(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, Object.keys(handlers), blockActionSchema, async (action, { actionId, client }) => {
    const value = action.actions[0]?.value;
    if (value === undefined) {
      deps.logger.warn(`ignored a ${actionId} action without a value`);
      return;
    }
    await handlers[actionId]!(action, value, deps, client);
  }, 'urgent');
}
