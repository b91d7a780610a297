// The web dashboard's records (docs/dashboard.md): one-time sign-in links, "Sign in with Slack" attempts and
// sessions, by the SHA-256 of their tokens only; and the roster and programme list its pages read.
import type { Db, Tx } from './database.js';
import { recordParticipantPause } from './pauses.js';

type Client = Db | Tx;

// ---- Sign-in links, OpenID Connect attempts, sessions ----

export async function createLink(
  db: Client,
  link: { tokenHash: string; slackUserId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.dashboardLink.create({ data: link });
}

export function findLink(db: Client, tokenHash: string) {
  return db.dashboardLink.findUnique({ where: { tokenHash } });
}

/** Marks the link used if it is unused and unexpired (a compare-and-set: of two uses at once, one wins). */
export async function useLink(tx: Client, tokenHash: string, now: Date): Promise<boolean> {
  const { count } = await tx.dashboardLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

export async function createSignIn(
  db: Client,
  attempt: { stateHash: string; browserHash: string; nonce: string; expiresAt: Date },
): Promise<void> {
  await db.dashboardSignIn.create({ data: attempt });
}

/** The attempt's nonce, once: only for the browser that started it, before it expires. */
export async function useSignIn(db: Client, stateHash: string, browserHash: string, now: Date): Promise<string | null> {
  const { count } = await db.dashboardSignIn.updateMany({
    where: { stateHash, browserHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return (await db.dashboardSignIn.findUnique({ where: { stateHash } }))?.nonce ?? null;
}

export async function createSession(
  db: Client,
  session: { tokenHash: string; slackUserId: string; csrfToken: string; signedInVia: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.dashboardSession.create({ data: session });
}

/** A session that has neither ended nor expired. */
export function findLiveSession(db: Client, tokenHash: string, now: Date) {
  return db.dashboardSession.findFirst({ where: { tokenHash, endedAt: null, expiresAt: { gt: now } } });
}

export async function endSession(db: Client, tokenHash: string, now: Date): Promise<void> {
  await db.dashboardSession.updateMany({ where: { tokenHash, endedAt: null }, data: { endedAt: now } });
}

/** Ends every session of a person (they are no longer a coordinator). */
export async function endSessionsOf(db: Client, slackUserId: string, now: Date): Promise<number> {
  const { count } = await db.dashboardSession.updateMany({ where: { slackUserId, endedAt: null }, data: { endedAt: now } });
  return count;
}

/** Forgets links, attempts and sessions that ended or expired before `before`. */
export async function pruneDashboardAccess(db: Db, before: Date): Promise<void> {
  await db.dashboardLink.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.dashboardSignIn.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.dashboardSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
}

// ---- What the pages read ----

/** Every programme, closed ones too, newest start first. */
export function allProgrammes(db: Db) {
  return db.programme.findMany({ orderBy: [{ startDate: 'desc' }, { id: 'asc' }] });
}

/** Head counts of every programme at once: participants by programme, role and status; pairs by programme and status. */
export async function programmeHeadCounts(db: Db) {
  const [people, pairs, runs] = await Promise.all([
    db.participant.groupBy({ by: ['programmeId', 'role', 'status'], where: { erasedAt: null }, _count: { _all: true } }),
    db.pairing.groupBy({ by: ['programmeId', 'status'], _count: { _all: true } }),
    db.matchRun.findMany({
      where: { status: { in: ['draft', 'approved'] } },
      select: { programmeId: true, status: true, createdAt: true, approvedAt: true },
    }),
  ]);
  return {
    people: people.map((p) => ({ programmeId: p.programmeId, role: p.role, status: p.status, count: p._count._all })),
    pairs: pairs.map((p) => ({ programmeId: p.programmeId, status: p.status, count: p._count._all })),
    runs,
  };
}

/** One programme's participants (not erased) as the roster lists them, with their current pairings. */
export async function rosterRecords(db: Db, programmeId: string) {
  const [people, pairings] = await Promise.all([
    db.participant.findMany({
      where: { programmeId, erasedAt: null },
      select: {
        id: true,
        slackUserId: true,
        displayName: true,
        title: true,
        role: true,
        status: true,
        department: true,
        timezone: true,
        seniorityLevel: true,
        pausedUntil: true,
        createdAt: true,
      },
    }),
    db.pairing.findMany({
      where: { programmeId, status: { in: ['active', 'paused'] } },
      select: { id: true, status: true, endReason: true, mentorId: true, menteeId: true },
    }),
  ]);
  return { people, pairings };
}

export type RosterRecords = Awaited<ReturnType<typeof rosterRecords>>;

/** A participant with their programme and current pairings (the roster's actions). */
export function participantWithPairings(db: Client, participantId: string) {
  return db.participant.findUnique({
    where: { id: participantId },
    include: {
      programme: true,
      mentorPairings: { where: { status: { in: ['active', 'paused'] } }, include: { mentee: true } },
      menteePairings: { where: { status: { in: ['active', 'paused'] } }, include: { mentor: true } },
    },
  });
}

/** The people of a programme by id, for names in the matching review (pin and swap choices). */
export function programmePeople(db: Db, programmeId: string) {
  return db.participant.findMany({
    where: { programmeId, erasedAt: null, status: { in: ['active', 'paused'] } },
    select: { id: true, slackUserId: true, displayName: true, role: true, department: true, status: true },
  });
}

/**
 * Pauses a participation until a day, in the caller's transaction: the same rule as store/participation.ts
 * `pauseParticipant` (only an active or paused participation), so a coordinator's pause and its notice commit together.
 */
export async function pauseParticipation(tx: Tx, participantId: string, until: Date, now: Date): Promise<boolean> {
  const { count } = await tx.participant.updateMany({
    where: { id: participantId, status: { in: ['active', 'paused'] } },
    data: { status: 'paused', pausedUntil: until },
  });
  if (count === 1) await recordParticipantPause(tx, participantId, now, until);
  return count === 1;
}
