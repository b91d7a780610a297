// The coordinator dashboard's way in from Slack (docs/dashboard.md, "Sign-in"): `/rm-admin dashboard` and the
// App Home button answer the coordinator, privately, with a personal link that works once for 10 minutes.
import { issueSignInLink, LINK_TTL_MS, signInLinkPath } from '../../flows/dashboardAccess.js';
import { ephemeral } from '../../messages/common/commandReplies.js';
import { noticeModal } from '../../messages/common/noticeModal.js';
import { DASHBOARD_ACTIONS, dashboardCoordinatorsOnlyText, dashboardLinkText } from '../../messages/dashboard.js';
import { onValueButtons } from './kit/buttons.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';

/** The words with a fresh link for this coordinator, or why there is none. */
async function linkText(deps: ListenerDeps, slackUserId: string): Promise<string> {
  const link = await issueSignInLink(deps, slackUserId, deps.clock.now());
  if (!link.ok) return dashboardCoordinatorsOnlyText();
  const base = deps.publicUrl?.() ?? `http://localhost:${deps.config.port}`;
  return dashboardLinkText(`${base}${signInLinkPath(link.value.token)}`, LINK_TTL_MS / 60_000);
}

export function register({ routes, commands, deps }: Listeners): void {
  // Only the coordinator sees the answer (ephemeral): the link is theirs alone.
  commands.admin('dashboard', async (command) => ({ reply: ephemeral(await linkText(deps, command.user_id)) }));
  // App Home has no place for a private answer: a modal only the coordinator sees shows the link.
  onValueButtons(routes, deps, {
    [DASHBOARD_ACTIONS.open]: async (action, _value, listenerDeps, client) => {
      const text = await linkText(listenerDeps, action.user.id);
      await client.views.open({ trigger_id: action.trigger_id, view: noticeModal('Coordinator dashboard', text) });
    },
  });
}
