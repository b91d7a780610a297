import type { OutgoingMessage } from '../outgoing.js';
import { escapeText, section } from '../common/text.js';

import { noticeModal } from '../common/noticeModal.js';

/** Someone pressed a button of another person's participation (a forwarded or stale message): nothing changes. */
export const NOT_YOURS_TEXT = "These buttons belong to someone else's place in the programme. Nothing was changed.";

/** Everything stored about one participation, as the person receives it (any JSON-friendly shape). */
export interface MyDataExport {
  programme: string;
  [field: string]: unknown;
}

export interface EndedParticipation {
  participantId: string;
  slackUserId: string;
  programmeName: string;
  role: string;
  partners: string[];
  /** erased: the person deleted their data, so the notice does not name them (their partners still need a pair). */
  reason: 'departed' | 'withdrawn' | 'erased';
}

/** Tells every coordinator that someone left, and whose pair now needs a rematch. */
export function participationEndedNotices(coordinators: string[], e: EndedParticipation): OutgoingMessage[] {
  const who =
    e.reason === 'erased'
      ? `A participant has left the programme and deleted their data`
      : e.reason === 'departed'
        ? `<@${e.slackUserId}> has left the company`
        : `<@${e.slackUserId}> has left the programme`;
  const partners =
    e.partners.length > 0
      ? ` Their ${e.partners.length === 1 ? 'partner' : 'partners'} ${e.partners.map((p) => `<@${p}>`).join(', ')} ${e.partners.length === 1 ? 'is' : 'are'} now without a pair: the pairing is paused until you rematch.`
      : '';
  const text = `${who} (${e.role} in ${escapeText(e.programmeName)}).${partners}`;
  return coordinators.map((c) => ({
    idempotencyKey: `participation-ended:${e.participantId}:${c}`,
    kind: 'coordinator.participation_ended',
    to: { users: [c] },
    text,
    blocks: [section(text)],
  }));
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
