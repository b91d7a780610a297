// The rows of N active pairs whose first check-in is due today, nudge planned at 10:00 local: what the
// fan-out and load benchmarks seed (the approval of a matching leaves pairs in this state).
import { nudgeInstant } from '../src/domain/schedule/index.js';

export interface DuePairsOptions {
  programmeId: string;
  /** Slack ids, two per pair: mentor, mentee, mentor, ... */
  people: readonly string[];
  pairs: number;
  /** pairing ids are `<idPrefix><index padded to idWidth>` */
  idPrefix: string;
  idWidth: number;
  zone: string;
  introducedAt: Date;
  /** YYYY-MM-DD */
  dueDate: string;
  groupChannelFor: (mentor: string, mentee: string) => string;
}

export function duePairRows(o: DuePairsOptions) {
  const nextNudgeAt = nudgeInstant(o.dueDate, { menteeZone: o.zone, mentorZone: o.zone });
  const participants = [];
  const pairings = [];
  const checkIns = [];
  for (let i = 0; i < o.pairs; i++) {
    const id = `${o.idPrefix}${String(i).padStart(o.idWidth, '0')}`;
    const mentor = o.people[2 * i]!;
    const mentee = o.people[2 * i + 1]!;
    participants.push(
      {
        id: `${id}-mentor`,
        programmeId: o.programmeId,
        slackUserId: mentor,
        role: 'mentor',
        seniorityLevel: 2,
        timezone: o.zone,
      },
      {
        id: `${id}-mentee`,
        programmeId: o.programmeId,
        slackUserId: mentee,
        role: 'mentee',
        seniorityLevel: 7,
        timezone: o.zone,
      },
    );
    pairings.push({
      id,
      programmeId: o.programmeId,
      mentorId: `${id}-mentor`,
      menteeId: `${id}-mentee`,
      status: 'active',
      cadenceDays: 14,
      introducedAt: o.introducedAt,
      groupChannelId: o.groupChannelFor(mentor, mentee),
    });
    checkIns.push({ id: `${id}-ci1`, pairingId: id, sequence: 1, dueAt: new Date(`${o.dueDate}T00:00:00Z`), nextNudgeAt });
  }
  return { participants, pairings, checkIns };
}
