import { elementsOf, STATEFUL_ELEMENTS } from './blockKit.js';
import type { JsonObject } from './json.js';
import { stateValueFor, type Answer } from './stateValues.js';

export interface ActionSelection {
  value?: string;
  selectedOption?: string;
  selectedOptions?: string[];
  selectedDate?: string;
  selectedTime?: string;
  /** a datetimepicker's choice: UNIX seconds */
  selectedDateTime?: number;
  selectedUser?: string;
  selectedUsers?: string[];
  selectedConversation?: string;
  selectedChannel?: string;
}

export interface FoundElement {
  block: JsonObject;
  element: JsonObject;
}

export function findElement(
  blocks: readonly JsonObject[],
  actionId: string,
  blockId: string | undefined,
  where: string,
): FoundElement {
  const found = elementsOf(blocks).find(
    (e) => e.element.action_id === actionId && (blockId === undefined || e.block.block_id === blockId),
  );
  if (!found) throw new Error(`no element with action_id "${actionId}"${blockId ? ` in block "${blockId}"` : ''} in ${where}`);
  return found;
}

function selectionAnswer(selection: ActionSelection): Answer | undefined {
  return (
    selection.selectedOptions ??
    selection.selectedUsers ??
    selection.selectedOption ??
    selection.selectedDate ??
    selection.selectedTime ??
    (selection.selectedDateTime !== undefined ? String(selection.selectedDateTime) : undefined) ??
    selection.selectedUser ??
    selection.selectedConversation ??
    selection.selectedChannel ??
    selection.value
  );
}

/** One entry of `actions[]` as Slack sends it for the element the user used. */
export function actionFor(
  found: FoundElement,
  selection: ActionSelection,
  actionTs: string,
): { action: JsonObject; state?: JsonObject } {
  const { block, element } = found;
  const type = String(element.type);
  const base = { action_id: element.action_id, block_id: block.block_id, type, action_ts: actionTs };
  if (type === 'button') {
    const action: JsonObject = { ...base, text: element.text, value: selection.value ?? element.value };
    if (element.style !== undefined) action.style = element.style;
    return { action };
  }
  if (type === 'overflow') {
    const wanted = selection.selectedOption ?? selection.value;
    const options = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
    const selected = options.find((o) => o.value === wanted);
    if (!selected) throw new Error(`no overflow option "${String(wanted)}"`);
    return { action: { ...base, selected_option: selected } };
  }
  if (!STATEFUL_ELEMENTS.has(type)) return { action: { ...base, value: selection.value } };
  const state = stateValueFor(element, selectionAnswer(selection), `${String(block.block_id)}/${String(element.action_id)}`);
  const { type: _type, ...picked } = state;
  return { action: { ...base, ...picked }, state };
}
