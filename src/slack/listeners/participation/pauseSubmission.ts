import { z } from 'zod';
import { dateOnly, isoDateOf, localDate } from '../../../core/localDate.js';
import { ownParticipant, pauseParticipant } from '../../../store/participants.js';
import type { ListenerDeps } from '../kit/deps.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, type SubmissionAck } from '../kit/submissions.js';

const metadataSchema = z.object({ participantId: z.string().min(1) });

export async function submitPause(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ pausedUntil: 'Slack sent a form I could not read. Please try again.' });
  let meta: z.infer<typeof metadataSchema> | undefined;
  try {
    meta = metadataSchema.parse(JSON.parse(parsed.data.view.private_metadata));
  } catch {
    meta = undefined;
  }
  const p = meta ? await ownParticipant(deps.db, meta.participantId, parsed.data.user.id) : null;
  if (!p || !['active', 'paused'].includes(p.status)) return inlineErrors({ pausedUntil: 'There is nothing to pause here any more.' });
  const until = new FormValues(parsed.data.view.state.values).date('pausedUntil');
  const today = localDate(deps.clock.now(), p.timezone);
  if (!until) return inlineErrors({ pausedUntil: 'Choose the day you will be back.' });
  if (until <= today) return inlineErrors({ pausedUntil: 'Choose a day after today.' });
  const end = isoDateOf(p.programme.endDate);
  if (until > end) return inlineErrors({ pausedUntil: `The programme ends on ${end}: choose an earlier day, or leave the programme instead.` });
  // Stored as the start of that day in UTC; the scheduler resumes the person when it comes.
  await pauseParticipant(deps.db, p.id, dateOnly(until));
  return undefined;
}
