// Who may answer a feedback request, checked when the form opens and again when it is submitted.
import { parseRequestKey, type FeedbackKind } from '../../../domain/feedback.js';
import type { Db } from '../../../store/database.js';
import { findRequest, isOwnUnloggedCheckIn, type RequestContext } from '../../../store/feedback.js';

export type Access = { ok: true; request: RequestContext } | { ok: false; message: string };

export const REFUSALS = {
  notYours: 'This form is not yours: only the person it was sent to can answer it. Nothing was saved.',
  notLogged: 'That check-in is not logged as met yet, so there is no feedback to give on it. Nothing was saved.',
  closed: (name: string) => `${name} is closed: it no longer takes feedback or survey answers. Nothing was saved.`,
  left: 'You are no longer taking part in this programme, so this form is closed. Nothing was saved.',
} as const;

/** The request behind a button value or a modal's metadata, if `slackUserId` may answer it now. */
export async function requestFor(db: Db, key: string, slackUserId: string, kinds: readonly FeedbackKind[]): Promise<Access> {
  const parsed = parseRequestKey(key);
  if (!parsed || !kinds.includes(parsed.kind)) return { ok: false, message: REFUSALS.notYours };
  const request = await findRequest(db, key);
  if (!request || request.participant.slackUserId !== slackUserId) {
    // No request: a check-in of theirs that is not logged gets a message that says so.
    if (parsed.kind === 'checkin' && (await isOwnUnloggedCheckIn(db, parsed.subjectId, parsed.participantId, slackUserId))) return { ok: false, message: REFUSALS.notLogged };
    return { ok: false, message: REFUSALS.notYours };
  }
  if (request.pairing.programme.status === 'closed') return { ok: false, message: REFUSALS.closed(request.pairing.programme.name) };
  if (!['active', 'paused'].includes(request.participant.status)) return { ok: false, message: REFUSALS.left };
  if (request.kind === 'checkin' && request.checkIn?.status !== 'met') return { ok: false, message: REFUSALS.notLogged };
  return { ok: true, request };
}

export const partnerOf = (r: RequestContext) => (r.pairing.mentor.id === r.participantId ? r.pairing.mentee : r.pairing.mentor);
export const roleOf = (r: RequestContext): 'mentor' | 'mentee' => (r.participant.role === 'mentee' ? 'mentee' : 'mentor');
