import { topicLines, type EditField, type ProgrammeEdit } from '../../domain/programmeEdits.js';
import type { ProgrammeDraft, ProgrammeField } from '../../domain/programmes.js';
import { done, type Done } from '../../core/outcome.js';
import { invalid, type Invalid } from '../../domain/problems.js';
import { FormValues, type ParsedState } from './stateValues.js';

/** Reads the /rm-admin open modal; missing required answers become inline errors (domain/programmes.ts judges the rest). */
export function readProgrammeForm(values: ParsedState): Done<ProgrammeDraft> | Invalid<ProgrammeField> {
  const f = new FormValues(values);
  const errors: Partial<Record<ProgrammeField, string>> = {};
  const startDate = f.pickedDate('startDate');
  const signupDeadline = f.pickedDate('signupDeadline');
  const durationMonths = f.integer('durationMonths');
  const cadenceDays = f.integer('cadenceDays');
  const minSeniorityGap = f.integer('minSeniorityGap');
  if (!startDate) errors.startDate = 'Choose a start date.';
  if (!signupDeadline) errors.signupDeadline = 'Choose a signup deadline.';
  if (durationMonths === undefined) errors.durationMonths = 'Choose a duration.';
  if (cadenceDays === undefined) errors.cadenceDays = 'Choose how often pairs meet.';
  if (minSeniorityGap === undefined) errors.minSeniorityGap = 'Choose a minimum gap.';
  if (!startDate || !signupDeadline || durationMonths === undefined || cadenceDays === undefined || minSeniorityGap === undefined)
    return invalid(errors);
  const channel = f.conversation('announcementChannel');
  return done({
    name: f.text('name'),
    startDate,
    durationMonths,
    cadenceDays,
    minSeniorityGap,
    objectives: f.text('objectives'),
    signupDeadline,
    ...(channel ? { announcementChannel: channel } : {}),
  });
}

/** Reads the /rm-admin edit modal: the opening form's fields, the topics left selected, new topics one a line. */
export function readProgrammeEditForm(values: ParsedState): Done<ProgrammeEdit> | Invalid<EditField> {
  const draft = readProgrammeForm(values);
  if (!draft.ok) return draft;
  const f = new FormValues(values);
  return done({
    draft: draft.value,
    keptTopicKeys: f.options('topics'),
    newTopics: { upward: topicLines(f.text('newUpwardTopics')), downward: topicLines(f.text('newDownwardTopics')) },
  });
}
