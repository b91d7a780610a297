import { dateInput, modal } from '../common/inputs.js';
import { section } from '../common/text.js';

export const PAUSE_MODAL = 'pause_until';

export function pauseModal(participantId: string, programmeName: string, initial: string) {
  return modal(PAUSE_MODAL, 'Pause', [
    section(`Pause *${programmeName}*: no check-in nudges until the date you choose. You are active again on that day, by yourself.`),
    dateInput('pausedUntil', 'Pause until', { initial }),
  ], { submit: 'Pause', privateMetadata: JSON.stringify({ participantId }) });
}
