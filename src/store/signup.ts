import { randomUUID } from 'node:crypto';
import type { Role } from '../domain/people.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
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

async function writeProfile(tx: Tx, r: SignupRecord): Promise<{ participantId: string; created: boolean }> {
  const { teaches, learns, avoidSlackIds, ...profile } = r;
  const existing = await tx.participant.findUnique({
    where: { programmeId_slackUserId: { programmeId: r.programmeId, slackUserId: r.slackUserId } },
  });
  const participantId = existing?.id ?? randomUUID();
  if (existing) {
    await tx.participant.update({ where: { id: participantId }, data: profile });
    await tx.participantTopic.deleteMany({ where: { participantId } });
    await tx.avoidEntry.deleteMany({ where: { participantId } });
  } else {
    await tx.participant.create({ data: { id: participantId, ...profile, status: 'active' } });
  }
  const topicRows = [
    ...teaches.map((topicKey) => ({ participantId, topicKey, kind: 'teach' })),
    ...learns.map((topicKey) => ({ participantId, topicKey, kind: 'learn' })),
  ];
  if (topicRows.length > 0) await tx.participantTopic.createMany({ data: topicRows });
  if (avoidSlackIds.length > 0)
    await tx.avoidEntry.createMany({ data: avoidSlackIds.map((avoidSlackUserId) => ({ participantId, avoidSlackUserId })) });
  return { participantId, created: !existing };
}

/**
 * Stores a signup or a profile edit, and the DM that confirms it, in one transaction. Submitting the
 * same modal twice (double click, Slack retry) writes one profile and one DM: the DM's key is the
 * modal's view id.
 */
export async function saveSignup(
  db: Db,
  record: SignupRecord,
  confirmation: (created: boolean) => Omit<OutgoingMessage, 'idempotencyKey'>,
  viewId: string,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const result = await writeProfile(tx, record);
        await enqueueMessage(tx, {
          ...confirmation(result.created),
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
