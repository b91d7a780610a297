// Edit a draft: re-run, pin a pair (by hand or a pair of the draft), remove a pair, swap two people.
// Each edit runs in one transaction, after its programme is locked; a run that is no longer a draft is left alone.
import { done, refused, type Outcome } from '../../core/outcome.js';
import {
  isEditRefusal,
  pinRequest,
  planSwap,
  swapPair,
  unmatchedAfterRemoval,
  type EditRefusal,
} from '../../domain/matching/index.js';
import { editRefusalText, runStateText, type RunState } from '../../messages/matching/replies.js';
import { inTransaction, type Db, type Tx } from '../../store/database.js';
import {
  deletePairing,
  draftPairsOf,
  findDraftPairing,
  lockRun,
  mentorHasDraftPair,
  parseUnmatched,
  saveDraftTotals,
  saveSwappedPairs,
  setPinned,
  type RunRecord,
} from '../../store/matching.js';
import { loadCohort, rerunFrom, type Cohort, type DraftRefusal } from './drafts.js';

export type EditOutcome = Outcome<{ runId: string }, RunState | DraftRefusal | EditRefusal['reason'] | 'pin_breaks_rules'>;

const refusedBecause = (r: EditRefusal) => refused(r.reason, editRefusalText(r));

/** Runs `edit` on a draft in one transaction; a missing or no longer draft run changes nothing. */
function editDraft(
  db: Db,
  runId: string,
  now: Date,
  edit: (tx: Tx, run: RunRecord) => Promise<EditOutcome>,
): Promise<EditOutcome> {
  return inTransaction(db, async (tx) => {
    const run = await lockRun(tx, runId, now);
    if (!run) return refused('missing', runStateText('missing'));
    if (run.status !== 'draft') {
      const state = run.status === 'approved' ? 'approved' : 'superseded';
      return refused(state, runStateText(state));
    }
    return edit(tx, run);
  });
}

/** Like editDraft, with the programme's cohort as it is now. */
function editDraftWithCohort(
  db: Db,
  runId: string,
  now: Date,
  edit: (tx: Tx, run: RunRecord, cohort: Cohort) => Promise<EditOutcome>,
): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx, run) => {
    const cohort = await loadCohort(tx, run.programmeId, now);
    if (!cohort) return refused('missing', runStateText('missing'));
    return edit(tx, run, cohort);
  });
}

/** Re-run: a new draft from the current profiles, keeping pins and removed pairs apart. */
export function rerunDraft(db: Db, runId: string, by: string, now: Date): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, (tx, run, cohort) => rerunFrom(tx, cohort, run, by));
}

/** Pin a mentor with a mentee: refused with the reason when it breaks a hard constraint; else a new draft around it. */
export function pinPair(
  db: Db,
  runId: string,
  mentorSlackId: string,
  menteeSlackId: string,
  by: string,
  now: Date,
): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, async (tx, run, cohort) => {
    const pin = pinRequest(cohort.input, mentorSlackId, menteeSlackId);
    if (isEditRefusal(pin)) return refusedBecause(pin);
    const outcome = await rerunFrom(tx, cohort, run, by, pin);
    // The pin is checked with the others: its errors are the coordinator's answer.
    return !outcome.ok && outcome.reason === 'pin_errors' ? refused('pin_breaks_rules', outcome.message) : outcome;
  });
}

/** Pin or unpin a pair of the draft as it stands (a re-run keeps pinned pairs). */
export function togglePin(db: Db, runId: string, pairingId: string, now: Date): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx) => {
    const pair = await findDraftPairing(tx, runId, pairingId);
    if (pair) await setPinned(tx, pair.id, !pair.pinned);
    return done({ runId });
  });
}

/** Remove a pair from a draft: both go to the waitlist, and a re-run keeps them apart. */
export function removePair(db: Db, runId: string, pairingId: string, now: Date): Promise<EditOutcome> {
  return editDraft(db, runId, now, async (tx, run) => {
    const pair = await findDraftPairing(tx, runId, pairingId);
    if (!pair) return done({ runId }); // already removed (a double click)
    await deletePairing(tx, pair.id);
    const mentorStillPaired = await mentorHasDraftPair(tx, runId, pair.mentorId);
    await saveDraftTotals(tx, runId, unmatchedAfterRemoval(parseUnmatched(run.unmatchedJson), pair, mentorStillPaired));
    return done({ runId });
  });
}

/**
 * Swap two people of the same role: they exchange partners (a waitlisted person takes the other's place).
 * Every new pair must pass the hard constraints and capacity, or nothing changes. Swapped pairs are pinned.
 */
export function swapPeople(db: Db, runId: string, slackA: string, slackB: string, now: Date): Promise<EditOutcome> {
  return editDraftWithCohort(db, runId, now, async (tx, run, cohort) => {
    const people = swapPair(cohort.input, slackA, slackB);
    if (isEditRefusal(people)) return refusedBecause(people);
    const pairs = await draftPairsOf(tx, runId, [people.a, people.b]);
    const swap = planSwap(cohort.input, people.a, people.b, pairs, parseUnmatched(run.unmatchedJson));
    if (isEditRefusal(swap)) return refusedBecause(swap);
    await saveSwappedPairs(tx, swap.pairs);
    await saveDraftTotals(tx, runId, swap.unmatched);
    return done({ runId });
  });
}
