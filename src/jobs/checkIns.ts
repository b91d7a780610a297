// The check-in steps of a scheduler pass. Each reads the database, decides with src/domain/schedule as of
// `now`, and changes one row at a time with a compare-and-set claim, so replicas can run them at once.
import { isoDateOf, localDate, dateOnly } from '../core/localDate.js';
import {
  atRiskOn, dueAfterMet, dueAfterUnmet, firstDueDate, isStillTimely, MAX_NUDGES, MIN_CADENCE_DAYS,
  missedOn, nextReminder, nextSlot, NUDGE_GRACE_MS, nudgeInstant, type Receivers,
} from '../domain/schedule/index.js';
import {
  atRiskNotices, nudgeMessage, wrapUpMessage, type PairPeople,
} from '../messages/checkIns.js';
import {
  closeCheckIn, countMet, createFirstCheckIn, endPairing, findAtRiskCandidates, findDueNudges, findOverdueCheckIns,
  findPairingsToWrapUp, findPairingsWithoutCheckIns, findUnplannedCheckIns, flagAtRisk, moveNudge, planCheckIn,
  recordGroupChannels, recordNudge, type CheckInRow, type PairContext,
} from '../store/checkIns.js';
import { listCoordinators } from '../store/coordinators.js';
import type { Db } from '../store/database.js';
import { sendSlot, surveyPrompts } from './feedback.js';

export interface CheckInDeps {
  db: Db;
  /** Coordinators from the configuration (RM_COORDINATORS); those added in the database are read too. */
  coordinators?: readonly string[];
}

export interface CheckInReport {
  created: number;
  nudges: number;
  moved: number;
  missed: number;
  atRisk: number;
  wrappedUp: number;
}

const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export const receiversOf = (p: PairContext): Receivers => ({ menteeZone: p.mentee.timezone, mentorZone: p.mentor.timezone });
export const todayFor = (p: PairContext, now: Date): string => localDate(now, p.mentee.timezone);
export const endDateOf = (p: PairContext): string => isoDateOf(p.programme.endDate);

export function peopleOf(p: PairContext): PairPeople {
  return { pairingId: p.id, programmeName: p.programme.name, mentor: p.mentor, mentee: p.mentee, groupChannelId: p.groupChannelId };
}

/** The next check-in as stored: its due date (date-only) and its first nudge. */
export function nextCheckIn(p: PairContext, due: string | null): { dueAt: Date; nextNudgeAt: Date } | null {
  return due === null ? null : { dueAt: dateOnly(due), nextNudgeAt: nudgeInstant(due, receiversOf(p)) };
}

export function dueAfterMeeting(p: PairContext, metAt: Date): string | null {
  return dueAfterMet(todayFor(p, metAt), p.cadenceDays, endDateOf(p));
}

export function dueAfterSkipping(p: PairContext, row: Pick<CheckInRow, 'dueAt'>, now: Date): string | null {
  return dueAfterUnmet(isoDateOf(row.dueAt), p.cadenceDays, todayFor(p, now), endDateOf(p));
}

/** Runs `step` over batches until a batch comes back short (processed rows leave the query). */
async function batches<T>(load: () => Promise<T[]>, step: (row: T) => Promise<boolean>): Promise<number> {
  let done = 0;
  for (let round = 0; round < 100; round++) {
    const rows = await load();
    let changed = 0;
    for (const row of rows) if (await step(row)) changed++;
    done += changed;
    if (rows.length < BATCH || changed === 0) break;
  }
  return done;
}

async function createFirstCheckIns(db: Db): Promise<number> {
  return batches(
    () => findPairingsWithoutCheckIns(db, BATCH),
    async (p) => {
      const introducedOn = localDate(p.introducedAt ?? p.createdAt, p.programme.timezone);
      const due = firstDueDate(introducedOn);
      if (due >= endDateOf(p)) return false;
      return createFirstCheckIn(db, { pairingId: p.id, sequence: 1, dueAt: dateOnly(due), nextNudgeAt: nudgeInstant(due, receiversOf(p)) });
    },
  );
}

async function planUnplanned(db: Db): Promise<number> {
  return batches(
    () => findUnplannedCheckIns(db, BATCH),
    (c) => planCheckIn(db, c.id, nudgeInstant(isoDateOf(c.dueAt), receiversOf(c.pairing))),
  );
}

/** An open check-in nobody logged by the time the next would be due becomes missed; the next one opens. */
async function markMissed(db: Db, now: Date): Promise<number> {
  const rows = await findOverdueCheckIns(db, new Date(now.getTime() - MIN_CADENCE_DAYS * DAY_MS), 5 * BATCH);
  let missed = 0;
  for (const c of rows) {
    const p = c.pairing;
    const today = todayFor(p, now);
    if (today < missedOn(isoDateOf(c.dueAt), c.scheduledFor ? isoDateOf(c.scheduledFor) : null, p.cadenceDays)) continue;
    if (await closeCheckIn(db, c, { status: 'missed' }, nextCheckIn(p, dueAfterSkipping(p, c, now)), [])) missed++;
  }
  return missed;
}

async function sendNudges(db: Db, now: Date): Promise<{ nudges: number; moved: number }> {
  let nudges = 0;
  let moved = 0;
  await batches(
    () => findDueNudges(db, now, BATCH),
    async (c) => {
      const p = c.pairing;
      const r = receiversOf(p);
      const at = c.nextNudgeAt ?? now;
      if (c.remindersSent >= MAX_NUDGES) return moveNudge(db, c, null);
      if (!isStillTimely(at, now, NUDGE_GRACE_MS, r)) {
        // The scheduler was down, or the pair or a member was paused: never late at night or at a weekend.
        const ok = await moveNudge(db, c, nextSlot(now, r));
        if (ok) moved++;
        return ok;
      }
      const n = c.remindersSent + 1;
      const due = isoDateOf(c.dueAt);
      const scheduledFor = c.scheduledFor ? isoDateOf(c.scheduledFor) : null;
      const next = nextReminder(n, at, r, missedOn(due, scheduledFor, p.cadenceDays));
      const message = nudgeMessage({ ...peopleOf(p), checkInId: c.id, sequence: c.sequence, dueDate: due, scheduledFor, n, notBefore: at });
      const ok = await recordNudge(db, c, n, next, message);
      if (ok) nudges++;
      return ok;
    },
  );
  return { nudges, moved };
}

async function flagSilentPairs(deps: CheckInDeps, now: Date): Promise<number> {
  const coordinators = await listCoordinators(deps.db, deps.coordinators ?? []);
  let flagged = 0;
  let after = '';
  for (;;) {
    const pairs = await findAtRiskCandidates(deps.db, BATCH, after);
    for (const p of pairs) {
      const since = p.checkIns[0]?.metAt ?? p.introducedAt;
      if (!since) continue;
      const sinceDay = todayFor(p, since);
      if (todayFor(p, now) < atRiskOn(sinceDay, p.cadenceDays)) continue;
      const silentDays = Math.round((dateOnly(todayFor(p, now)).getTime() - dateOnly(sinceDay).getTime()) / DAY_MS);
      if (await flagAtRisk(deps.db, p.id, now, atRiskNotices(coordinators, peopleOf(p), silentDays))) flagged++;
    }
    if (pairs.length < BATCH) break;
    after = pairs[pairs.length - 1]?.id ?? after;
  }
  return flagged;
}

/** On the programme's end date, at the pair's nudge time, the series stops: the pair gets a wrap-up, each member the final survey. */
async function wrapUp(db: Db, now: Date): Promise<number> {
  const pairs = await findPairingsToWrapUp(db, new Date(now.getTime() + DAY_MS), 5 * BATCH);
  let ended = 0;
  for (const p of pairs) {
    const r = receiversOf(p);
    const at = nudgeInstant(endDateOf(p), r);
    if (now < at) continue;
    const notBefore = sendSlot(at, now, r);
    // A programme a coordinator closed takes no more answers: no survey to ask for.
    const survey = p.programme.status === 'closed' ? { requests: [], messages: [] } : surveyPrompts(p, 'final', notBefore);
    const messages = [...wrapUpMessage(peopleOf(p), await countMet(db, p.id), notBefore), ...survey.messages];
    if (await endPairing(db, p.id, now, messages, survey.requests)) ended++;
  }
  return ended;
}

export async function runCheckIns(deps: CheckInDeps, now: Date): Promise<CheckInReport> {
  // First, so this pass's messages already go to the group DM the introduction opened.
  await recordGroupChannels(deps.db, BATCH);
  const wrappedUp = await wrapUp(deps.db, now);
  const created = await createFirstCheckIns(deps.db);
  await planUnplanned(deps.db);
  const missed = await markMissed(deps.db, now);
  const { nudges, moved } = await sendNudges(deps.db, now);
  const atRisk = await flagSilentPairs(deps, now);
  return { created, nudges, moved, missed, atRisk, wrappedUp };
}
