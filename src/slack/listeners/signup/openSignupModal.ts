import type { WebClient } from '@slack/web-api';
import { signupForm, type SlackProfile } from '../../../flows/signup.js';
import type { ListenerDeps } from '../kit/deps.js';
import { signupClosedModal, signupModal } from '../../../messages/signup/signupModal.js';

async function slackProfile(client: WebClient, userId: string): Promise<SlackProfile> {
  const res = await client.users.info({ user: userId });
  const user = res.user as { tz?: string; profile?: { title?: string } } | undefined;
  return { title: user?.profile?.title, tz: user?.tz };
}

/** Opens the signup modal for a programme: prefilled from Slack, or from the existing profile to edit. */
export async function openSignupModal(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  userId: string,
  programmeId: string,
  mode: 'open' | 'push' = 'open',
): Promise<void> {
  const form = await signupForm(deps, programmeId, userId, () => slackProfile(client, userId));
  const view = form.ok ? signupModal(form.value) : signupClosedModal(form.message);
  await (mode === 'push'
    ? client.views.push({ trigger_id: triggerId, view })
    : client.views.open({ trigger_id: triggerId, view }));
}
