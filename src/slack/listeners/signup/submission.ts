import { z } from 'zod';
import { isIanaTimeZone, isoDateOf, localDate } from '../../../core/localDate.js';
import { seniorityLabel } from '../../../domain/people.js';
import { signupProblems } from '../../../domain/signup.js';
import { findProgramme, programmeTopics } from '../../../store/programmes.js';
import { findProfile, saveSignup } from '../../../store/signups.js';
import type { ListenerDeps } from '../kit/deps.js';
import { readSignupForm } from '../../forms/signupForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import { signupConfirmation } from '../../../messages/signup/signupConfirmation.js';
import { inlineErrors, type SubmissionAck } from '../kit/submissions.js';

const metadataSchema = z.object({ programmeId: z.string().min(1) });
const userNameSchema = z.object({ user: z.object({ name: z.string().optional(), username: z.string().optional() }) });

function readMetadata(raw: string) {
  try {
    return metadataSchema.safeParse(JSON.parse(raw));
  } catch {
    return metadataSchema.safeParse(undefined);
  }
}

export async function submitSignup(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ role: 'Slack sent a form I could not read. Please try again.' });
  const { user, view } = parsed.data;
  const meta = readMetadata(view.private_metadata);
  const programme = meta.success ? await findProgramme(deps.db, meta.data.programmeId) : null;
  if (!programme || programme.status !== 'open') return inlineErrors({ role: 'This programme is no longer open for signup.' });

  const [existing, topics] = await Promise.all([findProfile(deps.db, programme.id, user.id), programmeTopics(deps.db, programme.id)]);
  const draft = readSignupForm(view.state.values);
  const isNew = !existing || existing.erasedAt !== null;
  const problems = signupProblems(draft, {
    selfSlackId: user.id,
    catalogueKeys: topics.map((t) => t.key),
    deadlinePassed: isNew && localDate(deps.clock.now(), programme.timezone) > isoDateOf(programme.signupDeadline),
    isKnownTimezone: isIanaTimeZone,
  });
  const errors = inlineErrors(problems);
  if (errors) return errors;

  // signupProblems guarantees these are present.
  const role = draft.role!;
  const seniorityLevel = draft.seniorityLevel!;
  const capacity = role === 'mentor' ? draft.capacity! : 1;
  const names = userNameSchema.safeParse(body);
  const record = {
    programmeId: programme.id,
    slackUserId: user.id,
    displayName: (names.success ? (names.data.user.name ?? names.data.user.username) : undefined) ?? '',
    title: draft.title,
    role,
    seniorityLevel,
    careerStage: seniorityLabel(seniorityLevel),
    generation: draft.generation ?? '',
    department: draft.department,
    managerSlackId: draft.managerSlackId ?? null,
    teaches: draft.teaches,
    learns: draft.learns,
    goals: draft.goals,
    meetingPreference: draft.meetingPreference!,
    capacity,
    avoidSlackIds: draft.avoidSlackIds,
    timezone: draft.timezone!,
  };
  await saveSignup(
    deps.db,
    record,
    (created) => ({
      kind: created ? 'signup.confirmation' : 'signup.updated',
      to: { users: [user.id] },
      ...signupConfirmation({
        created,
        programmeName: programme.name,
        signupDeadline: isoDateOf(programme.signupDeadline),
        startDate: isoDateOf(programme.startDate),
        role,
        seniorityLevel,
        generation: record.generation,
        department: record.department,
        teaches: record.teaches,
        learns: record.learns,
        meetingPreference: record.meetingPreference,
        capacity,
        avoidCount: record.avoidSlackIds.length,
        timezone: record.timezone,
        topics,
      }),
    }),
    view.id,
  );
  return undefined;
}
