// Approve a matching: the draft's pairs become active, each with its first check-in, and every message
// (introductions, waitlist, celebration) is written with them, in one transaction.
import { done, refused, type Outcome } from '../../core/outcome.js';
import { dateOnly } from '../../core/localDate.js';
import { topicKeys } from '../../domain/matching/index.js';
import { firstCheckInDueFor } from '../../domain/schedule/index.js';
import { approvalMessages, type ApprovalMessages, type IntroPerson } from '../../messages/matching/messages.js';
import { approvalRefusalText, type ApprovalRefusal } from '../../messages/matching/replies.js';
import type { OutgoingMessage } from '../../messages/outgoing.js';
import { inTransaction, type Db } from '../../store/database.js';
import {
  activateDraftPairings,
  activeParticipants,
  createFirstCheckIns,
  draftPairingsWithPeople,
  endPairings,
  findRun,
  hasOtherApprovedRun,
  lockRun,
  markApproved,
  parseUnmatched,
  supersedeDrafts,
  type PairingWithPeople,
} from '../../store/matching.js';
import { enqueueMessage } from '../../store/outbox.js';
import { findProgramme } from '../../store/programmes.js';
import { asNotices } from '../delivery.js';
import { loadCohort } from './drafts.js';

export type ApproveOutcome = Outcome<{ pairs: number; waitlisted: number }, ApprovalRefusal>;

/** A pairing broken by a departure or a withdrawal ends with this reason (a rematch request keeps its own). */
const PARTNER_LEFT = 'partner_left';

const refusedBecause = (reason: ApprovalRefusal, by?: string | null) => refused(reason, approvalRefusalText(reason, by));

export function introPerson(p: PairingWithPeople['mentor']): IntroPerson {
  return {
    slackUserId: p.slackUserId,
    displayName: p.displayName || p.slackUserId,
    title: p.title,
    department: p.department,
    timezone: p.timezone,
    teaches: topicKeys(p.topics, 'teach'),
    learns: topicKeys(p.topics, 'learn'),
  };
}

/**
 * Approves a draft: refused when profiles changed since (stale) or when it is no longer the draft (another
 * coordinator approved it first, or it was superseded). Messages are keyed by the run and pairing ids, so a
 * retry or a crash never sends one twice or skips one. `messages` words them (tests pass their own).
 */
export function approveMatching(
  db: Db,
  runId: string,
  by: string,
  now: Date,
  messages: (m: ApprovalMessages) => OutgoingMessage[] = approvalMessages(now),
): Promise<ApproveOutcome> {
  return inTransaction(db, async (tx) => {
    const run = await lockRun(tx, runId, now);
    if (!run) return refusedBecause('missing');
    if (run.status === 'approved') return refusedBecause('already_approved', run.approvedBySlackId);
    if (run.status !== 'draft') return refusedBecause('superseded');
    const cohort = await loadCohort(tx, run.programmeId, now);
    if (!cohort) return refusedBecause('missing');
    if (cohort.hash !== run.inputHash) return refusedBecause('stale');
    if (!(await markApproved(tx, runId, by, now))) {
      const again = await findRun(tx, runId);
      return again?.status === 'approved'
        ? refusedBecause('already_approved', again.approvedBySlackId)
        : refusedBecause('superseded');
    }
    const first = !(await hasOtherApprovedRun(tx, run.programmeId, runId));
    await supersedeDrafts(tx, run.programmeId, runId);
    await endPairings(tx, cohort.brokenPairingIds, now, PARTNER_LEFT);

    const drafts = await draftPairingsWithPeople(tx, runId);
    // The tested rule: the last working day of the pair's first week, which never begins before the programme's start.
    const programme = await findProgramme(tx, run.programmeId);
    if (!programme) return refusedBecause('missing');
    const firstCheckInDue = dateOnly(firstCheckInDueFor(programme, now));
    await activateDraftPairings(tx, runId, now);
    await createFirstCheckIns(
      tx,
      drafts.map((p) => ({ pairingId: p.id, dueAt: firstCheckInDue })),
    );

    const unmatched = parseUnmatched(run.unmatchedJson).filter((u) => u.reason !== 'inactive');
    const slackOf = new Map(
      (
        await activeParticipants(
          tx,
          unmatched.map((u) => u.participantId),
        )
      ).map((p) => [p.id, p.slackUserId] as const),
    );
    const waitlisted = unmatched
      .filter((u) => slackOf.has(u.participantId))
      .map((u) => ({
        participantId: u.participantId,
        slackUserId: slackOf.get(u.participantId)!,
        role: u.role,
        reason: u.reason,
      }));
    const { id, name, announcementChannel } = cohort.programme;
    const out = messages({
      programme: { id, name, announcementChannel },
      runId,
      pairs: drafts.map((p) => ({
        pairingId: p.id,
        mentor: introPerson(p.mentor),
        mentee: introPerson(p.mentee),
        cadenceDays: p.cadenceDays,
        firstCheckInDue,
      })),
      waitlisted,
      first,
      topicLabels: cohort.input.topicLabels,
    });
    // Nobody here answers their own action: each message waits for its receivers' working hours.
    for (const m of await asNotices(tx, out, now, cohort.programme.timezone)) await enqueueMessage(tx, m);
    return done({ pairs: drafts.length, waitlisted: waitlisted.length });
  });
}
