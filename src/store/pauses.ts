// Approved pauses as spells of time (PauseSpell): a participant's own pause until a day, or a pair's "Pause" until
// one of them resumes. Written in the transaction of the pause or resume; the at-risk flag reads them.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from './database.js';

import type { PauseTime } from '../domain/schedule/atRisk.js';

/** A participant paused until `until`: a pause still running moves to the new day; otherwise one starts now. */
export async function recordParticipantPause(tx: Tx, participantId: string, now: Date, until: Date): Promise<void> {
  const { count } = await tx.pauseSpell.updateMany({ where: { participantId, endsAt: { gt: now } }, data: { endsAt: until } });
  if (count === 0) await tx.pauseSpell.create({ data: { id: randomUUID(), participantId, startedAt: now, endsAt: until } });
}

/** A participant's pause ends early (Resume, or leaving). */
export async function endParticipantPause(tx: Tx, participantId: string, now: Date): Promise<void> {
  await tx.pauseSpell.updateMany({ where: { participantId, endsAt: { gt: now } }, data: { endsAt: now } });
}

export async function startPairPause(tx: Tx, pairingId: string, now: Date): Promise<void> {
  await tx.pauseSpell.create({ data: { id: randomUUID(), pairingId, startedAt: now, endsAt: null } });
}

export async function endPairPause(tx: Tx, pairingId: string, now: Date): Promise<void> {
  await tx.pauseSpell.updateMany({ where: { pairingId, endsAt: null }, data: { endsAt: now } });
}

/** The pauses of a pair and of its two members that were still running at or after `since`. */
export function pausesOfPair(
  db: Db,
  pair: { id: string; mentor: { id: string }; mentee: { id: string } },
  since: Date,
): Promise<PauseTime[]> {
  return db.pauseSpell.findMany({
    where: {
      OR: [{ pairingId: pair.id }, { participantId: { in: [pair.mentor.id, pair.mentee.id] } }],
      AND: [{ OR: [{ endsAt: null }, { endsAt: { gt: since } }] }],
    },
    select: { startedAt: true, endsAt: true },
    orderBy: { startedAt: 'asc' },
  });
}

type PairMembers = { id: string; mentor: { id: string }; mentee: { id: string } };

/** pausesOfPair for many pairs in one query: each pair's pauses still running at or after its own `since`. */
export async function pausesOfPairs(
  db: Db,
  pairs: ReadonlyArray<{ pair: PairMembers; since: Date }>,
): Promise<Map<string, PauseTime[]>> {
  const out = new Map<string, PauseTime[]>(pairs.map(({ pair }) => [pair.id, []]));
  if (pairs.length === 0) return out;
  const earliest = new Date(Math.min(...pairs.map((p) => p.since.getTime())));
  const spells = await db.pauseSpell.findMany({
    where: {
      OR: [
        { pairingId: { in: pairs.map((p) => p.pair.id) } },
        { participantId: { in: pairs.flatMap((p) => [p.pair.mentor.id, p.pair.mentee.id]) } },
      ],
      AND: [{ OR: [{ endsAt: null }, { endsAt: { gt: earliest } }] }],
    },
    select: { pairingId: true, participantId: true, startedAt: true, endsAt: true },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
  });
  for (const { pair, since } of pairs) {
    const members = [pair.mentor.id, pair.mentee.id];
    out.set(
      pair.id,
      spells
        .filter((s) => s.pairingId === pair.id || (s.participantId !== null && members.includes(s.participantId)))
        .filter((s) => s.endsAt === null || s.endsAt > since)
        .map((s) => ({ startedAt: s.startedAt, endsAt: s.endsAt })),
    );
  }
  return out;
}
