// Who may answer a feedback request, checked when the form opens and again when it is submitted.
import { done, refused, type Outcome } from '../../core/outcome.js';
import { parseRequestKey, type FeedbackKind } from '../../domain/feedback.js';
import { feedbackRefusalText, type FeedbackRefusal } from '../../messages/feedback.js';
import type { Db } from '../../store/database.js';
import { findCheckInMembers, findRequest, type RequestContext } from '../../store/feedback.js';

export type FeedbackOutcome<T = void> = Outcome<T, FeedbackRefusal>;

export const refuse = (reason: FeedbackRefusal, programmeName?: string) =>
  refused(reason, feedbackRefusalText(reason, programmeName));

/** A check-in of this person's pair that is not logged as met yet (to tell them so rather than "not yours"). */
async function isOwnUnloggedCheckIn(db: Db, checkInId: string, participantId: string, slackUserId: string): Promise<boolean> {
  const c = await findCheckInMembers(db, checkInId);
  if (!c || c.status === 'met') return false;
  return [c.pairing.mentor, c.pairing.mentee].some((m) => m.id === participantId && m.slackUserId === slackUserId);
}

/** The request behind a button value or a modal's metadata, if `slackUserId` may answer it now. */
export async function requestFor(
  db: Db,
  key: string | undefined,
  slackUserId: string,
  kinds: readonly FeedbackKind[],
): Promise<FeedbackOutcome<RequestContext>> {
  const parsed = key === undefined ? undefined : parseRequestKey(key);
  if (key === undefined || !parsed || !kinds.includes(parsed.kind)) return refuse('not_yours');
  const request = await findRequest(db, key);
  if (!request || request.participant.slackUserId !== slackUserId) {
    // No request: a check-in of theirs that is not logged gets a message that says so.
    if (parsed.kind === 'checkin' && (await isOwnUnloggedCheckIn(db, parsed.subjectId, parsed.participantId, slackUserId)))
      return refuse('not_logged');
    return refuse('not_yours');
  }
  if (request.pairing.programme.status === 'closed') return refuse('closed', request.pairing.programme.name);
  if (!['active', 'paused'].includes(request.participant.status)) return refuse('left');
  if (request.kind === 'checkin' && request.checkIn?.status !== 'met') return refuse('not_logged');
  return done(request);
}

export const partnerOf = (r: RequestContext) => (r.pairing.mentor.id === r.participantId ? r.pairing.mentee : r.pairing.mentor);
export const roleOf = (r: RequestContext): 'mentor' | 'mentee' => (r.participant.role === 'mentee' ? 'mentee' : 'mentor');
