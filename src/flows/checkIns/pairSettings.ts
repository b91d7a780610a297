// The pair's own settings from the buttons on a nudge: the cadence, pause and resume. `requestKey`
// identifies the click, so Slack's retry of it writes the pair's note once.
import { done, refused } from '../../core/outcome.js';
import { CADENCE_CHOICES } from '../../domain/schedule/index.js';
import { cadenceNote, checkInRefusalText, pausedNote, resumedNote, type CheckInRefusal } from '../../messages/checkIns.js';
import { findPairing, setCadence, setPairingStatus } from '../../store/checkIns.js';
import type { Db } from '../../store/database.js';
import { checkInFor, isMember, type CheckInClick, type CheckInOutcome } from './logMeeting.js';
import { peopleOf } from './pairPeople.js';
import { afterPairAction } from '../delivery.js';
import type { OutgoingMessage } from '../../messages/outgoing.js';
import type { PairContext } from '../../store/checkIns.js';

/** The pair's note goes to its group DM: at once when both are at work, else when both are (the partner did not act). */
const timed = (p: PairContext, by: string, messages: OutgoingMessage[], now: Date) => afterPairAction(p, by, messages, now);

const refuse = (reason: CheckInRefusal) => refused(reason, checkInRefusalText(reason));

export async function changeCadence(
  db: Db,
  click: CheckInClick,
  days: number,
  requestKey: string,
  now: Date,
): Promise<CheckInOutcome> {
  const found = await checkInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  if (!(CADENCE_CHOICES as readonly number[]).includes(days)) return refuse('cadence_not_offered');
  const note = cadenceNote(peopleOf(c.pairing), days, click.slackUserId, requestKey);
  await setCadence(db, c.pairingId, days, timed(c.pairing, click.slackUserId, note, now));
  return done(undefined);
}

export async function pauseCheckIns(db: Db, click: CheckInClick, requestKey: string, now: Date): Promise<CheckInOutcome> {
  const found = await checkInFor(db, click);
  if (!found.ok) return found;
  const c = found.value;
  if (c.pairing.status === 'paused') return refuse('already_paused');
  const note = pausedNote(peopleOf(c.pairing), click.slackUserId, requestKey);
  await setPairingStatus(db, c.pairingId, 'active', 'paused', timed(c.pairing, click.slackUserId, note, now), now);
  return done(undefined);
}

/** "Resume" (on the pause note) names the pairing, not a check-in. */
export async function resumeCheckIns(
  db: Db,
  pairingId: string | undefined,
  slackUserId: string,
  requestKey: string,
  now: Date,
): Promise<CheckInOutcome> {
  const p = pairingId ? await findPairing(db, pairingId) : null;
  if (!p) return refuse('not_found');
  if (!isMember(p, slackUserId)) return refuse('not_member');
  if (p.status === 'ended') return refuse('ended');
  // A pair paused because someone left stays paused until the coordinators rematch.
  if ([p.mentor.status, p.mentee.status].some((s) => s === 'withdrawn' || s === 'departed')) return refuse('partner_left');
  if (p.status === 'active') return refuse('already_running');
  await setPairingStatus(
    db,
    p.id,
    'paused',
    'active',
    timed(p, slackUserId, resumedNote(peopleOf(p), slackUserId, requestKey), now),
    now,
  );
  return done(undefined);
}
