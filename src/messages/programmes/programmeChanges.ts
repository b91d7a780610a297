// /rm-admin edit: refusals, and the record of changes as coordinators read it in App Home. No I/O.
import { isSlackChannelId, isSlackUserId } from '../../domain/inputs.js';
import { slackDay, slackStamp } from '../common/dates.js';
import { clipPlain, escapeText } from '../common/text.js';

export type EditRefusal = 'not_coordinator' | 'missing' | 'closed' | 'stale';

export function editRefusalText(reason: EditRefusal): string {
  switch (reason) {
    case 'not_coordinator':
      return "Only this programme's coordinators can edit it.";
    case 'missing':
      return 'That programme no longer exists.';
    case 'closed':
      return 'This programme is closed: its settings can no longer change.';
    case 'stale':
      return 'Someone saved changes to this programme after you opened this form. Cancel, then open the form again to see theirs: nothing of yours was saved.';
  }
}

export interface RecordedChange {
  field: string;
  before: string;
  after: string;
  changedBySlackId: string;
  changedAt: Date;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  startDate: 'start date',
  durationMonths: 'duration',
  endDate: 'end date',
  cadenceDays: 'check-ins',
  minSeniorityGap: 'minimum seniority gap',
  objectives: 'objectives',
  signupDeadline: 'signup deadline',
  announcementChannel: 'announcement channel',
  topicsAdded: 'topics added',
  topicsRetired: 'topics retired',
  topicsRestored: 'topics brought back',
};

const excerpt = (text: string) => clipPlain(text, 60);

/** A recorded value in words; user text escaped (it can mention nobody) and cut short. */
function valueText(field: string, value: string, readerZone: string): string {
  if (value === '') return 'none';
  switch (field) {
    case 'startDate':
    case 'endDate':
    case 'signupDeadline':
      return slackDay(value, readerZone);
    case 'durationMonths':
      return `${value} months`;
    case 'cadenceDays':
      return `every ${Number(value) / 7} weeks`;
    case 'minSeniorityGap':
      return `${value} levels`;
    case 'announcementChannel':
      return isSlackChannelId(value) ? `<#${value}>` : 'a channel';
    default:
      return `"${escapeText(excerpt(value))}"`;
  }
}

/** One line of "Recent changes": when and the dates changed (Slack shows them in the reader's own zone), who, what. */
export function changeLine(c: RecordedChange, readerZone: string): string {
  const when = slackStamp(c.changedAt, readerZone);
  const label = FIELD_LABELS[c.field] ?? c.field;
  const what = c.field.startsWith('topics')
    ? `${label}: ${valueText(c.field, c.before || c.after, readerZone)}`
    : `${label} ${valueText(c.field, c.before, readerZone)} → ${valueText(c.field, c.after, readerZone)}`;
  const who = isSlackUserId(c.changedBySlackId) ? `<@${c.changedBySlackId}>` : escapeText(c.changedBySlackId);
  return `• ${when}, ${who}: ${what}`;
}
