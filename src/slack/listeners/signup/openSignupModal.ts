import type { WebClient } from '@slack/web-api';
import { isIanaTimeZone, isoDateOf, localDate } from '../../../core/localDate.js';
import type { ListenerDeps } from '../kit/deps.js';
import { findProgramme, programmeTopics } from '../../../store/programmes.js';
import { findProfile } from '../../../store/signups.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { signupModal, type SignupPrefill } from '../../../messages/signup/signupModal.js';
import { formatDate } from '../../../core/localDate.js';

interface SlackProfile {
  title?: string;
  tz?: string;
}

async function slackProfile(client: WebClient, userId: string): Promise<SlackProfile> {
  const res = await client.users.info({ user: userId });
  const user = res.user as { tz?: string; profile?: { title?: string } } | undefined;
  return { title: user?.profile?.title, tz: user?.tz };
}

/** Opens the signup modal for a programme: prefilled from Slack, or from the existing profile to edit. */
export async function openSignupModal(deps: ListenerDeps, client: WebClient, triggerId: string, userId: string, programmeId: string, mode: 'open' | 'push' = 'open'): Promise<void> {
  const show = (view: ReturnType<typeof noticeModal> | ReturnType<typeof signupModal>) =>
    mode === 'push' ? client.views.push({ trigger_id: triggerId, view }) : client.views.open({ trigger_id: triggerId, view });
  const programme = await findProgramme(deps.db, programmeId);
  if (!programme || programme.status !== 'open') {
    await show(noticeModal('Signup closed', 'This programme is no longer open for signup.'));
    return;
  }
  const [existing, topics] = await Promise.all([findProfile(deps.db, programmeId, userId), programmeTopics(deps.db, programmeId)]);
  const deadline = isoDateOf(programme.signupDeadline);
  if (!existing && localDate(deps.clock.now(), programme.timezone) > deadline) {
    await show(noticeModal('Signup closed', `Signup for *${programme.name}* closed on ${formatDate(deadline)}. Your coordinator can tell you about the next programme.`));
    return;
  }
  let prefill: SignupPrefill;
  if (existing && !existing.erasedAt) {
    prefill = {
      role: existing.role,
      title: existing.title,
      seniorityLevel: existing.seniorityLevel,
      generation: existing.generation || undefined,
      department: existing.department,
      managerSlackId: existing.managerSlackId ?? undefined,
      teaches: existing.topics.filter((t) => t.kind === 'teach').map((t) => t.topicKey),
      learns: existing.topics.filter((t) => t.kind === 'learn').map((t) => t.topicKey),
      goals: existing.goals,
      meetingPreference: existing.meetingPreference,
      capacity: existing.capacity,
      avoidSlackIds: existing.avoid.map((a) => a.avoidSlackUserId),
      timezone: existing.timezone,
    };
  } else {
    const profile = await slackProfile(client, userId);
    prefill = { title: profile.title, timezone: profile.tz && isIanaTimeZone(profile.tz) ? profile.tz : deps.config.timezone };
  }
  const view = signupModal({
    programmeId,
    programmeName: programme.name,
    signupDeadline: formatDate(deadline),
    topics,
    prefill,
    editingParticipantId: existing && !existing.erasedAt ? existing.id : undefined,
  });
  await show(view);
}
