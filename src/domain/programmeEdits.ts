// Changing a programme after /rm-admin open: the opening form's rules, plus what may no longer change once the
// programme has started or ended, the topic catalogue (added, retired, restored) and the record of what changed.
// Pure: today and the phase are arguments.
import { addMonths } from '../core/calendar.js';
import type { Problems } from './problems.js';
import {
  acceptsSignups,
  programmePhase,
  programmeProblems,
  type PhaseFacts,
  type ProgrammeDraft,
  type ProgrammeField,
  type ProgrammePhase,
} from './programmes.js';
import type { Topic, TopicDirection } from './topics.js';

/** Slack shows at most 100 options in a select and 75 characters of each. */
export const TOPIC_LIMITS = { count: 100, label: 75 } as const;

export interface CatalogueTopic extends Topic {
  retired: boolean;
}

/** The settings as stored: the opening form's fields and the topic catalogue (retired topics included). */
export interface ProgrammeSettings {
  draft: ProgrammeDraft;
  topics: CatalogueTopic[];
}

/** What the edit form sends: the opening form's fields, the topics left selected, new topics by direction. */
export interface ProgrammeEdit {
  draft: ProgrammeDraft;
  keptTopicKeys: string[];
  newTopics: { upward: string[]; downward: string[] };
}

export type EditField = ProgrammeField | 'topics' | 'newUpwardTopics' | 'newDownwardTopics';

export const endDateOfDraft = (d: Pick<ProgrammeDraft, 'startDate' | 'durationMonths'>): string =>
  addMonths(d.startDate, d.durationMonths);

/** New topics as typed, one a line: list marks and blank lines dropped, each once. */
export function topicLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((l) => l !== '');
  return [...new Set(lines)];
}

const started = (phase: ProgrammePhase) => phase === 'running' || phase === 'ended';

/** Each problem of an edit, keyed by its field: the opening form's rules, then what the phase allows. */
export function programmeEditProblems(
  current: ProgrammeSettings,
  edit: ProgrammeEdit,
  today: string,
  phase: ProgrammePhase,
): Problems<EditField> {
  const before = current.draft;
  const after = edit.draft;
  // A date left as it was is not judged again: a deadline that has passed may stay where it is.
  const deadlineKept = after.signupDeadline === before.signupDeadline;
  const problems: Problems<EditField> = programmeProblems(
    after,
    deadlineKept && after.signupDeadline < today ? after.signupDeadline : today,
  );
  if (after.startDate !== before.startDate && !problems.startDate) {
    if (started(phase)) problems.startDate = 'The programme has started: its start date stays as it is.';
    else if (after.startDate < today) problems.startDate = 'That day has passed: choose today or later.';
  }
  if (!deadlineKept && started(phase))
    problems.signupDeadline = 'The programme has started: signup cannot reopen. Leave the deadline as it is.';
  const end = endDateOfDraft(after);
  if (end !== endDateOfDraft(before) && !problems.durationMonths && !problems.startDate) {
    if (phase === 'ended')
      problems.durationMonths = 'The programme has ended and its pairs have wrapped up: its duration stays as it is.';
    else if (end <= today)
      problems.durationMonths = `That would end the programme on ${end}, which is not after today: choose a longer duration.`;
  }
  Object.assign(problems, topicProblems(current.topics, edit));
  return problems;
}

function topicProblems(catalogue: CatalogueTopic[], edit: ProgrammeEdit): Problems<EditField> {
  const problems: Problems<EditField> = {};
  const known = new Set(catalogue.map((t) => t.key));
  if (edit.keptTopicKeys.some((k) => !known.has(k))) problems.topics = 'Choose topics from the list.';
  const labels = new Set(catalogue.map((t) => t.label.toLowerCase()));
  const seen = new Set<string>();
  for (const [field, lines] of [
    ['newUpwardTopics', edit.newTopics.upward],
    ['newDownwardTopics', edit.newTopics.downward],
  ] as const) {
    for (const label of lines) {
      const key = label.toLowerCase();
      if (label.length > TOPIC_LIMITS.label) problems[field] = `Keep each topic under ${TOPIC_LIMITS.label} characters.`;
      else if (labels.has(key)) problems[field] = `"${label}" is a topic already: select it in the list above.`;
      else if (seen.has(key)) problems[field] = `"${label}" is listed twice.`;
      seen.add(key);
    }
  }
  const added = edit.newTopics.upward.length + edit.newTopics.downward.length;
  if (catalogue.length + added > TOPIC_LIMITS.count)
    problems.newUpwardTopics ??= `A programme can have at most ${TOPIC_LIMITS.count} topics, retired ones included.`;
  if (edit.keptTopicKeys.length + added === 0 && !problems.topics) problems.topics = 'Keep at least one topic.';
  return problems;
}

/** What an edit does to the catalogue: topics added (with new keys), retired and brought back. */
export interface TopicPlan {
  added: Array<Topic & { position: number }>;
  retired: string[];
  restored: string[];
}

/** A stable key for a new topic, not taken by any topic of the programme (retired ones included). */
export function newTopicKey(label: string, taken: ReadonlySet<string>): string {
  const slug =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'topic';
  let key = slug;
  for (let n = 2; taken.has(key); n++) key = `${slug}-${n}`;
  return key;
}

export function topicPlan(catalogue: CatalogueTopic[], edit: ProgrammeEdit): TopicPlan {
  const kept = new Set(edit.keptTopicKeys);
  const taken = new Set(catalogue.map((t) => t.key));
  let position = catalogue.length;
  const added: TopicPlan['added'] = [];
  for (const [direction, lines] of [
    ['upward', edit.newTopics.upward],
    ['downward', edit.newTopics.downward],
  ] as Array<[TopicDirection, string[]]>) {
    for (const label of lines) {
      const key = newTopicKey(label, taken);
      taken.add(key);
      added.push({ key, label, direction, position: position++ });
    }
  }
  return {
    added,
    retired: catalogue.filter((t) => !t.retired && !kept.has(t.key)).map((t) => t.key),
    restored: catalogue.filter((t) => t.retired && kept.has(t.key)).map((t) => t.key),
  };
}

/** One changed setting as recorded: values as text (dates YYYY-MM-DD, a channel id, topic labels joined). */
export interface SettingChange {
  field: string;
  before: string;
  after: string;
}

const DRAFT_FIELDS = [
  'name',
  'startDate',
  'durationMonths',
  'cadenceDays',
  'minSeniorityGap',
  'objectives',
  'signupDeadline',
  'announcementChannel',
] as const satisfies readonly ProgrammeField[];

/** Every setting the edit changes, in the form's order; the end date is recorded when it moves. */
export function settingChanges(current: ProgrammeSettings, edit: ProgrammeEdit, plan: TopicPlan): SettingChange[] {
  const changes: SettingChange[] = [];
  const text = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  for (const field of DRAFT_FIELDS) {
    const before = text(current.draft[field]);
    const after = text(edit.draft[field]);
    if (before !== after) changes.push({ field, before, after });
    if (field === 'durationMonths') {
      const [from, to] = [endDateOfDraft(current.draft), endDateOfDraft(edit.draft)];
      if (from !== to) changes.push({ field: 'endDate', before: from, after: to });
    }
  }
  const label = new Map(current.topics.map((t) => [t.key, t.label]));
  const labels = (keys: string[]) => keys.map((k) => label.get(k) ?? k).join(', ');
  if (plan.added.length > 0) changes.push({ field: 'topicsAdded', before: '', after: plan.added.map((t) => t.label).join(', ') });
  if (plan.retired.length > 0) changes.push({ field: 'topicsRetired', before: labels(plan.retired), after: '' });
  if (plan.restored.length > 0) changes.push({ field: 'topicsRestored', before: '', after: labels(plan.restored) });
  return changes;
}

/**
 * Whether an edit changes what App Home shows the people who neither coordinate nor take part in the programme. Of a
 * programme their Home shows only whether it counts among those open for signup, so only an edit that opens or
 * closes signup today (on the programme's calendar) does; its name, dates, cadence or topics they do not see.
 */
export function changesOutsidersHome(before: PhaseFacts, after: PhaseFacts, today: string): boolean {
  return acceptsSignups(programmePhase(before, today)) !== acceptsSignups(programmePhase(after, today));
}
