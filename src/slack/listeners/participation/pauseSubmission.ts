import { z } from 'zod';
import { isCalendarDate } from '../../../core/localDate.js';
import { DATE_PROBLEM_TEXT } from '../../../domain/inputs.js';
import { pause } from '../../../flows/participation.js';
import { pauseRefusalText } from '../../../messages/participation/pauseModal.js';
import type { ListenerDeps } from '../kit/deps.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, readPrivateMetadata, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

const metadataSchema = z.object({ participantId: z.string().min(1) });

export async function submitPause(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('pausedUntil');
  const { user, view } = parsed.data;
  const meta = readPrivateMetadata(metadataSchema, view.private_metadata);
  if (!meta) return inlineErrors({ pausedUntil: pauseRefusalText({ reason: 'nothing_to_pause' }) });
  // A day that is not on the calendar is refused here; the flow judges a real one (after today, before the end).
  const until = new FormValues(view.state.values).pickedDate('pausedUntil');
  if (until !== undefined && !isCalendarDate(until)) return inlineErrors({ pausedUntil: DATE_PROBLEM_TEXT.not_a_date });
  const outcome = await pause(deps, meta.participantId, user.id, until);
  return outcome.ok ? undefined : inlineErrors({ pausedUntil: outcome.message });
}
