import { dateInput, modal } from '../common/inputs.js';
import { escapeText, section } from '../common/text.js';

export const PAUSE_MODAL = 'pause_until';

export function pauseModal(participantId: string, programmeName: string, initial: string) {
  return modal(
    PAUSE_MODAL,
    'Pause',
    [
      section(
        `Pause *${escapeText(programmeName)}*: no check-in nudges until the date you choose. You are active again on that day, by yourself.`,
      ),
      dateInput('pausedUntil', 'Pause until', { initial }),
    ],
    { submit: 'Pause', privateMetadata: JSON.stringify({ participantId }) },
  );
}

export type PauseRefusal =
  { reason: 'nothing_to_pause' | 'no_date' | 'not_after_today' } | { reason: 'after_programme_end'; programmeEnd: string };

/** Shown under the date when a pause cannot be saved. */
export function pauseRefusalText(refusal: PauseRefusal): string {
  switch (refusal.reason) {
    case 'nothing_to_pause':
      return 'There is nothing to pause here any more.';
    case 'no_date':
      return 'Choose the day you will be back.';
    case 'not_after_today':
      return 'Choose a day after today.';
    case 'after_programme_end':
      return `The programme ends on ${refusal.programmeEnd}: choose an earlier day, or leave the programme instead.`;
  }
}
