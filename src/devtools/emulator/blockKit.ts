import { isObject, type JsonObject } from './json.js';
import { shortId } from './ids.js';

/** From fixtures/block_kit_limits.json. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewStack: 3,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxRadioOptions: 10,
  overflowOptions: 5,
  plainTextInputLength: 3000,
  viewBytes: 250_000,
} as const;

const BLOCK_TYPES = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'input',
  'header',
  'rich_text',
  'file',
  'video',
  'markdown',
  'context_actions',
  'table',
]);

const ELEMENT_TYPES = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'image',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'timepicker',
  'url_text_input',
  'workflow_button',
  'file_input',
]);

/** Element types whose value Slack reports in `state.values`. */
export const STATEFUL_ELEMENTS = new Set(
  [...ELEMENT_TYPES].filter((t) => !['button', 'image', 'overflow', 'workflow_button'].includes(t)),
);

type Problems = string[];

function tooLong(problems: Problems, text: unknown, max: number, pointer: string): void {
  if (typeof text === 'string' && text.length > max) {
    problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  }
}

function tooMany(problems: Problems, items: unknown, max: number, pointer: string): void {
  if (Array.isArray(items) && items.length > max) {
    problems.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  }
}

function textObject(problems: Problems, value: unknown, max: number, pointer: string, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) problems.push(`[ERROR] missing required field: ${pointer.split('/').pop() ?? ''} [json-pointer:${pointer}]`);
    return;
  }
  if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn') || typeof value.text !== 'string') {
    problems.push(`[ERROR] must be a text object [json-pointer:${pointer}]`);
    return;
  }
  if (value.text.length === 0) problems.push(`[ERROR] must be more than 0 characters [json-pointer:${pointer}/text]`);
  tooLong(problems, value.text, max, `${pointer}/text`);
}

function plainTextOnly(problems: Problems, value: unknown, max: number, pointer: string): void {
  textObject(problems, value, max, pointer, true);
  if (isObject(value) && value.type === 'mrkdwn')
    problems.push(`[ERROR] must be a plain_text object [json-pointer:${pointer}/type]`);
}

/** A confirmation dialog object: title, text, confirm and deny are required; only text may be mrkdwn. */
function confirmDialog(problems: Problems, value: unknown, pointer: string): void {
  if (!isObject(value)) {
    problems.push(`[ERROR] must be an object [json-pointer:${pointer}]`);
    return;
  }
  plainTextOnly(problems, value.title, LIMITS.confirmTitle, `${pointer}/title`);
  textObject(problems, value.text, LIMITS.confirmText, `${pointer}/text`, true);
  plainTextOnly(problems, value.confirm, LIMITS.confirmButton, `${pointer}/confirm`);
  plainTextOnly(problems, value.deny, LIMITS.confirmButton, `${pointer}/deny`);
  if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
    problems.push(`[ERROR] must be one of primary, danger [json-pointer:${pointer}/style]`);
  }
}

function options(problems: Problems, list: unknown, max: number, pointer: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`[ERROR] must be an array [json-pointer:${pointer}]`);
    return;
  }
  tooMany(problems, list, max, pointer);
  list.forEach((option, i) => {
    if (!isObject(option)) return;
    textObject(problems, option.text, LIMITS.optionText, `${pointer}/${i}/text`, true);
    tooLong(problems, option.value, LIMITS.optionValue, `${pointer}/${i}/value`);
  });
}

function element(problems: Problems, el: unknown, pointer: string, actionIds: Set<string>): void {
  if (!isObject(el) || typeof el.type !== 'string') {
    problems.push(`[ERROR] missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  if (!ELEMENT_TYPES.has(el.type)) {
    problems.push(`[ERROR] unsupported type: ${el.type} [json-pointer:${pointer}/type]`);
    return;
  }
  if (typeof el.action_id === 'string') {
    tooLong(problems, el.action_id, LIMITS.actionId, `${pointer}/action_id`);
    if (actionIds.has(el.action_id)) {
      problems.push(`[ERROR] duplicate action_id: ${el.action_id} [json-pointer:${pointer}/action_id]`);
    }
    actionIds.add(el.action_id);
  }
  textObject(problems, el.placeholder, LIMITS.placeholder, `${pointer}/placeholder`, false);
  if (el.confirm !== undefined) confirmDialog(problems, el.confirm, `${pointer}/confirm`);
  switch (el.type) {
    case 'button':
      textObject(problems, el.text, LIMITS.buttonText, `${pointer}/text`, true);
      tooLong(problems, el.value, LIMITS.buttonValue, `${pointer}/value`);
      tooLong(problems, el.url, LIMITS.buttonUrl, `${pointer}/url`);
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.options === undefined && el.option_groups === undefined) {
        problems.push(`[ERROR] must provide either options or option_groups [json-pointer:${pointer}]`);
      }
      options(problems, el.options, LIMITS.selectOptions, `${pointer}/options`);
      tooMany(problems, el.option_groups, LIMITS.selectOptions, `${pointer}/option_groups`);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      options(problems, el.options, LIMITS.checkboxRadioOptions, `${pointer}/options`);
      break;
    case 'overflow':
      options(problems, el.options, LIMITS.overflowOptions, `${pointer}/options`);
      break;
    case 'datetimepicker':
      // Slack's datetimepicker takes no placeholder; its initial value is a UNIX timestamp in seconds (10 digits).
      if (el.placeholder !== undefined) problems.push(`[ERROR] unknown field: placeholder [json-pointer:${pointer}/placeholder]`);
      if (
        el.initial_date_time !== undefined &&
        !(
          typeof el.initial_date_time === 'number' &&
          Number.isInteger(el.initial_date_time) &&
          /^\d{10}$/.test(String(el.initial_date_time))
        )
      ) {
        problems.push(`[ERROR] must be a UNIX timestamp in seconds [json-pointer:${pointer}/initial_date_time]`);
      }
      break;
    case 'plain_text_input':
      for (const key of ['max_length', 'min_length'] as const) {
        const n = el[key];
        if (n !== undefined && (typeof n !== 'number' || n < (key === 'max_length' ? 1 : 0) || n > LIMITS.plainTextInputLength)) {
          problems.push(`[ERROR] must be between ${key === 'max_length' ? 1 : 0} and 3000 [json-pointer:${pointer}/${key}]`);
        }
      }
      break;
    default:
      break;
  }
}

function block(problems: Problems, b: unknown, pointer: string, blockIds: Set<string>): void {
  if (!isObject(b) || typeof b.type !== 'string') {
    problems.push(`[ERROR] missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  if (!BLOCK_TYPES.has(b.type)) {
    problems.push(`[ERROR] unsupported type: ${b.type} [json-pointer:${pointer}/type]`);
    return;
  }
  if (typeof b.block_id === 'string') {
    tooLong(problems, b.block_id, LIMITS.blockId, `${pointer}/block_id`);
    if (blockIds.has(b.block_id)) problems.push(`[ERROR] duplicate block_id: ${b.block_id} [json-pointer:${pointer}/block_id]`);
    blockIds.add(b.block_id);
  }
  const actionIds = new Set<string>();
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) {
        problems.push(`[ERROR] must provide either text or fields [json-pointer:${pointer}]`);
      }
      textObject(problems, b.text, LIMITS.sectionText, `${pointer}/text`, false);
      tooMany(problems, b.fields, LIMITS.sectionFields, `${pointer}/fields`);
      if (Array.isArray(b.fields)) {
        b.fields.forEach((f, i) => textObject(problems, f, LIMITS.sectionFieldText, `${pointer}/fields/${i}`, true));
      }
      if (b.accessory !== undefined) element(problems, b.accessory, `${pointer}/accessory`, actionIds);
      break;
    case 'header':
      textObject(problems, b.text, LIMITS.headerText, `${pointer}/text`, true);
      break;
    case 'actions':
    case 'context': {
      const max = b.type === 'actions' ? LIMITS.actionsElements : LIMITS.contextElements;
      if (!Array.isArray(b.elements) || b.elements.length === 0) {
        problems.push(`[ERROR] must provide at least 1 item [json-pointer:${pointer}/elements]`);
        break;
      }
      tooMany(problems, b.elements, max, `${pointer}/elements`);
      if (b.type === 'actions') b.elements.forEach((el, i) => element(problems, el, `${pointer}/elements/${i}`, actionIds));
      break;
    }
    case 'input':
      textObject(problems, b.label, LIMITS.inputLabel, `${pointer}/label`, true);
      textObject(problems, b.hint, LIMITS.inputHint, `${pointer}/hint`, false);
      if (b.element === undefined) problems.push(`[ERROR] missing required field: element [json-pointer:${pointer}]`);
      else element(problems, b.element, `${pointer}/element`, actionIds);
      break;
    default:
      break;
  }
}

/** Slack-style problem messages for a blocks array (empty when valid). */
export function validateBlocks(blocks: unknown, pointer: string, maxBlocks: number): string[] {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array [json-pointer:${pointer}]`];
  tooMany(problems, blocks, maxBlocks, pointer);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => block(problems, b, `${pointer}/${i}`, blockIds));
  return problems;
}

export function validateView(view: unknown): string[] {
  if (!isObject(view)) return ['[ERROR] must be an object [json-pointer:/view]'];
  const problems: Problems = [];
  if (view.type !== 'modal' && view.type !== 'home') {
    problems.push('[ERROR] must be one of modal, home [json-pointer:/view/type]');
    return problems;
  }
  if (view.type === 'modal') {
    textObject(problems, view.title, LIMITS.viewTitle, '/view/title', true);
    textObject(problems, view.submit, LIMITS.viewButton, '/view/submit', false);
    textObject(problems, view.close, LIMITS.viewButton, '/view/close', false);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      problems.push('[ERROR] must provide submit when using input blocks [json-pointer:/view/submit]');
    }
  }
  if (view.blocks === undefined) problems.push('[ERROR] missing required field: blocks [json-pointer:/view]');
  else problems.push(...validateBlocks(view.blocks, '/view/blocks', LIMITS.viewBlocks));
  tooLong(problems, view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  tooLong(problems, view.callback_id, LIMITS.callbackId, '/view/callback_id');
  tooLong(problems, view.external_id, LIMITS.externalId, '/view/external_id');
  return problems;
}

function withActionIds(el: unknown, seed: string): unknown {
  if (!isObject(el) || typeof el.type !== 'string' || !ELEMENT_TYPES.has(el.type) || typeof el.action_id === 'string') return el;
  return { ...el, action_id: shortId(`${seed}:action`) };
}

/** Slack fills in block_id and action_id when an app leaves them out; apps must not assume they are absent. */
export function withGeneratedIds(blocks: unknown[], seed: string): JsonObject[] {
  return blocks.filter(isObject).map((b, i) => {
    const out: JsonObject = { ...b };
    if (typeof out.block_id !== 'string') out.block_id = shortId(`${seed}:${i}`);
    if (out.accessory !== undefined) out.accessory = withActionIds(out.accessory, `${seed}:${i}:acc`);
    if (out.element !== undefined) out.element = withActionIds(out.element, `${seed}:${i}:el`);
    if (out.type === 'actions' && Array.isArray(out.elements)) {
      out.elements = out.elements.map((el, j) => withActionIds(el, `${seed}:${i}:${j}`));
    }
    return out;
  });
}

/** Every interactive element of the blocks with the block it sits in. */
export function elementsOf(blocks: readonly JsonObject[]): Array<{ block: JsonObject; element: JsonObject }> {
  const found: Array<{ block: JsonObject; element: JsonObject }> = [];
  for (const b of blocks) {
    const candidates: unknown[] = [];
    if (b.type === 'input') candidates.push(b.element);
    if (b.type === 'section') candidates.push(b.accessory);
    if (b.type === 'actions' && Array.isArray(b.elements)) candidates.push(...(b.elements as unknown[]));
    for (const el of candidates) if (isObject(el) && typeof el.type === 'string') found.push({ block: b, element: el });
  }
  return found;
}
