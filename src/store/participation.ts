import { anonymiseReleasedAnswers } from './feedbackReleases.js';
import type { Db, Tx } from './database.js';
import { enqueueMessage, ERASED_PAYLOAD } from './outbox.js';
import { endParticipantPause, recordParticipantPause } from './pauses.js';
import { forgetDirectoryEntry } from './directory.js';
import type { OutgoingMessage } from '../messages/outgoing.js';
import type { UnmatchedEntry } from '../domain/matching/index.js';

// A person's place in a programme: pause, resume, leave (or depart), and their own data: export and erase.

/** "Pause until <date>" ends by itself: participants whose date has come are active again. */
export async function resumeParticipantsDue(db: Db, now: Date): Promise<number> {
  const { count } = await db.participant.updateMany({
    where: { status: 'paused', pausedUntil: { lte: now } },
    data: { status: 'active', pausedUntil: null },
  });
  return count;
}

/**
 * The name Slack now shows for someone, on each of their participations, in one write; rows that already have it
 * are left alone (a repeated event writes nothing). Erased participations no longer carry the Slack id.
 */
export async function renameParticipations(db: Db, slackUserId: string, displayName: string): Promise<number> {
  const { count } = await db.participant.updateMany({
    where: { slackUserId, erasedAt: null, displayName: { not: displayName } },
    data: { displayName },
  });
  return count;
}

export function findParticipant(db: Db | Tx, id: string) {
  return db.participant.findUnique({ where: { id }, include: { programme: true } });
}

export async function pauseParticipant(db: Db, id: string, until: Date, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.participant.updateMany({
      where: { id, status: { in: ['active', 'paused'] } },
      data: { status: 'paused', pausedUntil: until },
    });
    if (count === 1) await recordParticipantPause(tx, id, now, until);
    return count === 1;
  });
}

export async function resumeParticipant(db: Db, id: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.participant.updateMany({
      where: { id, status: 'paused' },
      data: { status: 'active', pausedUntil: null },
    });
    if (count === 1) await endParticipantPause(tx, id, now);
    return count === 1;
  });
}

/** Someone left without a pair when their partner leaves: who they are, and the pairing that broke. */
export interface LeftPartner {
  pairingId: string;
  participantId: string;
  slackUserId: string;
  displayName: string;
  /** Their zone: when the notice may reach them. */
  timezone: string;
}

const STILL_IN = ['active', 'paused'];
const member = {
  select: { id: true, slackUserId: true, displayName: true, timezone: true, status: true, erasedAt: true },
} as const;

/**
 * Ends a participation (left the programme, or left the company): the person is marked, their running
 * pairings (active, or paused by the pair) pause for the coordinators to rematch, and the notices about it are
 * written, all in one transaction. `notices` is given the partners still in the programme whom this leaves
 * without a pair. False when the person had already left (nothing changes).
 */
export async function endParticipation(
  tx: Tx,
  participantId: string,
  status: 'withdrawn' | 'departed',
  at: Date,
  notices: (partners: LeftPartner[]) => OutgoingMessage[],
): Promise<boolean> {
  const changed = await tx.participant.updateMany({
    where: { id: participantId, status: { in: STILL_IN } },
    data: { status, leftAt: at, pausedUntil: null },
  });
  if (changed.count === 0) return false;
  await endParticipantPause(tx, participantId, at);
  const pairings = await tx.pairing.findMany({
    where: { status: { in: STILL_IN }, OR: [{ mentorId: participantId }, { menteeId: participantId }] },
    include: { mentor: member, mentee: member },
    orderBy: { id: 'asc' },
  });
  if (pairings.length > 0)
    await tx.pairing.updateMany({
      where: { id: { in: pairings.map((p) => p.id) }, status: 'active' },
      data: { status: 'paused' },
    });
  const partners = pairings
    .map((p) => ({ pairingId: p.id, partner: p.mentorId === participantId ? p.mentee : p.mentor }))
    .filter(({ partner }) => STILL_IN.includes(partner.status) && partner.erasedAt === null)
    .map(({ pairingId, partner }) => ({
      pairingId,
      participantId: partner.id,
      slackUserId: partner.slackUserId,
      displayName: partner.displayName,
      timezone: partner.timezone,
    }));
  for (const m of notices(partners)) await enqueueMessage(tx, m);
  return true;
}

/**
 * What stands in for erased data in rows that stay: the participant's Slack id becomes `erased:<participantId>`
 * (the row still counts, and no two erased people collide), and a delivered message keeps its row (its key
 * keeps a retry from sending it again, its channel id finds the pair's group DM) with this payload.
 */
export const erasedSlackId = (participantId: string) => `erased:${participantId}`;
/** The words of a waitlist entry about an erased person. */
export const ERASED_DETAIL = '';

type Reader = Db | Tx;

/** The forms a stored text takes inside a message payload: as JSON, and as JSON of the mrkdwn-escaped text. */
function textNeedles(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v || v.trim().length < 3) continue;
    const escaped = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const form of [v, escaped]) out.add(JSON.stringify(form).slice(1, -1));
  }
  return [...out];
}

/**
 * Every place outside the participant's own rows where this participation is copied: the pairings they were in
 * (reasons, the pair's objectives), the check-ins of those pairings, the waitlist entries of the programme's
 * match runs, and the outbox messages addressed to them, naming them or quoting them (sent ones too).
 */
async function findCopies(db: Reader, participantId: string) {
  const p = await db.participant.findUnique({
    where: { id: participantId },
    include: { feedback: { select: { learned: true, changed: true, commitment: true, concern: true } } },
  });
  if (!p) return null;
  const pairings = await db.pairing.findMany({
    where: { OR: [{ mentorId: participantId }, { menteeId: participantId }] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const pairingIds = pairings.map((x) => x.id);
  const checkIns = await db.checkIn.findMany({
    where: { pairingId: { in: pairingIds } },
    orderBy: [{ pairingId: 'asc' }, { sequence: 'asc' }],
  });
  const runs = await db.matchRun.findMany({
    where: { programmeId: p.programmeId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  // A Slack id is the person's everywhere: messages that name it without belonging to this participation are
  // scrubbed only when the person has no other participation left that they might belong to.
  const otherLive = await db.participant.count({
    where: { slackUserId: p.slackUserId, id: { not: participantId }, erasedAt: null },
  });
  const ids = [participantId, ...pairingIds, ...checkIns.map((c) => c.id)];
  const candidates = await db.outboxMessage.findMany({
    where: {
      OR: [
        ...ids.map((id) => ({ idempotencyKey: { contains: id } })),
        { idempotencyKey: { contains: p.slackUserId } },
        { payloadJson: { contains: participantId } },
        ...(otherLive === 0 ? [{ payloadJson: { contains: p.slackUserId } }] : []),
      ],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const needles = [
    p.slackUserId,
    participantId,
    ...textNeedles([
      p.displayName,
      p.title,
      p.department,
      p.goals,
      ...pairings.map((x) => x.objectives),
      ...p.feedback.flatMap((f) => [f.learned, f.changed, f.commitment, f.concern]),
    ]),
  ];
  const own = (key: string) => key.includes(participantId) || key.includes(p.slackUserId);
  const messages = candidates.filter((m) => own(m.idempotencyKey) || needles.some((n) => m.payloadJson.includes(n)));
  const mentions = (entry: { participantId: string; detail: string }) =>
    entry.participantId === participantId || needles.some((n) => entry.detail.includes(n));
  const waitlisted = runs
    .map((run) => ({ run, entries: parseEntries(run.unmatchedJson) }))
    .filter(({ entries }) => entries.some(mentions));
  return { participant: p, pairings, checkIns, waitlisted, mentions, messages };
}

function parseEntries(json: string): UnmatchedEntry[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as UnmatchedEntry[]) : [];
  } catch {
    return [];
  }
}

/**
 * Everything stored about one participation: profile, topics, private list, feedback, requests, and the copies
 * elsewhere (pairings, check-ins they logged, waitlist entries, messages about them). What `eraseParticipation`
 * clears is exactly this.
 */
export async function findParticipationData(db: Db, participantId: string) {
  const p = await db.participant.findUnique({
    where: { id: participantId },
    include: {
      programme: { select: { name: true } },
      topics: { orderBy: { topicKey: 'asc' } },
      avoid: { orderBy: { avoidSlackUserId: 'asc' } },
      feedback: { include: { topics: { orderBy: { topicKey: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      feedbackRequests: { orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] },
    },
  });
  if (!p) return null;
  const copies = (await findCopies(db, participantId))!;
  return {
    ...p,
    pairings: copies.pairings,
    checkInsLogged: copies.checkIns.filter((c) => c.loggedBySlackId === p.slackUserId),
    waitlistEntries: copies.waitlisted.flatMap(({ run, entries }) =>
      entries.filter((e) => e.participantId === participantId).map((e) => ({ runId: run.id, at: run.createdAt, ...e })),
    ),
    messages: copies.messages,
  };
}

export type ParticipationData = NonNullable<Awaited<ReturnType<typeof findParticipationData>>>;

/**
 * Erases a participation, every copy of it, in one transaction (docs/operations.md, "What Delete my data removes"):
 * profile, topics, private list, feedback, survey answers and requests go; the pairings' reasons and objectives,
 * check-ins they logged, waitlist details and every message addressed to them, naming them or quoting them (unsent:
 * deleted; sent: an anonymous placeholder) are cleared. The row stays, anonymous (role, seniority and status only),
 * so that programme counts and pair history remain true. A person still taking part leaves the programme first
 * (the coordinators are told, after the scrub, so the notices are not erased with the rest).
 */
export async function eraseParticipation(
  db: Db,
  participantId: string,
  at: Date,
  notices: (partners: LeftPartner[]) => OutgoingMessage[],
  confirmation: OutgoingMessage,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const p = await tx.participant.findUnique({ where: { id: participantId } });
    if (!p || p.erasedAt) return false;
    const toSend: OutgoingMessage[] = [];
    await endParticipation(tx, participantId, 'withdrawn', at, (partners) => (toSend.push(...notices(partners)), []));
    const copies = (await findCopies(tx, participantId))!;
    const placeholder = erasedSlackId(participantId);

    // Their concerns and exports are copies of their words and nothing else: they go, sent or not.
    const ownCopies = [`concern:${participantId}:`, `export:${participantId}:`];
    for (const m of copies.messages) {
      const ownCopy = ownCopies.some((prefix) => m.idempotencyKey.startsWith(prefix));
      if (!ownCopy && (m.status === 'sent' || m.status === 'sending')) {
        const names = m.idempotencyKey.includes(p.slackUserId) || m.idempotencyKey.includes(participantId);
        const key = names ? `erased-message:${m.id}` : m.idempotencyKey;
        await tx.outboxMessage.update({
          where: { id: m.id },
          data: { idempotencyKey: key, payloadJson: ERASED_PAYLOAD, lastError: null },
        });
      } else await tx.outboxMessage.delete({ where: { id: m.id } });
    }
    if (copies.pairings.length > 0) {
      await tx.pairing.updateMany({
        where: { id: { in: copies.pairings.map((x) => x.id) } },
        data: { reasonsJson: '[]', objectives: '' },
      });
      await tx.checkIn.updateMany({
        where: { pairingId: { in: copies.pairings.map((x) => x.id) }, loggedBySlackId: p.slackUserId },
        data: { loggedBySlackId: placeholder },
      });
    }
    for (const { run, entries } of copies.waitlisted) {
      const scrubbed = entries.map((e) => (copies.mentions(e) ? { ...e, detail: ERASED_DETAIL } : e));
      await tx.matchRun.update({ where: { id: run.id }, data: { unmatchedJson: JSON.stringify(scrubbed) } });
    }
    await anonymiseReleasedAnswers(tx, participantId, at);
    await tx.feedbackTopic.deleteMany({ where: { feedback: { participantId } } });
    await tx.feedback.deleteMany({ where: { participantId } });
    await tx.feedbackRequest.deleteMany({ where: { participantId } });
    await tx.participantTopic.deleteMany({ where: { participantId } });
    await tx.avoidEntry.deleteMany({ where: { participantId } });
    await tx.pauseSpell.deleteMany({ where: { participantId } });
    // What Slack said of them (zone, locale, names): asked again if ever needed.
    await forgetDirectoryEntry(tx, p.slackUserId);
    await tx.participant.update({
      where: { id: participantId },
      data: {
        slackUserId: placeholder,
        displayName: '',
        title: '',
        careerStage: '',
        generation: '',
        department: '',
        managerSlackId: null,
        goals: '',
        meetingPreference: 'either',
        capacity: 1,
        timezone: 'UTC',
        pausedUntil: null,
        erasedAt: at,
      },
    });
    for (const m of toSend) await enqueueMessage(tx, m);
    await enqueueMessage(tx, confirmation);
    return true;
  });
}
