import type { types } from '@slack/bolt';
import { modal, userInput } from '../common/inputs.js';
import { context } from '../common/text.js';

export const MATCH_SWAP_MODAL = 'match_swap';
export const MATCH_PIN_MODAL = 'match_pin';

export interface EditMetadata {
  runId: string;
  /** The preview modal underneath, updated after the change. */
  previewViewId: string;
}

export function swapModal(meta: EditMetadata): types.ModalView {
  return modal(
    MATCH_SWAP_MODAL,
    'Swap two people',
    [
      context(
        "Two mentors or two mentees exchange partners. A person on the waitlist takes the other one's place. Swapped pairs are pinned.",
      ),
      userInput('personA', 'First person'),
      userInput('personB', 'Second person'),
    ],
    { submit: 'Swap', privateMetadata: JSON.stringify(meta) },
  );
}

export function pinModal(meta: EditMetadata): types.ModalView {
  return modal(
    MATCH_PIN_MODAL,
    'Pin a pair',
    [
      context(
        'The pair is kept and everyone else is matched again around it. A pair that breaks a hard constraint (seniority gap, reporting line, private avoid list, earlier partners, capacity) is refused.',
      ),
      userInput('mentor', 'Mentor'),
      userInput('mentee', 'Mentee'),
    ],
    { submit: 'Pin', privateMetadata: JSON.stringify(meta) },
  );
}
