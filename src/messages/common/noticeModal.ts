import { modal } from './inputs.js';
import { section } from './text.js';

/** A modal with a message and a Close button only. */
export function noticeModal(title: string, text: string) {
  const { submit: _submit, ...view } = modal('notice', title, [section(text)], { close: 'Close' });
  return view;
}
