import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../../deps.js';
import { blockActionSchema, type BlockAction } from '../../payloads.js';
import { JOIN_PROGRAMME_ACTION } from '../../views/chooseProgramme.js';
import { HOME_ACTIONS } from '../../views/home.js';
import { eraseData, exportData, leaveProgramme, openPause, resume } from './participation.js';
import { joinFromHome, joinProgramme, editProfile, openProgrammeModal, previewMatchingFromHome } from './signup.js';

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
export function register(app: App, deps: ListenerDeps): void {
  for (const [actionId, handler] of Object.entries(handlers)) {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const parsed = blockActionSchema.safeParse(body);
      const value = parsed.success ? parsed.data.actions[0]?.value : undefined;
      if (!parsed.success || value === undefined) {
        deps.logger.warn(`ignored an unreadable ${actionId} action`);
        return;
      }
      await handler(parsed.data, value, deps, client);
    });
  }
}
