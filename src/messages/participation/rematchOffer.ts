// The coordinator's Rematch button (on the notice that someone left) and what a press answers, privately.
import type { types } from '@slack/bolt';
import { slackDay } from '../common/dates.js';
import { escapeText, labelled, plain, type Block } from '../common/text.js';

export const REMATCH_ACTION = 'coordinator_rematch';

/** Slack's limit on a confirm dialog's text. */
const CONFIRM_TEXT_MAX = 300;

/** One partner without a pair: who, and the button that matches them (alone) again. Its value is their participant id. */
export function rematchOffer(p: { participantId: string; slackUserId: string; displayName: string }): Block {
  const name = p.displayName || 'this person';
  const confirmText = `I will pair ${name} with the best partner available now and introduce them in a group DM. Nobody else's pair changes.`;
  const confirm: types.ConfirmationDialog = {
    title: plain('Rematch now?'),
    text: plain(confirmText.length > CONFIRM_TEXT_MAX ? `${confirmText.slice(0, CONFIRM_TEXT_MAX - 1)}…` : confirmText),
    confirm: plain('Rematch'),
    deny: plain('Not now'),
  };
  const button: types.Button = {
    type: 'button',
    action_id: REMATCH_ACTION,
    value: p.participantId,
    text: plain('Rematch'),
    style: 'primary',
    confirm,
  };
  return {
    type: 'section',
    block_id: `rematch:${p.participantId}`,
    text: { type: 'mrkdwn', text: `<@${p.slackUserId}> is waiting for a new partner.` },
    accessory: labelled(button, (n) => `Find ${n} a new partner`, name),
  };
}

export type RematchPersonRefusal = 'gone' | 'programme_over' | 'paired' | 'paused' | 'no_partner';

export interface RematchRefusalFacts {
  slackUserId?: string;
  programmeName?: string;
  partners?: string[];
  pausedUntil?: string;
  /** the person's zone: `pausedUntil` is a day of their calendar */
  timezone?: string;
}

/** Why a Rematch press changed nothing, in the coordinator's words. */
export function rematchRefusalText(reason: RematchPersonRefusal, f: RematchRefusalFacts = {}): string {
  const who = f.slackUserId ? `<@${f.slackUserId}>` : 'This person';
  switch (reason) {
    case 'gone':
      return 'This person is no longer in the programme (they left, or deleted their data): there is nobody to rematch.';
    case 'programme_over':
      return `*${escapeText(f.programmeName ?? 'This programme')}* has ended: it takes no new pairs.`;
    case 'paired':
      return `${who} already has ${f.partners && f.partners.length > 0 ? `a partner (${f.partners.map((p) => `<@${p}>`).join(', ')})` : 'a partner'}: nothing changed.`;
    case 'paused':
      return `${who} has paused${f.pausedUntil ? ` until ${slackDay(f.pausedUntil, f.timezone ?? 'UTC')}` : ''}: rematch them when they are back.`;
    case 'no_partner':
      return `Nobody available now can be paired with ${who}: everyone who could be is paired already, or a rule keeps them apart (seniority gap, reporting line, an earlier pair). ${who} stays on the waitlist; \`/rm-admin match\` includes them when someone new joins.`;
  }
}

/** A Rematch that worked: who was paired with whom, and what happens next. */
export function rematchedText(r: { slackUserId: string; partners: string[]; firstCheckInDue: string; timezone: string }): string {
  const partners = r.partners.map((p) => `<@${p}>`).join(' and ');
  return `Paired <@${r.slackUserId}> with ${partners}: I am introducing them in a group DM now, and their first check-in is due by ${slackDay(r.firstCheckInDue, r.timezone)}.`;
}
