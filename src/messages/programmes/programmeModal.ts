import { CADENCE_CHOICES, DURATION_MONTHS, PROGRAMME_TEXT_LIMITS, SENIORITY_GAP } from '../../domain/programmes.js';
import { channelInput, dateInput, modal, radioInput, selectInput, textInput, type Choice } from '../common/inputs.js';
import { context } from '../common/text.js';

export const PROGRAMME_MODAL = 'programme_open';

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** /rm-admin open: a coordinator describes a new programme. */
export function programmeModal(defaults: { startDate: string; signupDeadline: string; timezone: string }) {
  const months: Choice[] = range(DURATION_MONTHS.min, DURATION_MONTHS.max).map((m) => ({
    value: String(m),
    label: `${m} months`,
  }));
  const cadence: Choice[] = CADENCE_CHOICES.map((d) => ({ value: String(d), label: `Every ${d / 7} weeks` }));
  const gaps: Choice[] = range(SENIORITY_GAP.min, SENIORITY_GAP.max).map((g) => ({
    value: String(g),
    label: g === 0 ? 'No minimum' : `${g} level${g === 1 ? '' : 's'}`,
  }));
  return modal(
    PROGRAMME_MODAL,
    'Open a programme',
    [
      textInput('name', 'Programme name', { maxLength: PROGRAMME_TEXT_LIMITS.name, placeholder: 'e.g. Reverse mentoring 2027' }),
      dateInput('startDate', 'Start date', { initial: defaults.startDate }),
      selectInput('durationMonths', 'Duration', months, { initial: '6' }),
      radioInput('cadenceDays', 'Check-ins', cadence, { initial: '14', hint: 'Each pair may change its own cadence later.' }),
      selectInput('minSeniorityGap', 'Minimum seniority gap between mentee and mentor', gaps, { initial: '2' }),
      textInput('objectives', 'Objectives', {
        multiline: true,
        optional: true,
        maxLength: PROGRAMME_TEXT_LIMITS.objectives,
        hint: 'Specific, measurable, achievable, relevant, time-bound: shown to every pair.',
      }),
      dateInput('signupDeadline', 'Signup deadline', { initial: defaults.signupDeadline }),
      channelInput('announcementChannel', 'Announcement channel', {
        optional: true,
        hint: 'Optional: where to celebrate the new pairs.',
      }),
      context(`Dates are in ${defaults.timezone}.`),
    ],
    { submit: 'Open programme' },
  );
}

export const notCoordinatorProgrammeText = 'Only programme coordinators can open a programme.';
