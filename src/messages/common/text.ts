// Small Block Kit helpers: data in, JSON out, no I/O.
import type { types } from '@slack/bolt';

type ContextBlock = types.ContextBlock;
type DividerBlock = types.DividerBlock;
type HeaderBlock = types.HeaderBlock;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;
type SectionBlock = types.SectionBlock;

export type Block = types.KnownBlock;

export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });
export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const divider = (): DividerBlock => ({ type: 'divider' });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** A button; `confirm` asks before the click counts. */
export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  confirm?: types.ConfirmationDialog,
): types.Button => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
  ...(confirm ? { confirm } : {}),
});
