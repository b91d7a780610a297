// /rm-admin close: the confirmation a coordinator sees, and the messages closing sends. No I/O.
import type { types } from '@slack/bolt';
import type { OutgoingMessage } from '../outgoing.js';
import { pairTarget } from '../checkIns.js';
import { context, escapeText, plain, section, type Block } from '../common/text.js';
import type { EphemeralReply } from '../common/commandReplies.js';

export const CLOSE_PROGRAMME_ACTION = 'admin_close_programme';

/** What closing does (or would do) to a programme. */
export interface ClosingSummary {
  programmeId: string;
  programmeName: string;
  /** pairs still running (active or paused) that end */
  endedPairs: number;
  /** check-ins still open, which close with their pairs (missed when they came due, else cancelled) */
  openCheckIns: number;
}

/** A pair that was still running when its programme closed. */
export interface ClosingPair {
  pairingId: string;
  mentor: { slackUserId: string; status: string };
  mentee: { slackUserId: string; status: string };
  groupChannelId: string | null;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function closeConfirmReply(s: ClosingSummary): EphemeralReply {
  const text =
    `Close *${escapeText(s.programmeName)}*? ${plural(s.endedPairs, 'pair')} still running will end, ` +
    `${plural(s.openCheckIns, 'open check-in')} will close (no more nudges), and unanswered feedback and surveys can no longer be answered.`;
  const confirm: types.ConfirmationDialog = {
    title: plain('Close the programme?'),
    text: plain(`${s.programmeName} closes for good: no more check-ins, feedback or surveys. Reports stay available.`),
    confirm: plain('Close it'),
    deny: plain('Keep it open'),
    style: 'danger',
  };
  const blocks: Block[] = [
    section(text),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CLOSE_PROGRAMME_ACTION,
          text: plain('Close the programme'),
          style: 'danger',
          value: s.programmeId,
          confirm,
        },
      ],
    },
    context('Pairs are thanked in their group DM. `/rm-report` still shows the programme.'),
  ];
  return { response_type: 'ephemeral', text, blocks };
}

export const closedText = (s: ClosingSummary) =>
  `*${escapeText(s.programmeName)}* is closed: ${plural(s.endedPairs, 'pair')} ended and nudges stopped. \`/rm-report ${escapeText(s.programmeName)}\` still shows how it went.`;

export const alreadyClosedText = 'That programme is already closed. Nothing was changed.';

/** Why a close button did nothing. */
export const closeRefusalText = (reason: 'missing' | 'already_closed'): string =>
  reason === 'missing' ? 'That programme no longer exists. Nothing was changed.' : alreadyClosedText;

/** A thank-you in each running pair's group DM (or to the one member still taking part), and a note to the coordinator. */
export function closingMessages(coordinator: string) {
  return (s: ClosingSummary, pairs: ClosingPair[]): OutgoingMessage[] => {
    const text = `${escapeText(s.programmeName)} is now closed. Thank you both for the time you gave each other: keep in touch, and keep learning from each other!`;
    const toPairs = pairs.flatMap((p): OutgoingMessage[] => {
      const to = pairTarget(p);
      if (!to) return [];
      return [
        {
          idempotencyKey: `programme-closed:${p.pairingId}`,
          kind: 'programme.closed.pair',
          to,
          text,
          blocks: [section(text), context('No more check-in nudges will be sent for this programme.')],
          metadata: { pairing_id: p.pairingId },
        },
      ];
    });
    const note = closedText(s);
    return [
      ...toPairs,
      {
        idempotencyKey: `programme-closed:${s.programmeId}`,
        kind: 'programme.closed.coordinator',
        to: { users: [coordinator] },
        text: note,
        blocks: [section(note)],
      },
    ];
  };
}
