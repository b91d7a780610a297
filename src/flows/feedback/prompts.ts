// The feedback requests and private prompts a logged meeting or a milestone creates. The caller writes them
// with the change that causes them (the meeting, the survey claim, the end of the pair), in one transaction.
import { firstWorkingMoment } from '../../domain/delivery.js';
import { reminderAt, requestKey } from '../../domain/feedback.js';
import { feedbackPrompt, surveyPrompt } from '../../messages/feedback.js';
import type { OutgoingMessage } from '../../messages/outgoing.js';
import type { NewFeedbackRequest } from '../../store/feedback.js';

interface Member {
  id: string;
  slackUserId: string;
  timezone: string;
  status: string;
}

export interface PromptedPair {
  id: string;
  mentor: Member;
  mentee: Member;
  programme: { name: string };
}

export interface Prompts {
  requests: NewFeedbackRequest[];
  messages: OutgoingMessage[];
}

export const noPrompts = (): Prompts => ({ requests: [], messages: [] });

/** Each active member with their partner: prompts go to the active only (never a paused or departed person). */
function activeMembers(p: PromptedPair): { me: Member; partner: Member }[] {
  return [
    { me: p.mentor, partner: p.mentee },
    { me: p.mentee, partner: p.mentor },
  ].filter((x) => x.me.status === 'active');
}

/** After "We met": a request and a private prompt for each active member. */
export function promptsAfterMeeting(p: PromptedPair, checkIn: { id: string; sequence: number }, now: Date): Prompts {
  const out = noPrompts();
  for (const { me, partner } of activeMembers(p)) {
    const key = requestKey('checkin', checkIn.id, me.id);
    out.requests.push({
      key,
      kind: 'checkin',
      participantId: me.id,
      pairingId: p.id,
      checkInId: checkIn.id,
      remindAt: reminderAt(me, now),
    });
    out.messages.push(
      feedbackPrompt({
        requestKey: key,
        participantId: me.id,
        slackUserId: me.slackUserId,
        partnerSlackId: partner.slackUserId,
        programmeName: p.programme.name,
        checkInId: checkIn.id,
        sequence: checkIn.sequence,
      }),
    );
  }
  return out;
}

/**
 * A milestone survey for each active member, planned for `planned` (the pair's time, or for a pair with no working
 * hour in common each member's own): each in their own DM, so each at the first moment of their own working hours
 * from then (docs/delivery-times.md).
 */
export function surveyPrompts(
  p: PromptedPair,
  kind: 'midpoint' | 'final',
  planned: Date | { mentee: Date; mentor: Date },
): Prompts {
  const out = noPrompts();
  for (const { me, partner } of activeMembers(p)) {
    const mine = planned instanceof Date ? planned : me === p.mentor ? planned.mentor : planned.mentee;
    const notBefore = firstWorkingMoment(mine, me.timezone);
    const key = requestKey(kind, p.id, me.id);
    out.requests.push({ key, kind, participantId: me.id, pairingId: p.id, checkInId: null, remindAt: reminderAt(me, notBefore) });
    out.messages.push(
      surveyPrompt({
        requestKey: key,
        kind,
        pairingId: p.id,
        participantId: me.id,
        slackUserId: me.slackUserId,
        partnerSlackId: partner.slackUserId,
        programmeName: p.programme.name,
        notBefore,
      }),
    );
  }
  return out;
}
