// "This isn't working": only someone of the pair may ask; the pairing pauses until a coordinator approves a
// rematch, and the coordinators are told (nobody else). Asking twice changes nothing.
import { done, refused, type Outcome } from '../../core/outcome.js';
import { REMATCH_REQUESTED } from '../../domain/matching/index.js';
import { rematchRequestNotices } from '../../messages/matching/messages.js';
import { rematchReplyText, type RematchRefusal } from '../../messages/matching/replies.js';
import { inTransaction } from '../../store/database.js';
import { findPairingWithPeople, pauseActivePairing } from '../../store/matching.js';
import { enqueueMessage } from '../../store/outbox.js';
import { listCoordinators, type CoordinatorDeps } from '../coordinators.js';

export type RematchOutcome = Outcome<void, RematchRefusal>;

export async function requestRematch(deps: CoordinatorDeps, pairingId: string, slackUserId: string): Promise<RematchOutcome> {
  const coordinators = await listCoordinators(deps);
  return inTransaction(deps.db, async (tx) => {
    const pair = await findPairingWithPeople(tx, pairingId);
    if (!pair || (pair.mentor.slackUserId !== slackUserId && pair.mentee.slackUserId !== slackUserId))
      return refused('not_member', rematchReplyText('not_member'));
    if (!(await pauseActivePairing(tx, pairingId, REMATCH_REQUESTED))) return refused('already', rematchReplyText('already'));
    const notices = rematchRequestNotices(coordinators)({
      pairingId,
      programmeName: pair.programme.name,
      requestedBy: slackUserId,
      mentorSlackId: pair.mentor.slackUserId,
      menteeSlackId: pair.mentee.slackUserId,
    });
    for (const m of notices) await enqueueMessage(tx, m);
    return done(undefined);
  });
}
