// The weekly digest, a step of the scheduler pass (docs/coordinators.md, "The weekly digest"): on Monday from 09:00
// in each coordinator's zone, what is new in each programme since their last digest, only when there is something.
// Each week's digest is recorded with what it covered (CoordinatorDigest), so nothing is told twice or skipped.
import { localDate } from '../core/localDate.js';
import { digestWeek } from '../domain/digest.js';
import { firstWorkingMoment } from '../domain/delivery.js';
import { digestItemCount, digestMessage, type DigestContent, type DigestPerson } from '../messages/digest.js';
import type { Db } from '../store/database.js';
import {
  digestExists,
  lastCovered,
  newAtRiskPairs,
  newDepartures,
  newFailedDeliveries,
  pairsWaitingForRematch,
  participantsAmong,
  recordDigest,
  runningProgrammes,
  type RunningProgramme,
} from '../store/digest.js';
import { REMATCH_REQUESTED } from '../domain/matching/index.js';
import { audienceOf, type CoordinatorPassDeps } from './coordinatorReminders.js';
import { coordinatorsOf, coordinatorZone } from './digestAudience.js';

export interface DigestReport {
  sent: number;
  /** weeks with nothing new: recorded, nothing sent */
  silent: number;
}

const GONE = new Set(['withdrawn', 'departed']);
const stillIn = (m: { status: string; erasedAt: Date | null }) => (m.status === 'active' || m.status === 'paused') && !m.erasedAt;

const person = (p: { id: string; slackUserId: string; displayName: string }, role?: string): DigestPerson => ({
  participantId: p.id,
  slackUserId: p.slackUserId,
  displayName: p.displayName,
  ...(role ? { role } : {}),
});

type Content = Pick<DigestContent, 'atRisk' | 'departures' | 'waiting' | 'waitingInAll' | 'failures'>;

/** What happened in the programme in (from, to], each date on the coordinator's calendar. */
async function newsOf(db: Db, p: RunningProgramme, from: Date, to: Date, zone: string): Promise<Content> {
  const day = (at: Date) => localDate(at, zone);
  const atRisk = (await newAtRiskPairs(db, p.id, from, to)).map((r) => ({
    pairingId: r.id,
    flaggedAt: r.atRiskFlaggedAt!.getTime(),
    flaggedOn: day(r.atRiskFlaggedAt!),
    mentor: person(r.mentor, 'mentor'),
    mentee: person(r.mentee, 'mentee'),
  }));
  const departures = (await newDepartures(db, p.id, from, to)).map((d) => ({
    person: person(d, d.role),
    role: d.role,
    reason: d.status === 'departed' ? ('departed' as const) : ('withdrawn' as const),
    leftOn: day(d.leftAt!),
  }));
  const allWaiting = await pairsWaitingForRematch(db, p.id);
  const waiting = allWaiting
    .map((w) => {
      const members = [w.mentor, w.mentee];
      const gone = members.filter((m) => GONE.has(m.status));
      const since = Math.max(...gone.map((m) => m.leftAt?.getTime() ?? 0), gone.length === 0 ? w.updatedAt.getTime() : 0);
      return {
        since,
        item: {
          pairingId: w.id,
          asked: w.endReason === REMATCH_REQUESTED && gone.length === 0,
          gone: gone.filter((m) => !m.erasedAt).map((m) => m.slackUserId),
          waiting: [
            ...(stillIn(w.mentor) ? [person(w.mentor, 'mentor')] : []),
            ...(stillIn(w.mentee) ? [person(w.mentee, 'mentee')] : []),
          ],
        },
      };
    })
    .filter((w) => w.since > from.getTime() && w.since <= to.getTime())
    .map((w) => w.item);
  const failures = [];
  for (const f of await newFailedDeliveries(db, from, to)) {
    const participants = await participantsAmong(db, f.users);
    const here = participants.filter((x) => x.programmeId === p.id);
    // A failure reaches the digest of the programme its receiver takes part in; one to nobody's programme (a
    // coordinator's notice, a channel post) reaches every programme's.
    if (participants.length > 0 && here.length === 0) continue;
    failures.push({
      kind: f.kind,
      failedOn: day(f.failedAt),
      users: f.users.filter((u) => !u.startsWith('erased')),
      participants: here.filter((x) => !x.erasedAt).map((x) => person(x)),
    });
  }
  return { atRisk, departures, waiting, waitingInAll: allWaiting.length, failures };
}

/** Writes each coordinator's digest of the week, once, when its Monday 09:00 has come in their zone. */
export async function runDigests(deps: CoordinatorPassDeps, now: Date): Promise<DigestReport> {
  const report = { sent: 0, silent: 0 };
  for (const p of await runningProgrammes(deps.db)) {
    for (const coordinator of await coordinatorsOf(audienceOf(deps), p.id)) {
      const zone = await coordinatorZone(audienceOf(deps), p, coordinator);
      const { weekOf } = digestWeek(now, zone);
      if (await digestExists(deps.db, p.id, coordinator, weekOf)) continue;
      const last = await lastCovered(deps.db, p.id, coordinator);
      // The first digest waits for a Monday; after that, a pass that comes late (the bot was down) catches up.
      if (!last && localDate(now, zone) !== weekOf) continue;
      const from = last ?? new Date(0);
      const news = await newsOf(deps.db, p, from, now, zone);
      const items = digestItemCount(news);
      const message = digestMessage({
        ...news,
        programmeId: p.id,
        programmeName: p.name,
        coordinator,
        zone,
        weekOf,
        notBefore: firstWorkingMoment(now, zone),
      });
      const row = { programmeId: p.id, coordinator, weekOf, coveredUntil: now, items };
      if (await recordDigest(deps.db, row, message)) report[items > 0 ? 'sent' : 'silent']++;
    }
  }
  return report;
}
