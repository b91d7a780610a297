// /rm-admin edit: the programme's settings as the edit form shows them, and an edit applied with its effects and its
// record in one transaction.
import { randomUUID } from 'node:crypto';
import type { CatalogueTopic, SettingChange, TopicPlan } from '../domain/programmeEdits.js';
import { inTransaction, type Db, type Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import { CANCELLED, type ProgrammeSettings } from './programmes.js';

/** A programme with its whole topic catalogue (retired topics included), or null. */
export async function programmeWithCatalogue(db: Db | Tx, programmeId: string) {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    include: { topics: { orderBy: { position: 'asc' } } },
  });
  if (!programme) return null;
  const topics: CatalogueTopic[] = programme.topics.map((t) => ({
    key: t.key,
    label: t.label,
    direction: t.direction === 'downward' ? 'downward' : 'upward',
    retired: t.retiredAt !== null,
  }));
  return { programme, topics };
}

const RUNNING = { in: ['active', 'paused'] };
const OPEN_CHECK_IN = { in: ['due', 'scheduled'] };

/** Running pairs whose series of check-ins has stopped (none open): a later end date gives them a next one. */
export function pairsWithoutOpenCheckIn(db: Db, programmeId: string) {
  return db.pairing.findMany({
    where: { programmeId, status: RUNNING, introducedAt: { not: null }, checkIns: { some: {}, none: { status: OPEN_CHECK_IN } } },
    select: {
      id: true,
      cadenceDays: true,
      cadenceChosen: true,
      mentor: { select: { timezone: true } },
      mentee: { select: { timezone: true } },
      checkIns: { orderBy: { sequence: 'desc' }, take: 1, select: { sequence: true, dueAt: true } },
    },
    orderBy: { id: 'asc' },
  });
}

export interface ProgrammeEditWrite {
  programmeId: string;
  /** the programme's updatedAt as the edit was checked: a change committed meanwhile refuses this one */
  version: Date;
  /** the modal's id: the same submission twice records (and applies) one edit */
  editKey: string;
  by: string;
  now: Date;
  settings: ProgrammeSettings;
  /** set when the default cadence changes: pairs that kept the default follow it */
  newDefaultCadence?: number;
  /** set when the end date moves earlier: check-ins due from then on are cancelled */
  cancelCheckInsFrom?: Date;
  /** next check-ins for pairs whose series had stopped at the old end date */
  resumedCheckIns: Array<{ pairingId: string; sequence: number; dueAt: Date; nextNudgeAt: Date }>;
  topics: TopicPlan;
  changes: SettingChange[];
}

export type EditWriteResult = 'applied' | 'already_applied' | 'stale' | 'closed';

/** Applies an edit, its effects and its record together; nothing at all when it was applied already or is stale. */
export async function applyProgrammeEdit(db: Db, w: ProgrammeEditWrite): Promise<EditWriteResult> {
  try {
    return await inTransaction(db, async (tx) => {
      if (await tx.programmeChange.findFirst({ where: { editKey: w.editKey }, select: { id: true } })) return 'already_applied';
      const { count } = await tx.programme.updateMany({
        where: { id: w.programmeId, updatedAt: w.version, status: { not: 'closed' } },
        data: w.settings,
      });
      if (count !== 1) {
        const p = await tx.programme.findUnique({ where: { id: w.programmeId }, select: { status: true } });
        return !p || p.status === 'closed' ? 'closed' : 'stale';
      }
      if (w.newDefaultCadence !== undefined) {
        await tx.pairing.updateMany({
          where: { programmeId: w.programmeId, status: { in: ['draft', 'active', 'paused'] }, cadenceChosen: false },
          data: { cadenceDays: w.newDefaultCadence },
        });
      }
      if (w.cancelCheckInsFrom) {
        await tx.checkIn.updateMany({
          where: { pairing: { programmeId: w.programmeId }, status: OPEN_CHECK_IN, dueAt: { gte: w.cancelCheckInsFrom } },
          data: { status: CANCELLED, nextNudgeAt: null },
        });
      }
      for (const c of w.resumedCheckIns) {
        const open = await tx.checkIn.count({ where: { pairingId: c.pairingId, status: OPEN_CHECK_IN } });
        if (open === 0) await tx.checkIn.create({ data: { id: randomUUID(), ...c } });
      }
      await writeTopicPlan(tx, w.programmeId, w.topics, w.now);
      await tx.programmeChange.createMany({
        data: w.changes.map((c) => ({
          id: `${w.editKey}:${c.field}`,
          programmeId: w.programmeId,
          editKey: w.editKey,
          changedBySlackId: w.by,
          changedAt: w.now,
          ...c,
        })),
      });
      return 'applied';
    });
  } catch (err) {
    // The same submission committed meanwhile (a retry racing the first delivery).
    if (isUniqueViolation(err)) return 'already_applied';
    throw err;
  }
}

async function writeTopicPlan(tx: Tx, programmeId: string, plan: TopicPlan, now: Date): Promise<void> {
  if (plan.retired.length > 0)
    await tx.programmeTopic.updateMany({ where: { programmeId, key: { in: plan.retired } }, data: { retiredAt: now } });
  if (plan.restored.length > 0)
    await tx.programmeTopic.updateMany({ where: { programmeId, key: { in: plan.restored } }, data: { retiredAt: null } });
  if (plan.added.length > 0) await tx.programmeTopic.createMany({ data: plan.added.map((t) => ({ programmeId, ...t })) });
}

/** The latest changes of these programmes, newest first, at most `perProgramme` each. */
export async function recentChanges(db: Db, programmeIds: string[], perProgramme: number) {
  const rows = await Promise.all(
    programmeIds.map((programmeId) =>
      db.programmeChange.findMany({
        where: { programmeId },
        orderBy: [{ changedAt: 'desc' }, { id: 'asc' }],
        take: perProgramme,
      }),
    ),
  );
  return rows.flat();
}

/** Whether this edit (the modal's id) was applied already. */
export async function editRecorded(db: Db, editKey: string): Promise<boolean> {
  return (await db.programmeChange.count({ where: { editKey } })) > 0;
}

/** The people whose App Home shows this programme as a participation of theirs (everyone not erased). */
export async function participantSlackIds(db: Db, programmeId: string): Promise<string[]> {
  const rows = await db.participant.findMany({
    where: { programmeId, erasedAt: null },
    select: { slackUserId: true },
    distinct: ['slackUserId'],
  });
  return rows.map((r) => r.slackUserId);
}
