import { openProgramme } from '../../../flows/programmes.js';
import type { ListenerDeps } from '../kit/deps.js';
import { readProgrammeForm } from '../../forms/programmeForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

export async function submitProgramme(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('name');
  const { user, view } = parsed.data;
  const form = readProgrammeForm(view.state.values);
  const outcome = await openProgramme(deps, { coordinatorId: user.id, viewId: view.id, form });
  if (outcome.ok) return undefined;
  return inlineErrors(outcome.reason === 'invalid' ? outcome.problems : { name: outcome.message });
}
