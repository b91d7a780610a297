import { z } from 'zod';
import { isCalendarDate } from '../../../core/localDate.js';
import { DATE_PROBLEM_TEXT } from '../../../domain/inputs.js';
import { pause } from '../../../flows/participation.js';
import { pauseRefusalText } from '../../../messages/participation/pauseModal.js';
import type { ListenerDeps } from '../kit/deps.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, readPrivateMetadata, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

const metadataSchema = z.object({ participantId: z.string().min(1) });

/** The ack for the pause modal, and who paused (their App Home changed) when the pause was saved. */
export async function submitPause(body: unknown, deps: ListenerDeps): Promise<{ ack: SubmissionAck; saved?: string }> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return { ack: unreadableForm('pausedUntil') };
  const { user, view } = parsed.data;
  const meta = readPrivateMetadata(metadataSchema, view.private_metadata);
  if (!meta) return { ack: inlineErrors({ pausedUntil: pauseRefusalText({ reason: 'nothing_to_pause' }) }) };
  // A day that is not on the calendar is refused here; the flow judges a real one (after today, before the end).
  const until = new FormValues(view.state.values).pickedDate('pausedUntil');
  if (until !== undefined && !isCalendarDate(until)) return { ack: inlineErrors({ pausedUntil: DATE_PROBLEM_TEXT.not_a_date }) };
  const outcome = await pause(deps, meta.participantId, user.id, until);
  return outcome.ok ? { ack: undefined, saved: user.id } : { ack: inlineErrors({ pausedUntil: outcome.message }) };
}
