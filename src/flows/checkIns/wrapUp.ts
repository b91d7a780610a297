import { scheduledNoticeTime } from '../../domain/delivery.js';
import { endDateOf, nudgeInstant, receiversOf } from '../../domain/schedule/index.js';
import { wrapUpMessage } from '../../messages/checkIns.js';
import { countMet, endPairing, findPairingsToWrapUp } from '../../store/checkIns.js';
import type { Db } from '../../store/database.js';
import { closeCheckInsOfEndedPairs } from '../../store/programmes.js';
import { noPrompts, surveyPrompts } from '../feedback/prompts.js';
import { BATCH } from './batches.js';
import { peopleOf } from './pairPeople.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * On the programme's end date, at the pair's nudge time, the series stops: the pair gets a wrap-up, each member the
 * final survey. Then no ended pairing keeps an open check-in: one that came due and was never logged is missed, one
 * not due yet is cancelled (this also tidies pairings ended by a rematch, a return after leaving or a crash).
 */
export async function wrapUp(db: Db, now: Date): Promise<number> {
  const pairs = await findPairingsToWrapUp(db, new Date(now.getTime() + DAY_MS), 5 * BATCH);
  let ended = 0;
  for (const p of pairs) {
    const r = receiversOf(p);
    const at = nudgeInstant(endDateOf(p), r);
    if (now < at) continue;
    const notBefore = scheduledNoticeTime(at, now, [r.menteeZone, r.mentorZone]);
    // A programme a coordinator closed takes no more answers: no survey to ask for.
    const survey = p.programme.status === 'closed' ? noPrompts() : surveyPrompts(p, 'final', notBefore);
    const messages = [...wrapUpMessage(peopleOf(p), await countMet(db, p.id), notBefore), ...survey.messages];
    if (await endPairing(db, p.id, now, messages, survey.requests)) ended++;
  }
  await closeCheckInsOfEndedPairs(db, 5 * BATCH);
  return ended;
}
