import { randomUUID } from 'node:crypto';
import type { Role } from '../domain/people.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
import { closeOpenCheckIns } from './programmes.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

export interface SignupRecord {
  programmeId: string;
  slackUserId: string;
  displayName: string;
  title: string;
  role: Role;
  seniorityLevel: number;
  careerStage: string;
  generation: string;
  department: string;
  managerSlackId: string | null;
  teaches: string[];
  learns: string[];
  goals: string;
  meetingPreference: string;
  capacity: number;
  avoidSlackIds: string[];
  timezone: string;
}

const LEFT = ['withdrawn', 'departed'];
const CURRENT_PAIRING = ['active', 'paused'];
/** A pairing broken because someone left ends with this reason when it is replaced or its member comes back. */
export const PARTNER_LEFT = 'partner_left';

/**
 * Someone who left (or was recorded as departed) and signs up again is in the programme again: active, with the
 * pairings their leaving broke ended for good (their former partners wait for a rematch; never the same pair again).
 */
async function comeBack(tx: Tx, participantId: string, at: Date): Promise<void> {
  const broken = await tx.pairing.findMany({
    where: { status: { in: CURRENT_PAIRING }, OR: [{ mentorId: participantId }, { menteeId: participantId }] },
    select: { id: true },
  });
  const ids = broken.map((p) => p.id);
  if (ids.length === 0) return;
  await tx.pairing.updateMany({ where: { id: { in: ids } }, data: { status: 'ended', endedAt: at, endReason: PARTNER_LEFT } });
  await closeOpenCheckIns(tx, ids, at);
}

async function writeProfile(
  tx: Tx,
  r: SignupRecord,
  at: Date,
): Promise<{ participantId: string; created: boolean; rejoined: boolean }> {
  const { teaches, learns, avoidSlackIds, ...profile } = r;
  const existing = await tx.participant.findUnique({
    where: { programmeId_slackUserId: { programmeId: r.programmeId, slackUserId: r.slackUserId } },
  });
  const participantId = existing?.id ?? randomUUID();
  const rejoined = existing !== null && LEFT.includes(existing.status);
  if (existing) {
    const back = rejoined ? { status: 'active', leftAt: null, pausedUntil: null } : {};
    await tx.participant.update({ where: { id: participantId }, data: { ...profile, ...back } });
    if (rejoined) await comeBack(tx, participantId, at);
    await tx.participantTopic.deleteMany({ where: { participantId } });
    await tx.avoidEntry.deleteMany({ where: { participantId } });
  } else {
    // Dated by the app's clock (the demo's is simulated), not by the database's default.
    await tx.participant.create({ data: { id: participantId, ...profile, status: 'active', createdAt: at } });
  }
  const topicRows = [
    ...teaches.map((topicKey) => ({ participantId, topicKey, kind: 'teach' })),
    ...learns.map((topicKey) => ({ participantId, topicKey, kind: 'learn' })),
  ];
  if (topicRows.length > 0) await tx.participantTopic.createMany({ data: topicRows });
  if (avoidSlackIds.length > 0)
    await tx.avoidEntry.createMany({ data: avoidSlackIds.map((avoidSlackUserId) => ({ participantId, avoidSlackUserId })) });
  return { participantId, created: !existing, rejoined };
}

/**
 * Stores a signup, a profile edit or someone's return after leaving, and the DM that confirms it, in one
 * transaction. Submitting the same modal twice (double click, Slack retry) writes one profile and one DM: the DM's
 * key is the modal's view id. `confirmation` is told whether the person joins (first time or again) or edits.
 */
export async function saveSignup(
  db: Db,
  record: SignupRecord,
  confirmation: (joined: boolean) => Omit<OutgoingMessage, 'idempotencyKey'>,
  viewId: string,
  at: Date,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const result = await writeProfile(tx, record, at);
        await enqueueMessage(tx, {
          ...confirmation(result.created || result.rejoined),
          idempotencyKey: `signup:${record.programmeId}:${record.slackUserId}:${viewId}`,
        });
        return result;
      });
    } catch (err) {
      // Two submissions raced to create the same profile: the second one becomes an edit.
      if (isUniqueViolation(err) && attempt === 0) continue;
      throw err;
    }
  }
}

export async function findProfile(db: Db, programmeId: string, slackUserId: string) {
  return db.participant.findUnique({
    where: { programmeId_slackUserId: { programmeId, slackUserId } },
    include: { topics: { orderBy: { topicKey: 'asc' } }, avoid: { orderBy: { avoidSlackUserId: 'asc' } } },
  });
}

/** The person's participations (erased ones are no longer theirs), with each programme's id. */
export function participationsOf(db: Db, slackUserId: string) {
  return db.participant.findMany({
    where: { slackUserId, erasedAt: null },
    select: { id: true, programmeId: true, status: true },
  });
}

/** The pairings a participant is in now (active, or paused), with what tells whether each still holds. */
export function currentPairingsOf(db: Db, participantId: string) {
  return db.pairing.findMany({
    where: { status: { in: CURRENT_PAIRING }, OR: [{ mentorId: participantId }, { menteeId: participantId }] },
    include: {
      mentor: { select: { slackUserId: true, status: true } },
      mentee: { select: { slackUserId: true, status: true } },
    },
  });
}
