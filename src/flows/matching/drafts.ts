// Preview a matching: the programme's current draft when it is still up to date, else a new one.
// Drafts are written for coordinators only: no message leaves with them.
import { createHash } from 'node:crypto';
import { done, refused, type Outcome } from '../../core/outcome.js';
import {
  cohortFromRecords,
  draftInput,
  draftUnmatched,
  matchCohort,
  rerunPlan,
  type LoadedCohort,
  type PairRef,
  type UnmatchedEntry,
} from '../../domain/matching/index.js';
import { programmeGoneText, pinErrorsText } from '../../messages/matching/replies.js';
import type { DraftPreview } from '../../messages/matching/preview.js';
import { inTransaction, type Db, type Tx } from '../../store/database.js';
import {
  createDraft,
  draftPins,
  latestDraft,
  latestRun,
  loadCohortRecords,
  loadRunForPreview,
  lockProgramme,
  matchableProgrammes,
  parseUnmatched,
  supersedeDrafts,
} from '../../store/matching.js';
import { findProgramme } from '../../store/programmes.js';
import { processMatchingThreads } from '../../threads/matchingThreads.js';

export type DraftRefusal = 'missing' | 'pin_errors';
export type DraftOutcome = Outcome<{ runId: string }, DraftRefusal>;

/** The programme's cohort as it is now, with the hash a draft records (a draft from other inputs is stale). */
export async function loadCohort(tx: Db | Tx, programmeId: string, now: Date): Promise<(LoadedCohort & { hash: string }) | null> {
  const records = await loadCohortRecords(tx, programmeId);
  if (!records) return null;
  const cohort = cohortFromRecords(records, now);
  return { ...cohort, hash: createHash('sha256').update(cohort.fingerprint).digest('hex') };
}

export type Cohort = NonNullable<Awaited<ReturnType<typeof loadCohort>>>;

/** Matches the cohort around `pins`, keeping `keepApart` apart, and writes it as the programme's only draft. */
async function writeDraft(
  tx: Tx,
  cohort: Cohort,
  createdBy: string,
  pins: PairRef[],
  keepApart: UnmatchedEntry[],
): Promise<DraftOutcome> {
  const input = draftInput(cohort.input, pins, keepApart);
  const result = matchCohort({ ...input, options: { ...input.options, threads: processMatchingThreads() } });
  if (!result.ok) return refused('pin_errors', pinErrorsText(result.pinErrors));
  await supersedeDrafts(tx, cohort.programme.id);
  const runId = await createDraft(tx, {
    programmeId: cohort.programme.id,
    inputHash: cohort.hash,
    totalScore: result.totalScore,
    unmatched: draftUnmatched(result, keepApart),
    createdBy,
    cadenceDays: cohort.programme.cadenceDays,
    pairs: result.pairs,
  });
  return done({ runId });
}

/** A new draft from `draft` (its pins that still hold, its removed pairs kept apart), or around `extraPin`. */
export async function rerunFrom(
  tx: Tx,
  cohort: Cohort,
  draft: { id: string; unmatchedJson: string } | null,
  createdBy: string,
  extraPin?: PairRef,
): Promise<DraftOutcome> {
  const oldPins = draft ? await draftPins(tx, draft.id) : [];
  const { pins, keepApart } = rerunPlan(cohort.input, oldPins, draft ? parseUnmatched(draft.unmatchedJson) : [], extraPin);
  return writeDraft(tx, cohort, createdBy, pins, keepApart);
}

/** The programme's current draft when it is still up to date, else a new one. */
export function currentOrNewDraft(db: Db, programmeId: string, createdBy: string, now: Date): Promise<DraftOutcome> {
  return inTransaction(db, async (tx) => {
    await lockProgramme(tx, programmeId, now);
    const cohort = await loadCohort(tx, programmeId, now);
    if (!cohort) return refused('missing', programmeGoneText());
    const draft = await latestDraft(tx, programmeId);
    if (draft && draft.inputHash === cohort.hash) return done({ runId: draft.id });
    return rerunFrom(tx, cohort, draft, createdBy);
  });
}

/** A run as the preview shows it; null when it no longer exists. */
export async function draftPreview(db: Db, runId: string): Promise<DraftPreview | null> {
  const records = await loadRunForPreview(db, runId);
  if (!records) return null;
  const byId = new Map(records.people.map((p) => [p.id, p] as const));
  const person = (p: { id: string; slackUserId: string; displayName: string; role: string }) => ({
    participantId: p.id,
    slackUserId: p.slackUserId,
    displayName: p.displayName || p.slackUserId,
    role: p.role === 'mentor' ? ('mentor' as const) : ('mentee' as const),
  });
  return {
    runId: records.run.id,
    status: records.run.status,
    programme: records.run.programme,
    totalScore: records.run.totalScore,
    pairs: records.pairs.map((p) => ({ ...p, mentor: person(p.mentor), mentee: person(p.mentee) })),
    unmatched: records.unmatched.map((u) => ({
      ...u,
      slackUserId: byId.get(u.participantId)?.slackUserId ?? '',
      displayName: byId.get(u.participantId)?.displayName ?? '',
    })),
    keptPairs: records.activePairings,
  };
}

/** Programmes a coordinator can match: not closed, newest first. */
export function programmesToMatch(db: Db): Promise<{ id: string; name: string }[]> {
  return matchableProgrammes(db);
}

/** The programme a coordinator asked to preview (App Home), or null when it no longer exists. */
export async function programmeToPreview(db: Db, programmeId: string): Promise<{ id: string; name: string } | null> {
  const programme = await findProgramme(db, programmeId);
  return programme ? { id: programme.id, name: programme.name } : null;
}

/** The latest run of a programme, to approve from the command line of Slack (/rm-admin announce). */
export async function latestRunOf(db: Db, programmeId: string): Promise<{ id: string } | null> {
  const run = await latestRun(db, programmeId);
  return run ? { id: run.id } : null;
}
