import { CADENCE_CHOICES, DURATION_MONTHS, PROGRAMME_TEXT_LIMITS, SENIORITY_GAP } from '../../domain/programmes.js';
import { channelInput, dateInput, modal, radioInput, selectInput, textInput, type Choice } from '../common/inputs.js';
import { context, type Block } from '../common/text.js';

export const PROGRAMME_MODAL = 'programme_open';

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** The values the form starts with: defaults for a new programme, the stored settings for an edit. */
export interface ProgrammeFormInitial {
  name?: string;
  startDate: string;
  durationMonths?: number;
  cadenceDays?: number;
  minSeniorityGap?: number;
  objectives?: string;
  signupDeadline: string;
  announcementChannel?: string;
  timezone: string;
}

/** The opening form's fields (the edit form has the same, filled in). */
export function programmeFields(initial: ProgrammeFormInitial): Block[] {
  const months: Choice[] = range(DURATION_MONTHS.min, DURATION_MONTHS.max).map((m) => ({
    value: String(m),
    label: `${m} months`,
  }));
  const cadence: Choice[] = CADENCE_CHOICES.map((d) => ({ value: String(d), label: `Every ${d / 7} weeks` }));
  const gaps: Choice[] = range(SENIORITY_GAP.min, SENIORITY_GAP.max).map((g) => ({
    value: String(g),
    label: g === 0 ? 'No minimum' : `${g} level${g === 1 ? '' : 's'}`,
  }));
  return [
    textInput('name', 'Programme name', {
      maxLength: PROGRAMME_TEXT_LIMITS.name,
      placeholder: 'e.g. Reverse mentoring 2027',
      initial: initial.name,
    }),
    dateInput('startDate', 'Start date', { initial: initial.startDate }),
    selectInput('durationMonths', 'Duration', months, { initial: String(initial.durationMonths ?? 6) }),
    radioInput('cadenceDays', 'Check-ins', cadence, {
      initial: String(initial.cadenceDays ?? 14),
      hint: 'Each pair may change its own cadence later.',
    }),
    selectInput('minSeniorityGap', 'Minimum seniority gap between mentee and mentor', gaps, {
      initial: String(initial.minSeniorityGap ?? 2),
    }),
    textInput('objectives', 'Objectives', {
      multiline: true,
      optional: true,
      maxLength: PROGRAMME_TEXT_LIMITS.objectives,
      hint: 'Specific, measurable, achievable, relevant, time-bound: shown to every pair.',
      initial: initial.objectives,
    }),
    dateInput('signupDeadline', 'Signup deadline', { initial: initial.signupDeadline }),
    channelInput('announcementChannel', 'Announcement channel', {
      optional: true,
      hint: 'Optional: where to celebrate the new pairs.',
      initial: initial.announcementChannel,
    }),
  ];
}

/** /rm-admin open: a coordinator describes a new programme. */
export function programmeModal(defaults: { startDate: string; signupDeadline: string; timezone: string }) {
  return modal(
    PROGRAMME_MODAL,
    'Open a programme',
    [...programmeFields(defaults), context(`Dates are in ${defaults.timezone}.`)],
    { submit: 'Open programme' },
  );
}

export const notCoordinatorProgrammeText = 'Only programme coordinators can open a programme.';
