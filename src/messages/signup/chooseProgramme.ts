import type { types } from '@slack/bolt';
import { formatDate } from '../../core/localDate.js';
import { escapeText, plain, section } from '../common/text.js';

export const JOIN_PROGRAMME_ACTION = 'join_programme';

/** With several programmes open, the person picks one; the button opens the signup modal. */
export function chooseProgrammeReply(programmes: Array<{ id: string; name: string; signupDeadline: string }>) {
  const blocks: types.KnownBlock[] = [section('Several programmes are open for signup. Which one would you like to join?')];
  for (const p of programmes.slice(0, 20)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeText(p.name)}*\nSignup closes ${formatDate(p.signupDeadline)}` },
      accessory: { type: 'button', action_id: JOIN_PROGRAMME_ACTION, value: p.id, text: plain('Join') },
    });
  }
  return { response_type: 'ephemeral' as const, text: 'Several programmes are open: choose one.', blocks };
}
