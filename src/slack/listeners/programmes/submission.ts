import { openProgramme } from '../../../flows/programmes.js';
import { notCoordinatorProgrammeText } from '../../../messages/programmes/programmeModal.js';
import type { ListenerDeps } from '../kit/deps.js';
import { readProgrammeForm } from '../../forms/programmeForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import { inlineErrors, unreadableForm, type SubmissionAck } from '../kit/submissions.js';
import { isCoordinator } from '../kit/guards.js';

export async function submitProgramme(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('name');
  const { user, view } = parsed.data;
  // Checked before the form is read: someone who may not open a programme learns that first.
  if (!(await isCoordinator(deps, user.id))) return inlineErrors({ name: notCoordinatorProgrammeText });
  const form = readProgrammeForm(view.state.values);
  if (!form.ok) return inlineErrors(form.problems);
  const outcome = await openProgramme(deps, { coordinatorId: user.id, viewId: view.id, draft: form.value });
  if (outcome.ok) return undefined;
  return inlineErrors(outcome.reason === 'invalid' ? outcome.problems : { name: outcome.message });
}
