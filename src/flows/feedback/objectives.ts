// The pair's own objectives ("Our objectives"): either member may set them while the pair runs.
import type { types } from '@slack/bolt';
import { done } from '../../core/outcome.js';
import { validateObjectives } from '../../domain/feedback.js';
import { objectivesModal, objectivesNote } from '../../messages/feedback.js';
import type { Db } from '../../store/database.js';
import { findPairForObjectives, setObjectives } from '../../store/feedback.js';
import { refuse, type FeedbackOutcome } from './access.js';
import { afterPairAction } from '../delivery.js';
import type { InvalidAnswer } from './answers.js';

type Pair = NonNullable<Awaited<ReturnType<typeof findPairForObjectives>>>;

async function pairFor(db: Db, pairingId: string | undefined, slackUserId: string): Promise<FeedbackOutcome<Pair>> {
  const p = pairingId === undefined ? null : await findPairForObjectives(db, pairingId);
  if (!p || ![p.mentor.slackUserId, p.mentee.slackUserId].includes(slackUserId)) return refuse('not_in_pair');
  if (p.programme.status === 'closed' || p.status === 'ended') return refuse('pair_over', p.programme.name);
  return done(p);
}

export async function openObjectives(db: Db, pairingId: string, slackUserId: string): Promise<FeedbackOutcome<types.ModalView>> {
  const found = await pairFor(db, pairingId, slackUserId);
  if (!found.ok) return found;
  const p = found.value;
  return done(objectivesModal(p.id, p.programme.name, p.programme.objectives, p.objectives));
}

/** Stores new objectives and tells the pair; the same text again changes nothing. */
export async function setPairObjectives(
  db: Db,
  s: { pairingId: string | undefined; slackUserId: string; viewId: string; text: string },
  now: Date,
): Promise<FeedbackOutcome | InvalidAnswer> {
  const found = await pairFor(db, s.pairingId, s.slackUserId);
  if (!found.ok) return found;
  const p = found.value;
  const checked = validateObjectives(s.text);
  if (!checked.ok) return checked;
  if (checked.value === p.objectives) return done(undefined);
  const to = p.groupChannelId ? { channel: p.groupChannelId } : { users: [p.mentor.slackUserId, p.mentee.slackUserId] };
  const note = objectivesNote(p.id, to, s.slackUserId, checked.value, s.viewId);
  // The pair's group DM: the partner did not act, so it waits for a time that suits both.
  await setObjectives(db, p.id, checked.value, now, afterPairAction(p, s.slackUserId, [note], now));
  return done(undefined);
}
