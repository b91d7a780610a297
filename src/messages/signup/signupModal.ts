import { GENERATIONS, MEETING_PREFERENCES, ROLE_LABELS, ROLES, SENIORITY_LEVELS } from '../../domain/people.js';
import { MAX_AVOID, SIGNUP_TEXT_LIMITS } from '../../domain/signup.js';
import type { Topic } from '../../domain/topics.js';
import {
  modal,
  multiSelectInput,
  radioInput,
  selectInput,
  textInput,
  userInput,
  usersInput,
  type Choice,
} from '../common/inputs.js';
import { myDataActions } from '../participation/myData.js';
import { context, escapeText, section } from '../common/text.js';
import { slackDay } from '../common/dates.js';
import { noticeModal } from '../common/noticeModal.js';

export const SIGNUP_MODAL = 'signup';

export interface SignupPrefill {
  role?: string;
  title?: string;
  seniorityLevel?: number;
  generation?: string;
  department?: string;
  managerSlackId?: string;
  teaches?: string[];
  learns?: string[];
  goals?: string;
  meetingPreference?: string;
  capacity?: number;
  avoidSlackIds?: string[];
  timezone?: string;
}

export interface SignupModalModel {
  programmeId: string;
  programmeName: string;
  /** YYYY-MM-DD */
  signupDeadline: string;
  /** the programme's zone: the deadline is a day of its calendar (the reader's own, when they gave one, goes first) */
  programmeTimezone: string;
  topics: readonly Topic[];
  prefill: SignupPrefill;
  /** set when someone already registered edits their profile */
  editingParticipantId?: string;
  /** the person's name as Slack showed it when the modal opened: carried to the submission, saved with the profile */
  slackName?: string;
}

const topicChoices = (topics: readonly Topic[]): Choice[] => topics.map((t) => ({ value: t.key, label: t.label }));

/** /rm-join: the signup form, or the same form prefilled for someone already registered. */
export function signupModal(m: SignupModalModel) {
  const p = m.prefill;
  const editing = m.editingParticipantId !== undefined;
  return modal(
    SIGNUP_MODAL,
    editing ? 'Edit your profile' : 'Join the programme',
    [
      section(
        `*${escapeText(m.programmeName)}*\n${editing ? 'Change anything and save.' : `Signup closes on ${slackDay(m.signupDeadline, p.timezone || m.programmeTimezone)}.`}`,
      ),
      radioInput(
        'role',
        'I join as',
        ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
        { initial: p.role },
      ),
      textInput('title', 'Job title', { initial: p.title, optional: true, maxLength: SIGNUP_TEXT_LIMITS.title }),
      selectInput(
        'seniorityLevel',
        'Career stage',
        SENIORITY_LEVELS.map((s) => ({ value: String(s.level), label: s.label })),
        {
          initial: p.seniorityLevel === undefined ? undefined : String(p.seniorityLevel),
        },
      ),
      selectInput(
        'generation',
        'Generation',
        GENERATIONS.map((g) => ({ value: g.key, label: g.label })),
        { initial: p.generation, optional: true },
      ),
      textInput('department', 'Department', { initial: p.department, maxLength: SIGNUP_TEXT_LIMITS.department }),
      userInput('managerSlackId', 'My manager', {
        initial: p.managerSlackId,
        optional: true,
        hint: 'You are never paired with your own reporting line.',
      }),
      multiSelectInput('teaches', 'Topics I can teach', topicChoices(m.topics), { initial: p.teaches }),
      multiSelectInput('learns', 'Topics I want to learn', topicChoices(m.topics), { initial: p.learns }),
      textInput('goals', 'My goals, in my words', {
        initial: p.goals,
        multiline: true,
        optional: true,
        maxLength: SIGNUP_TEXT_LIMITS.goals,
      }),
      radioInput(
        'meetingPreference',
        'I prefer to meet',
        MEETING_PREFERENCES.map((x) => ({ value: x.key, label: x.label })),
        { initial: p.meetingPreference ?? 'either' },
      ),
      selectInput(
        'capacity',
        'Mentors: how many mentees can you take?',
        [
          { value: '1', label: 'One' },
          { value: '2', label: 'Two' },
        ],
        { initial: String(p.capacity ?? 1), optional: true, hint: 'Mentees have one mentor: leave this at one.' },
      ),
      usersInput('avoidSlackIds', 'People I must not be paired with', {
        initial: p.avoidSlackIds,
        optional: true,
        max: MAX_AVOID,
        hint: 'Private: nobody else sees this list, not even coordinators.',
      }),
      textInput('timezone', 'My time zone', {
        initial: p.timezone,
        hint: 'From your Slack profile; an IANA name such as Europe/London.',
      }),
      context(
        "Your profile is used only to run this programme. You can pause, leave, export or delete your data at any time from the bot's Home tab.",
      ),
      ...(m.editingParticipantId ? [myDataActions(m.editingParticipantId)] : []),
    ],
    {
      submit: editing ? 'Save' : 'Join',
      privateMetadata: JSON.stringify({ programmeId: m.programmeId, ...(m.slackName ? { name: m.slackName } : {}) }),
    },
  );
}

export type SignupRefusal =
  | { reason: 'closed' }
  | { reason: 'ended'; programmeName: string }
  | { reason: 'deadline_passed'; programmeName: string; signupDeadline: string; timezone: string; coordinatorSlackId: string };

/** Why the signup form cannot be used (shown under the role, in place of the form, or as the answer to /rm-join). */
export function signupRefusalText(r: SignupRefusal): string {
  switch (r.reason) {
    case 'closed':
      return 'This programme is no longer open for signup.';
    case 'ended':
      return `*${escapeText(r.programmeName)}* has ended: there is nothing left to join or change. Thank you for taking part.`;
    case 'deadline_passed':
      return `Signup for *${escapeText(r.programmeName)}* closed on ${slackDay(r.signupDeadline, r.timezone)}. <@${r.coordinatorSlackId}> runs it: ask them about the next programme.`;
  }
}

export const signupClosedModal = (why: string) => noticeModal('Signup closed', why);

export const nothingOpenModal = () => noticeModal('Nothing open', 'No programme is open for signup right now.');
