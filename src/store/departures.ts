import type { Db, Tx } from './database.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import { endParticipation, type LeftPartner } from './participation.js';

export interface DepartureNotice {
  programmeId: string;
  programmeName: string;
  /** The programme's zone: for coordinators whose own zone is unknown. */
  programmeTimezone: string;
  participantId: string;
  role: string;
  /** the partners left without a pair */
  partners: LeftPartner[];
}

/**
 * A person left the company (their Slack user was deleted): each of their participations ends as
 * "departed", their running pairings pause, and the notices are written. History stays for reports.
 */
export async function markDeparted(
  tx: Tx,
  slackUserId: string,
  at: Date,
  notices: (n: DepartureNotice) => OutgoingMessage[],
): Promise<number> {
  const participants = await tx.participant.findMany({
    where: { slackUserId, status: { in: ['active', 'paused'] } },
    include: { programme: { select: { name: true, timezone: true } } },
  });
  let ended = 0;
  for (const p of participants) {
    const done = await endParticipation(tx, p.id, 'departed', at, (partners) =>
      notices({
        programmeId: p.programmeId,
        programmeName: p.programme.name,
        programmeTimezone: p.programme.timezone,
        participantId: p.id,
        role: p.role,
        partners,
      }),
    );
    if (done) ended += 1;
  }
  return ended;
}

/** The programmes this person takes part in now (whose coordinators a departure tells). */
export async function liveProgrammeIdsOf(db: Db, slackUserId: string): Promise<string[]> {
  const rows = await db.participant.findMany({
    where: { slackUserId, status: { in: ['active', 'paused'] } },
    select: { programmeId: true },
  });
  return rows.map((r) => r.programmeId);
}
