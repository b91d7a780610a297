import type { WebClient } from '@slack/web-api';
import { nameToShow, type SlackName } from '../../../domain/people.js';
import { signupForm, type SlackProfile } from '../../../flows/signup.js';
import { directoryEntryFor, keepDirectoryEntry, type DirectoryEntry } from '../../../flows/directory.js';
import { directoryEntryOf, slackUserSchema } from '../../directory.js';
import type { ListenerDeps } from '../kit/deps.js';
import { signupClosedModal, signupModal } from '../../../messages/signup/signupModal.js';

/** What users.info says (title and zone prefill a first signup; the name is saved with the profile). */
async function slackProfile(
  deps: ListenerDeps,
  client: WebClient,
  userId: string,
): Promise<SlackProfile & { entry?: DirectoryEntry }> {
  try {
    const res = await client.users.info({ user: userId, include_locale: true });
    const user = res.user as (SlackName & { tz?: string; profile?: { title?: string } }) | undefined;
    const parsed = slackUserSchema.safeParse(res.user);
    return {
      title: user?.profile?.title,
      tz: user?.tz,
      name: user ? nameToShow(user) : undefined,
      ...(parsed.success ? { entry: directoryEntryOf(parsed.data, deps.clock.now()) } : {}),
    };
  } catch {
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
  // Someone the directory knows needs no users.info (Tier 4, about 100 a minute: a burst of /rm-join would spend
  // it before views.open, which shares the trigger's 3 s); for anyone else it is asked meanwhile the database is read.
  const known = await directoryEntryFor(deps.db, userId);
  const fromSlack: Promise<SlackProfile & { entry?: DirectoryEntry }> = known
    ? Promise.resolve({
        tz: known.timezone ?? undefined,
        name: nameToShow({ profile: { display_name: known.displayName, real_name: known.realName } }) || undefined,
      })
    : slackProfile(deps, client, userId);
  const form = await signupForm(deps, programmeId, userId, () => fromSlack);
  const view = form.ok ? signupModal({ ...form.value, slackName: (await fromSlack).name }) : signupClosedModal(form.message);
  await (mode === 'push'
    ? client.views.push({ trigger_id: triggerId, view })
    : client.views.open({ trigger_id: triggerId, view }));
  // The directory keeps what Slack said (the bot writes to who joins): their next /rm-join needs no users.info.
  const { entry } = await fromSlack;
  if (entry) await keepDirectoryEntry(deps.db, entry);
}
