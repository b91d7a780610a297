import { pairDayDelivery, pairDayInstant } from '../../domain/delivery.js';
import { endDateOf, receiversOf } from '../../domain/schedule/index.js';
import { wrapUpMessage } from '../../messages/checkIns.js';
import { countMetOf, endPairings, findPairingsToWrapUp } from '../../store/checkIns.js';
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
  const ending = pairs.filter((p) => now >= pairDayInstant(endDateOf(p), receiversOf(p)));
  const met =
    ending.length > 0
      ? await countMetOf(
          db,
          ending.map((p) => p.id),
        )
      : new Map<string, number>();
  const endings = ending.map((p) => {
    // A pair with no working hour in common that day: each member in their own DM at their own time.
    const d = pairDayDelivery(endDateOf(p), now, receiversOf(p));
    const when = d.together ? d.at : d;
    // A programme a coordinator closed takes no more answers: no survey to ask for.
    const survey = p.programme.status === 'closed' ? noPrompts() : surveyPrompts(p, 'final', when);
    const messages = [...wrapUpMessage(peopleOf(p), met.get(p.id) ?? 0, when), ...survey.messages];
    return { pairingId: p.id, messages, finalSurvey: survey.requests };
  });
  const ended = await endPairings(db, now, endings);
  await closeCheckInsOfEndedPairs(db, 5 * BATCH);
  return ended;
}
