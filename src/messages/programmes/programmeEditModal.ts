// /rm-admin edit: the opening form filled in with the programme's settings, and its topic catalogue.
import { TOPIC_LIMITS, type CatalogueTopic } from '../../domain/programmeEdits.js';
import type { ProgrammeDraft } from '../../domain/programmes.js';
import { modal, multiSelectInput, textInput } from '../common/inputs.js';
import { clipPlain, context, escapeText } from '../common/text.js';
import { programmeFields } from './programmeModal.js';

export const PROGRAMME_EDIT_MODAL = 'programme_edit';

/** What the modal carries back: which programme, and a fingerprint of the settings it showed (a later edit by someone else wins). */
export interface ProgrammeEditState {
  programmeId: string;
  version: string;
}

export function programmeEditModal(
  settings: { draft: ProgrammeDraft; topics: CatalogueTopic[]; timezone: string },
  state: ProgrammeEditState,
) {
  const { draft, topics, timezone } = settings;
  const direction = (t: CatalogueTopic) => (t.direction === 'upward' ? 'junior teaches' : 'senior teaches');
  const choices = topics.map((t) => ({
    value: t.key,
    label: `${clipPlain(t.label, TOPIC_LIMITS.label - 20)} (${direction(t)})`,
  }));
  const newTopics = (blockId: string, label: string) =>
    textInput(blockId, label, {
      multiline: true,
      optional: true,
      maxLength: 2000,
      hint: 'One topic a line.',
    });
  return modal(
    PROGRAMME_EDIT_MODAL,
    'Edit programme',
    [
      context(`Editing *${escapeText(draft.name)}*. Dates are in ${timezone}. Every change is recorded with your name.`),
      ...programmeFields({ ...draft, timezone }),
      multiSelectInput('topics', 'Topics', choices, {
        initial: topics.filter((t) => !t.retired).map((t) => t.key),
        hint: 'Remove a topic to retire it: forms stop offering it, answers that name it stay in reports. Select it again to bring it back.',
      }),
      newTopics('newUpwardTopics', 'New topics junior mentors teach'),
      newTopics('newDownwardTopics', 'New topics senior mentees teach'),
    ],
    { submit: 'Save changes', privateMetadata: JSON.stringify(state) },
  );
}
