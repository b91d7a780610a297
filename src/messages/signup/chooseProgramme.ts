import type { types } from '@slack/bolt';
import { slackDay } from '../common/dates.js';
import { escapeText, labelled, plain, section } from '../common/text.js';

export const JOIN_PROGRAMME_ACTION = 'join_programme';

/** A programme /rm-join offers: to join (signup is open), or to edit the profile of someone taking part. */
export interface ProgrammeOffer {
  id: string;
  name: string;
  signupDeadline: string;
  /** the programme's zone: its deadline is a day of its calendar */
  timezone: string;
  /** the person takes part already: the button opens their profile */
  editing?: boolean;
}

/** With several programmes to choose from, the person picks one; the button opens the signup (or edit) modal. */
export function chooseProgrammeReply(programmes: ProgrammeOffer[]) {
  const question = programmes.some((p) => p.editing)
    ? 'Which programme? Join one that is open for signup, or edit your profile in one you take part in.'
    : 'Several programmes are open for signup. Which one would you like to join?';
  const blocks: types.KnownBlock[] = [section(question)];
  for (const p of programmes.slice(0, 20)) {
    const label = p.editing ? 'Edit profile' : 'Join';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeText(p.name)}*\n${p.editing ? 'You take part: edit your profile' : `Signup closes ${slackDay(p.signupDeadline, p.timezone)}`}`,
      },
      accessory: labelled(
        { type: 'button', action_id: JOIN_PROGRAMME_ACTION, value: p.id, text: plain(label) },
        (n) => (p.editing ? `Edit your profile in ${n}` : `Join ${n}`),
        p.name,
      ),
    });
  }
  return { response_type: 'ephemeral' as const, text: 'Several programmes are open: choose one.', blocks };
}
