import { DEFAULT_TOPICS, type Topic } from '../domain/topics.js';
import type { Db } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

export interface NewProgramme {
  id: string;
  name: string;
  startDate: Date;
  endDate: Date;
  durationMonths: number;
  cadenceDays: number;
  minSeniorityGap: number;
  objectives: string;
  signupDeadline: Date;
  announcementChannel: string | null;
  timezone: string;
  createdBySlackId: string;
}

/**
 * Creates a programme open for signup with the default topic catalogue, and the messages that
 * announce it, in one transaction; the same id twice is a no-op.
 */
export async function createProgramme(db: Db, p: NewProgramme, messages: OutgoingMessage[] = [], topics: readonly Topic[] = DEFAULT_TOPICS): Promise<{ created: boolean }> {
  try {
    await db.$transaction(async (tx) => {
      await tx.programme.create({ data: { ...p, status: 'open' } });
      await tx.programmeTopic.createMany({
        data: topics.map((t, position) => ({ programmeId: p.id, key: t.key, label: t.label, direction: t.direction, position })),
      });
      for (const m of messages) await enqueueMessage(tx, m);
    });
    return { created: true };
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false };
    throw err;
  }
}

export function listOpenProgrammes(db: Db) {
  return db.programme.findMany({ where: { status: 'open' }, orderBy: [{ startDate: 'asc' }, { name: 'asc' }] });
}

export async function programmeTopics(db: Db, programmeId: string): Promise<Topic[]> {
  const rows = await db.programmeTopic.findMany({ where: { programmeId }, orderBy: { position: 'asc' } });
  return rows.map((r) => ({ key: r.key, label: r.label, direction: r.direction === 'downward' ? 'downward' : 'upward' }));
}

export function findProgramme(db: Db, id: string) {
  return db.programme.findUnique({ where: { id } });
}

export interface ProgrammeCounts {
  mentors: number;
  mentees: number;
  active: number;
  paused: number;
  left: number;
  pairs: number;
}

/** Head counts for App Home and /rm-admin, computed by the database. */
export async function programmeCounts(db: Db, programmeId: string): Promise<ProgrammeCounts> {
  const [byRole, byStatus, pairs] = await Promise.all([
    db.participant.groupBy({ by: ['role'], where: { programmeId, erasedAt: null, status: { in: ['active', 'paused'] } }, _count: { _all: true } }),
    db.participant.groupBy({ by: ['status'], where: { programmeId }, _count: { _all: true } }),
    db.pairing.count({ where: { programmeId, status: { in: ['active', 'paused'] } } }),
  ]);
  const role = (r: string) => byRole.find((x) => x.role === r)?._count._all ?? 0;
  const status = (s: string) => byStatus.find((x) => x.status === s)?._count._all ?? 0;
  return { mentors: role('mentor'), mentees: role('mentee'), active: status('active'), paused: status('paused'), left: status('withdrawn') + status('departed'), pairs };
}
