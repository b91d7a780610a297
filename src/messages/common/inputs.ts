// Input blocks for modals. Each input's block_id is the form field's name and its action_id is
// always "value", so parsing (src/slack/forms) and inline errors use the same names.
import type { types } from '@slack/bolt';
import { clipPlain, plain } from './text.js';

export const VALUE = 'value';
export interface Choice {
  value: string;
  label: string;
}

type Option = types.PlainTextOption;
/** Slack's limit on an option's text. */
const OPTION_TEXT_MAX = 75;
const option = (c: Choice): Option => ({ text: plain(clipPlain(c.label, OPTION_TEXT_MAX)), value: c.value });

interface InputOpts {
  optional?: boolean;
  hint?: string;
}

function input(blockId: string, label: string, element: types.InputBlockElement, opts: InputOpts = {}): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  };
}

export const textInput = (
  blockId: string,
  label: string,
  o: InputOpts & { initial?: string; multiline?: boolean; maxLength?: number; placeholder?: string } = {},
) =>
  input(
    blockId,
    label,
    {
      type: 'plain_text_input',
      action_id: VALUE,
      multiline: o.multiline ?? false,
      ...(o.initial ? { initial_value: o.initial } : {}),
      ...(o.maxLength ? { max_length: o.maxLength } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    },
    o,
  );

export const selectInput = (blockId: string, label: string, choices: Choice[], o: InputOpts & { initial?: string } = {}) => {
  const initial = choices.find((c) => c.value === o.initial);
  return input(
    blockId,
    label,
    {
      type: 'static_select',
      action_id: VALUE,
      options: choices.map(option),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
    o,
  );
};

export const radioInput = (blockId: string, label: string, choices: Choice[], o: InputOpts & { initial?: string } = {}) => {
  const initial = choices.find((c) => c.value === o.initial);
  return input(
    blockId,
    label,
    {
      type: 'radio_buttons',
      action_id: VALUE,
      options: choices.map(option),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
    o,
  );
};

export const multiSelectInput = (
  blockId: string,
  label: string,
  choices: Choice[],
  o: InputOpts & { initial?: string[]; max?: number } = {},
) => {
  const initial = choices.filter((c) => o.initial?.includes(c.value));
  return input(
    blockId,
    label,
    {
      type: 'multi_static_select',
      action_id: VALUE,
      options: choices.map(option),
      ...(initial.length > 0 ? { initial_options: initial.map(option) } : {}),
      ...(o.max ? { max_selected_items: o.max } : {}),
    },
    o,
  );
};

export const userInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(blockId, label, { type: 'users_select', action_id: VALUE, ...(o.initial ? { initial_user: o.initial } : {}) }, o);

export const usersInput = (blockId: string, label: string, o: InputOpts & { initial?: string[]; max?: number } = {}) =>
  input(
    blockId,
    label,
    {
      type: 'multi_users_select',
      action_id: VALUE,
      ...(o.initial && o.initial.length > 0 ? { initial_users: o.initial } : {}),
      ...(o.max ? { max_selected_items: o.max } : {}),
    },
    o,
  );

export const dateInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(blockId, label, { type: 'datepicker', action_id: VALUE, ...(o.initial ? { initial_date: o.initial } : {}) }, o);

export const channelInput = (blockId: string, label: string, o: InputOpts & { initial?: string } = {}) =>
  input(
    blockId,
    label,
    {
      type: 'conversations_select',
      action_id: VALUE,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(o.initial ? { initial_conversation: o.initial } : {}),
    },
    o,
  );

export function modal(
  callbackId: string,
  title: string,
  blocks: types.KnownBlock[],
  o: { submit?: string; close?: string; privateMetadata?: string } = {},
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title.slice(0, 24)),
    submit: plain((o.submit ?? 'Submit').slice(0, 24)),
    close: plain((o.close ?? 'Cancel').slice(0, 24)),
    blocks,
    ...(o.privateMetadata ? { private_metadata: o.privateMetadata } : {}),
  };
}
