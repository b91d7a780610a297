import type { WebClient } from '@slack/web-api';
import { nameToShow, type SlackName } from '../../../domain/people.js';
import { signupForm, type SlackProfile } from '../../../flows/signup.js';
import { directoryEntryFor } from '../../../flows/directory.js';
import type { ListenerDeps } from '../kit/deps.js';
import { signupClosedModal, signupModal } from '../../../messages/signup/signupModal.js';

/** What users.info says (title and zone prefill a first signup; the name is saved with the profile). */
async function slackProfile(deps: ListenerDeps, client: WebClient, userId: string): Promise<SlackProfile> {
  try {
    const res = await client.users.info({ user: userId });
    const user = res.user as (SlackName & { tz?: string; profile?: { title?: string } }) | undefined;
    return { title: user?.profile?.title, tz: user?.tz, name: user ? nameToShow(user) : undefined };
  } catch (err) {
    deps.pace.noteIfLimited('users.info', err);
    // The form opens anyway, unfilled; the name already stored (or the handle) stays until Slack tells us more.
    deps.logger.warn('users.info failed: the signup modal opens without what Slack knows');
    return {};
  }
}

/**
 * Opens the signup modal for a programme: prefilled from Slack, or from the existing profile to edit. The name
 * Slack shows for the person travels in the modal (private_metadata), so the submission saves it without a call.
 */
export async function openSignupModal(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  userId: string,
  programmeId: string,
  mode: 'open' | 'push' = 'open',
): Promise<void> {
  // While Slack rate-limits users.info (Tier 4, about 100 a minute: a burst of /rm-join spends it), no call: the
  // directory's copy, if it knows the person, else an unfilled form. Otherwise it is asked meanwhile the database is read.
  const limited = deps.pace.waitFor('users.info') > 0;
  const known = limited ? await directoryEntryFor(deps.db, userId) : null;
  const fromSlack: Promise<SlackProfile> = limited
    ? Promise.resolve(
        known
          ? {
              tz: known.timezone ?? undefined,
              name: nameToShow({ profile: { display_name: known.displayName, real_name: known.realName } }) || undefined,
            }
          : {},
      )
    : slackProfile(deps, client, userId);
  const form = await signupForm(deps, programmeId, userId, () => fromSlack);
  const view = form.ok ? signupModal({ ...form.value, slackName: (await fromSlack).name }) : signupClosedModal(form.message);
  await (mode === 'push'
    ? client.views.push({ trigger_id: triggerId, view })
    : client.views.open({ trigger_id: triggerId, view }));
}
