import type { Tx } from './database.js';

/**
 * A person left the company (their Slack user was deleted): their participations end as
 * "departed" and their active pairings pause. History stays for reports.
 */
export async function markDeparted(tx: Tx, slackUserId: string, at: Date): Promise<number> {
  const participants = await tx.participant.findMany({ where: { slackUserId, status: { not: 'departed' } }, select: { id: true } });
  if (participants.length === 0) return 0;
  const ids = participants.map((p) => p.id);
  await tx.participant.updateMany({ where: { id: { in: ids } }, data: { status: 'departed', leftAt: at, pausedUntil: null } });
  await tx.pairing.updateMany({
    where: { status: 'active', OR: [{ mentorId: { in: ids } }, { menteeId: { in: ids } }] },
    data: { status: 'paused' },
  });
  return ids.length;
}
