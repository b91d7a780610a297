import { elementsOf, STATEFUL_ELEMENTS } from './blockKit.js';
import { isObject, type JsonObject } from './json.js';
import type { SlackView, StateValues } from './viewStore.js';

/** A modal answer: text / option value / user / date / time, a list of them, a number, or null to leave blank. */
export type Answer = string | number | string[] | null;
/** Answers keyed by block_id; a block with several inputs takes an object keyed by action_id. */
export type Answers = Record<string, Answer | Record<string, Answer>>;

export class ModalIncompleteError extends Error {
  constructor(readonly blockIds: string[]) {
    super(`Slack would not submit: required inputs left empty: ${blockIds.join(', ')}`);
    this.name = 'ModalIncompleteError';
  }
}

function allOptions(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObject) : []))
    : [];
  return [...direct, ...grouped];
}

function option(element: JsonObject, value: string, where: string): JsonObject {
  const found = allOptions(element).find((o) => o.value === value);
  // External selects load options at run time; Slack echoes what the user picked.
  if (!found && element.type !== 'external_select' && element.type !== 'multi_external_select') {
    throw new Error(`no option "${value}" in ${where}`);
  }
  return found ?? { text: { type: 'plain_text', text: value, emoji: true }, value };
}

const asList = (answer: Answer): string[] => (Array.isArray(answer) ? answer : answer === null ? [] : [String(answer)]);
const asOne = (answer: Answer): string | null =>
  answer === null ? null : Array.isArray(answer) ? (answer[0] ?? null) : String(answer);

/**
 * The `state.values` entry for one element. No answer means what the user would submit untouched: the
 * element's initial value if it has one, else null / [].
 */
export function stateValueFor(element: JsonObject, answer: Answer | undefined, where: string): JsonObject {
  const type = String(element.type);
  const given = answer !== undefined;
  const one = (initialKey: string): unknown => (given ? asOne(answer) : (element[initialKey] ?? null));
  const many = (initialKey: string): unknown => (given ? asList(answer) : (element[initialKey] ?? []));
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: one('initial_value') };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      if (!given) return { type, selected_option: element.initial_option ?? null };
      const value = asOne(answer);
      return { type, selected_option: value === null ? null : option(element, value, where) };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        type,
        selected_options: given ? asList(answer).map((v) => option(element, v, where)) : (element.initial_options ?? []),
      };
    case 'users_select':
      return { type, selected_user: one('initial_user') };
    case 'multi_users_select':
      return { type, selected_users: many('initial_users') };
    case 'conversations_select':
      return { type, selected_conversation: one('initial_conversation') };
    case 'multi_conversations_select':
      return { type, selected_conversations: many('initial_conversations') };
    case 'channels_select':
      return { type, selected_channel: one('initial_channel') };
    case 'multi_channels_select':
      return { type, selected_channels: many('initial_channels') };
    case 'datepicker':
      return { type, selected_date: one('initial_date') };
    case 'timepicker':
      return { type, selected_time: one('initial_time') };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: given ? (answer === null ? null : Number(asOne(answer))) : (element.initial_date_time ?? null),
      };
    case 'file_input':
      return { type, files: [] };
    default:
      return { type, value: one('initial_value') };
  }
}

export function isBlank(value: JsonObject): boolean {
  return Object.entries(value).every(
    ([key, v]) => key === 'type' || v === null || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** Builds `state.values` for every stateful element of the view from answers keyed by block_id. */
export function buildStateValues(view: SlackView, answers: Answers): StateValues {
  const known = new Set(view.blocks.map((b) => b.block_id));
  const unknown = Object.keys(answers).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`no block ${unknown.join(', ')} in view ${view.id}`);
  const values: StateValues = {};
  for (const { block, element } of elementsOf(view.blocks)) {
    if (!STATEFUL_ELEMENTS.has(String(element.type))) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const raw = answers[blockId];
    const answer = isObject(raw) ? raw[actionId] : raw;
    (values[blockId] ??= {})[actionId] = stateValueFor(element, answer as Answer | undefined, `${blockId}/${actionId}`);
  }
  return values;
}

/** Required input blocks left blank: the Slack client refuses to submit those. */
export function missingRequired(view: SlackView, values: StateValues): string[] {
  return view.blocks
    .filter((b) => b.type === 'input' && b.optional !== true)
    .map((b) => String(b.block_id))
    .filter((blockId) => Object.values(values[blockId] ?? {}).every(isBlank));
}
