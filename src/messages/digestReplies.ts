// What a coordinator reads after pressing a button of the weekly digest, and the profile it opens. No I/O.
import type { types } from '@slack/bolt';
import { slackDay } from './common/dates.js';
import { modal } from './common/inputs.js';
import { context, escapeText, mrkdwn, section } from './common/text.js';

export type DigestActionRefusal =
  'not_coordinator' | 'gone' | 'erased' | 'no_longer_at_risk' | 'already_nudged' | 'not_running' | 'not_waiting';

const NOTHING = 'Nothing was changed.';

export function digestRefusalText(reason: DigestActionRefusal, programmeName = 'this programme'): string {
  const programme = escapeText(programmeName);
  switch (reason) {
    case 'not_coordinator':
      return `Only the coordinators of ${programme} can use these buttons. ${NOTHING}`;
    case 'gone':
      return `This is no longer in ${programme}. ${NOTHING}`;
    case 'erased':
      return 'This person deleted their data: there is no profile to show.';
    case 'no_longer_at_risk':
      return `Already handled: this pair is no longer at risk (they met, or the pair was paused or ended). ${NOTHING}`;
    case 'already_nudged':
      return `Already handled: this pair was nudged again from a digest. ${NOTHING}`;
    case 'not_running':
      return `Already handled: this pair is already paused or has ended. ${NOTHING}`;
    case 'not_waiting':
      return `Already handled: this pair no longer waits for a rematch. ${NOTHING}`;
  }
}

export const nudgedAgainText = (mentor: string, mentee: string, at: string) =>
  `Done: <@${mentor}> and <@${mentee}> get one more check-in reminder (${at}).`;

export const pausedPairText = (mentor: string, mentee: string) =>
  `Done: the check-ins of <@${mentor}> and <@${mentee}> are paused. They are told, and either of them can resume.`;

/** The coordinator's nudge to a pair with no check-in open (the next one is not planned yet). */
export const nudgeWithoutCheckInText = (mentor: string, mentee: string, programmeName: string) =>
  `Hi <@${mentor}> and <@${mentee}>: it has been a while since your last check-in in ${escapeText(programmeName)}. Could you find a time to meet? Your next check-in message lets you log it.`;

export interface ProfileView {
  slackUserId: string;
  displayName: string;
  title: string;
  programmeName: string;
  role: string;
  status: string;
  pausedUntil?: string;
  leftOn?: string;
  department: string;
  seniorityLevel: number;
  careerStage: string;
  generation: string;
  meetingPreference: string;
  timezone: string;
  capacity: number;
  teaches: string[];
  learns: string[];
  goals: string;
}

const MEETING: Record<string, string> = { video: 'video', in_person: 'in person', either: 'video or in person' };
const or = (s: string) => (s.trim() ? escapeText(s) : '–');

/** A participant's profile as a coordinator may see it: never their feedback, concerns or private avoid list. */
export function profileModal(p: ProfileView): types.ModalView {
  const status =
    p.status === 'paused' && p.pausedUntil
      ? `paused until ${slackDay(p.pausedUntil, p.timezone)}`
      : p.leftOn
        ? `${p.status === 'departed' ? 'left the company' : 'left the programme'} on ${slackDay(p.leftOn, p.timezone)}`
        : p.status;
  const fields = [
    `*Status*\n${status}`,
    `*Department*\n${or(p.department)}`,
    `*Level*\n${p.seniorityLevel}${p.careerStage ? ` (${escapeText(p.careerStage)})` : ''}`,
    `*Generation*\n${or(p.generation)}`,
    `*Meets by*\n${MEETING[p.meetingPreference] ?? 'video or in person'}`,
    `*Time zone*\n${escapeText(p.timezone)}`,
    ...(p.role === 'mentor' ? [`*Mentees at most*\n${p.capacity}`] : []),
  ];
  const name = p.displayName ? ` (${escapeText(p.displayName)})` : '';
  const title = p.title ? `, ${escapeText(p.title)}` : '';
  const blocks: types.KnownBlock[] = [
    section(`<@${p.slackUserId}>${name}${title}: ${p.role} in *${escapeText(p.programmeName)}*`),
    { type: 'section', fields: fields.map(mrkdwn) },
    section(
      `*Teaches*: ${p.teaches.map(escapeText).join(', ') || '–'}\n*Wants to learn*: ${p.learns.map(escapeText).join(', ') || '–'}`,
    ),
    section(`*Goals, in their words*\n${or(p.goals)}`),
    context('Feedback, private concerns and whom someone asked not to be paired with are never shown here.'),
  ];
  const { submit: _submit, ...view } = modal('digest_profile', 'Profile', blocks, { close: 'Close' });
  return view;
}
