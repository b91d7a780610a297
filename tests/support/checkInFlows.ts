import { tick } from '../../src/jobs/tick.js';
import type { Db } from '../../src/store/database.js';
import { eventually } from './eventually.js';
import type { Harness } from './harness.js';
import { COORDINATOR } from './programmeFlows.js';

export interface Member {
  slackUserId: string;
  timezone: string;
}

export async function seedProgramme(db: Db, id: string, endDate = '2026-09-02', cadenceDays = 14): Promise<string> {
  await db.programme.create({
    data: {
      id,
      name: `Programme ${id}`,
      status: 'running',
      startDate: new Date('2026-03-02T00:00:00Z'),
      durationMonths: 6,
      endDate: new Date(`${endDate}T00:00:00Z`),
      cadenceDays,
      signupDeadline: new Date('2026-02-20T00:00:00Z'),
      timezone: 'Europe/London',
      createdBySlackId: COORDINATOR,
    },
  });
  return id;
}

/** A pair as the matching's approval will leave it: two participants, an active pairing, check-in 1. */
export async function seedPair(
  db: Db,
  programmeId: string,
  id: string,
  mentor: Member,
  mentee: Member,
  firstDue: string,
  cadenceDays = 14,
): Promise<string> {
  const person = (m: Member, role: string, level: number) =>
    db.participant.create({
      data: { id: `${id}-${role}`, programmeId, slackUserId: m.slackUserId, role, seniorityLevel: level, timezone: m.timezone },
    });
  await person(mentor, 'mentor', 2);
  await person(mentee, 'mentee', 7);
  await db.pairing.create({
    data: {
      id,
      programmeId,
      mentorId: `${id}-mentor`,
      menteeId: `${id}-mentee`,
      status: 'active',
      cadenceDays,
      introducedAt: new Date('2026-03-02T09:00:00Z'),
    },
  });
  await db.checkIn.create({ data: { id: `${id}-ci1`, pairingId: id, sequence: 1, dueAt: new Date(`${firstDue}T00:00:00Z`) } });
  return id;
}

/** Sets the clock and runs one scheduler pass as of it, as node-cron would. */
export async function tickAt(h: Harness, at: Date | string) {
  const now = typeof at === 'string' ? new Date(at) : at;
  h.clock.set(now);
  return tick({ db: h.bot.db.client, coordinators: [COORDINATOR] }, now);
}

/** Waits until the outbox has sent the row and returns where it landed. */
export async function sentRow(h: Harness, idempotencyKey: string) {
  return eventually(
    async () => {
      const row = await h.bot.db.client.outboxMessage.findUnique({ where: { idempotencyKey } });
      return row?.status === 'sent' && row.channelId && row.messageTs
        ? { ...row, channelId: row.channelId, messageTs: row.messageTs }
        : undefined;
    },
    5000,
    `outbox row ${idempotencyKey} sent`,
  );
}

/** Waits until nothing due is left in the outbox. */
export async function outboxDrained(h: Harness) {
  await eventually(
    async () =>
      (await h.bot.db.client.outboxMessage.count({
        where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: h.clock.now() } },
      })) === 0,
    10000,
    'outbox drained',
  );
}

/** When the scheduler meant the message to go (its notBefore), as written in the message's metadata. */
export function plannedAt(row: { payloadJson: string }): Date {
  const payload = JSON.parse(row.payloadJson) as { metadata?: { planned_at?: string } };
  if (!payload.metadata?.planned_at) throw new Error('no planned_at in the message metadata');
  return new Date(payload.metadata.planned_at);
}
