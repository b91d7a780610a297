import { createHash } from 'node:crypto';
import { addMonths } from '../../../core/calendar.js';
import { dateOnly, localDate } from '../../../core/localDate.js';
import { programmeProblems } from '../../../domain/programme.js';
import { isCoordinator } from '../../../store/coordinators.js';
import { createProgramme } from '../../../store/programmes.js';
import type { ListenerDeps } from '../kit/deps.js';
import { readProgrammeForm } from '../../forms/programmeForm.js';
import { viewSubmissionSchema } from '../../forms/stateValues.js';
import { programmeOpenedMessages } from '../../../messages/programmes/programmeOpened.js';
import { inlineErrors, type SubmissionAck } from '../kit/submissions.js';

export async function submitProgramme(body: unknown, deps: ListenerDeps): Promise<SubmissionAck> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ name: 'Slack sent a form I could not read. Please try again.' });
  const { user, view } = parsed.data;
  if (!(await isCoordinator(deps.db, deps.config.coordinators, user.id))) return inlineErrors({ name: 'Only programme coordinators can open a programme.' });

  const form = readProgrammeForm(view.state.values);
  if (!form.ok) return inlineErrors(form.errors);
  const draft = form.value;
  const timezone = deps.config.timezone;
  const problems = programmeProblems(draft, localDate(deps.clock.now(), timezone));
  if (Object.keys(problems).length > 0) return inlineErrors(problems);

  // One programme per modal: a double click or a Slack retry submits the same view id.
  const id = `prog-${createHash('sha256').update(view.id).digest('hex').slice(0, 10)}`;
  const programme = {
    id,
    name: draft.name,
    startDate: dateOnly(draft.startDate),
    endDate: dateOnly(addMonths(draft.startDate, draft.durationMonths)),
    durationMonths: draft.durationMonths,
    cadenceDays: draft.cadenceDays,
    minSeniorityGap: draft.minSeniorityGap,
    objectives: draft.objectives,
    signupDeadline: dateOnly(draft.signupDeadline),
    announcementChannel: draft.announcementChannel ?? null,
    timezone,
    createdBySlackId: user.id,
  };
  await createProgramme(deps.db, programme, programmeOpenedMessages({ ...draft, id, coordinatorId: user.id }));
  return undefined;
}
