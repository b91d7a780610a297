// Reminders of a coordinator's own next step (docs/coordinators.md, "Reminders"): data in, outbox messages out.
import { localDate } from '../core/localDate.js';
import { slackDay } from './common/dates.js';
import type { OutgoingMessage } from './outgoing.js';
import { button, escapeText, section, type Block } from './common/text.js';
import { HOME_ACTIONS } from './home.js';
import { REPORT_ACTIONS } from './report.js';

export interface ReminderTo {
  programmeId: string;
  programmeName: string;
  coordinator: string;
  /** the coordinator's zone: days are written for their calendar */
  zone: string;
  /** in the coordinator's working hours */
  notBefore: Date;
}

function reminder(to: ReminderTo, key: string, kind: string, text: string, action: Block): OutgoingMessage {
  return {
    idempotencyKey: key,
    kind,
    to: { users: [to.coordinator] },
    text,
    blocks: [section(text), action],
    notBefore: to.notBefore,
    metadata: { programme_id: to.programmeId, planned_at: to.notBefore.toISOString() },
  };
}

const actions = (...elements: ReturnType<typeof button>[]): Block => ({ type: 'actions', elements });

/** Signup has closed: how many joined, and the way to the matching preview (the App Home's own button). */
export function signupClosedReminder(to: ReminderTo, counts: { mentors: number; mentees: number }): OutgoingMessage {
  const joined = counts.mentors + counts.mentees;
  const text =
    `Signup for *${escapeText(to.programmeName)}* has closed: ${joined} joined, ${counts.mentors} mentor${counts.mentors === 1 ? '' : 's'} ` +
    `and ${counts.mentees} mentee${counts.mentees === 1 ? '' : 's'}. Preview the matching, adjust it if you like, and approve it: nobody is told anything before you approve.`;
  return reminder(
    to,
    `reminder:signup-closed:${to.programmeId}:${to.coordinator}`,
    'coordinator.reminder.signup_closed',
    text,
    actions(button('Preview the matching', HOME_ACTIONS.previewMatching, to.programmeId, 'primary')),
  );
}

/** A draft matching has waited two working days. */
export function draftWaitingReminder(to: ReminderTo, draft: { runId: string; createdAt: Date }): OutgoingMessage {
  const since = slackDay(localDate(draft.createdAt, to.zone), to.zone);
  const text = `The draft matching for *${escapeText(to.programmeName)}* has been waiting for your approval since ${since}. Until you approve it, nobody is introduced.`;
  return reminder(
    to,
    `reminder:draft-waiting:${draft.runId}:${to.coordinator}`,
    'coordinator.reminder.draft_waiting',
    text,
    actions(button('Open the draft', HOME_ACTIONS.previewMatching, to.programmeId, 'primary')),
  );
}

/** The programme ends soon: what will happen, and the report. */
export function endingSoonReminder(to: ReminderTo, endDate: string): OutgoingMessage {
  const text =
    `*${escapeText(to.programmeName)}* ends on ${slackDay(endDate, to.zone)}. That day each pair gets a thank-you, check-in nudges stop, ` +
    'and everyone gets the final survey. Afterwards, close the programme with `/rm-admin close`. The report shows how it is going.';
  return reminder(
    to,
    `reminder:ending-soon:${to.programmeId}:${to.coordinator}`,
    'coordinator.reminder.ending_soon',
    text,
    actions(button('Open the report', REPORT_ACTIONS.open, to.programmeId)),
  );
}
