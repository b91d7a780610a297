import { z } from 'zod';
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
  const outcome = await pause(deps, meta.participantId, user.id, new FormValues(view.state.values).date('pausedUntil'));
  return outcome.ok ? undefined : inlineErrors({ pausedUntil: outcome.message });
}
