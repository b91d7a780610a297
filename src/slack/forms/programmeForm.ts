import type { ProgrammeDraft, ProgrammeField } from '../../domain/programme.js';
import { FormValues, type ParsedState } from './stateValues.js';

export type FormResult<T, F extends string> = { ok: true; value: T } | { ok: false; errors: Partial<Record<F, string>> };

/** Reads the /rm-admin open modal; missing required answers become inline errors. */
export function readProgrammeForm(values: ParsedState): FormResult<ProgrammeDraft, ProgrammeField> {
  const f = new FormValues(values);
  const errors: Partial<Record<ProgrammeField, string>> = {};
  const startDate = f.date('startDate');
  const signupDeadline = f.date('signupDeadline');
  const durationMonths = f.integer('durationMonths');
  const cadenceDays = f.integer('cadenceDays');
  const minSeniorityGap = f.integer('minSeniorityGap');
  if (!startDate) errors.startDate = 'Choose a start date.';
  if (!signupDeadline) errors.signupDeadline = 'Choose a signup deadline.';
  if (durationMonths === undefined) errors.durationMonths = 'Choose a duration.';
  if (cadenceDays === undefined) errors.cadenceDays = 'Choose how often pairs meet.';
  if (minSeniorityGap === undefined) errors.minSeniorityGap = 'Choose a minimum gap.';
  if (!startDate || !signupDeadline || durationMonths === undefined || cadenceDays === undefined || minSeniorityGap === undefined) return { ok: false, errors };
  const channel = f.conversation('announcementChannel');
  return {
    ok: true,
    value: {
      name: f.text('name'),
      startDate,
      durationMonths,
      cadenceDays,
      minSeniorityGap,
      objectives: f.text('objectives'),
      signupDeadline,
      ...(channel ? { announcementChannel: channel } : {}),
    },
  };
}
