import type { OutgoingMessage } from '../outgoing.js';
import { escapeText, section, type Block } from '../common/text.js';
import { rematchOffer } from './rematchOffer.js';

import { noticeModal } from '../common/noticeModal.js';

/** Someone pressed a button of another person's participation (a forwarded or stale message): nothing changes. */
export const NOT_YOURS_TEXT = "These buttons belong to someone else's place in the programme. Nothing was changed.";

/** Everything stored about one participation, as the person receives it (any JSON-friendly shape). */
export interface MyDataExport {
  programme: string;
  [field: string]: unknown;
}

/** Someone left without a pair when their partner leaves. */
export interface PartnerWithoutPair {
  pairingId: string;
  participantId: string;
  slackUserId: string;
  displayName: string;
}

export interface EndedParticipation {
  participantId: string;
  slackUserId: string;
  programmeName: string;
  role: string;
  partners: PartnerWithoutPair[];
  /** erased: the person deleted their data, so the notice does not name them (their partners still need a pair). */
  reason: 'departed' | 'withdrawn' | 'erased';
}

/**
 * Tells every coordinator that someone left; for each partner now without a pair, a Rematch button (with a confirm
 * dialog) that matches that partner again, and nobody else.
 */
export function participationEndedNotices(coordinators: string[], e: EndedParticipation): OutgoingMessage[] {
  const who =
    e.reason === 'erased'
      ? `A participant has left the programme and deleted their data`
      : e.reason === 'departed'
        ? `<@${e.slackUserId}> has left the company`
        : `<@${e.slackUserId}> has left the programme`;
  const one = e.partners.length === 1;
  const partners =
    e.partners.length > 0
      ? ` Their ${one ? 'partner' : 'partners'} ${e.partners.map((p) => `<@${p.slackUserId}>`).join(', ')} ${one ? 'is' : 'are'} now without a pair: the pairing is paused. *Rematch* finds ${one ? 'them' : 'one of them'} the best partner available now and introduces them (nobody else's pair changes); \`/rm-admin match\` matches everyone waiting at once.`
      : '';
  const text = `${who} (${e.role} in ${escapeText(e.programmeName)}).${partners}`;
  const blocks: Block[] = [section(text), ...e.partners.slice(0, 10).map(rematchOffer)];
  return coordinators.map((c) => ({
    idempotencyKey: `participation-ended:${e.participantId}:${c}`,
    kind: 'coordinator.participation_ended',
    to: { users: [c] },
    text,
    blocks,
  }));
}

/**
 * Tells each partner left without a pair, in their own DM, kindly and without naming who left (they know; and a
 * message that does not name the leaver is not theirs to erase): what happens now and next. Keyed by the pairing.
 */
export function partnerLeftNotices(e: Pick<EndedParticipation, 'programmeName' | 'partners'>): OutgoingMessage[] {
  return e.partners.map((p) => {
    const text =
      `Your reverse-mentoring partner in ${escapeText(e.programmeName)} has left the programme, so your pairing has stopped. ` +
      'This is not about you: people step back for all kinds of reasons. Thank you for the time you gave each other. ' +
      'What happens next: the coordinators may offer you a new partner; if they do, I will introduce you in a new group DM. ' +
      'You do not need to do anything, and there are no check-ins for you until then.';
    return {
      idempotencyKey: `partner-left:${p.pairingId}`,
      kind: 'participant.partner_left',
      to: { users: [p.slackUserId] },
      text,
      blocks: [section(text)],
    };
  });
}

export function leftConfirmation(slackUserId: string, participantId: string, programmeName: string): OutgoingMessage {
  const text = `You have left ${escapeText(programmeName)}. Thank you for taking part: your past check-ins still count in the programme's anonymous figures. You can join a future programme with /rm-join.`;
  return {
    idempotencyKey: `left:${participantId}`,
    kind: 'participant.left',
    to: { users: [slackUserId] },
    text,
    blocks: [section(text)],
  };
}

export function erasedConfirmation(slackUserId: string, participantId: string, programmeName: string): OutgoingMessage {
  const text = `Your data for ${escapeText(programmeName)} has been deleted: profile, topics, goals, private list and feedback. Only anonymous counts remain.`;
  return {
    idempotencyKey: `erased:${participantId}`,
    kind: 'participant.erased',
    to: { users: [slackUserId] },
    text,
    blocks: [section(text)],
  };
}

// chat.postMessage accepts up to 40,000 characters of text; stay well under it per message.
const CHUNK = 30_000;

/** The person's own data as JSON in a DM, split into several messages when long. */
export function exportMessages(slackUserId: string, data: MyDataExport, requestKey: string): OutgoingMessage[] {
  // Escaped as a whole (the JSON holds what the person typed), then cut where no `&amp;`-style entity is split.
  const json = escapeText(JSON.stringify(data, null, 2));
  const parts: string[] = [];
  for (let i = 0; i < json.length;) {
    let end = Math.min(i + CHUNK, json.length);
    const amp = json.lastIndexOf('&', end - 1);
    if (end < json.length && amp > end - 5 && amp > i && !json.slice(amp, end).includes(';')) end = amp;
    parts.push(json.slice(i, end));
    i = end;
  }
  return parts.map((part, i) => ({
    idempotencyKey: `export:${requestKey}:${i}`,
    kind: 'participant.export',
    to: { users: [slackUserId] },
    text: `${i === 0 ? `Here is everything I store about you for ${escapeText(data.programme)} (JSON${parts.length > 1 ? `, ${parts.length} parts` : ''}):\n` : `Part ${i + 1} of ${parts.length}:\n`}\`\`\`${part}\`\`\``,
  }));
}

export const dataDeletedModal = (programmeName: string) =>
  noticeModal('Data deleted', `Your data for *${escapeText(programmeName)}* is deleted. Only anonymous counts remain.`);
