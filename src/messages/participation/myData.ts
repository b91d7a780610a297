import type { types } from '@slack/bolt';
import { HOME_ACTIONS } from '../home.js';
import { plain } from '../common/text.js';

/** "Export my data" and "Delete my data" (with a confirm dialog), in the edit modal. */
export function myDataActions(participantId: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'my_data',
    elements: [
      { type: 'button', action_id: HOME_ACTIONS.exportData, value: participantId, text: plain('Export my data') },
      {
        type: 'button',
        action_id: HOME_ACTIONS.erase,
        value: participantId,
        style: 'danger',
        text: plain('Delete my data'),
        confirm: {
          title: plain('Delete your data?'),
          text: {
            type: 'mrkdwn',
            text: 'Your profile, topics, goals, private list and feedback for this programme are erased for good. Only anonymous counts remain.',
          },
          confirm: plain('Delete'),
          deny: plain('Cancel'),
          style: 'danger',
        },
      },
    ],
  };
}
