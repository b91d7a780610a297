// Feedback requests and answers. A request is written with the state change that causes it (a logged
// meeting, a survey claim); an answer is stored under the request's key, so a second answer (a double
// submit, Slack's retry, an edit) updates the first. Every claim is a compare-and-set.
import { randomUUID } from 'node:crypto';
import { MIN_AGGREGATE_RESPONSES, type AnswerRow, type FeedbackKind, type RatingTotals } from '../domain/feedback.js';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db, Tx } from './database.js';
import { isUniqueViolation } from './errors.js';
import { enqueueMessage } from './outbox.js';
import type { OutgoingMessage } from '../messages/outgoing.js';

export interface NewFeedbackRequest {
  key: string;
  kind: FeedbackKind;
  participantId: string;
  pairingId: string;
  checkInId: string | null;
  remindAt: Date | null;
}

export async function createRequests(tx: Tx, requests: readonly NewFeedbackRequest[]): Promise<void> {
  for (const r of requests) {
    // A savepoint keeps the caller's transaction if the request exists already (a retried claim).
    await tx.$executeRawUnsafe('SAVEPOINT feedback_request');
    try {
      await tx.feedbackRequest.create({ data: r });
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT feedback_request');
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT feedback_request');
    }
  }
}

/** createRequests for many in multi-row INSERTs: a request that exists already (a retried claim) is skipped by its key. */
export async function createRequestsInBulk(tx: Tx, requests: readonly NewFeedbackRequest[]): Promise<void> {
  const createdAt = new Date();
  for (let i = 0; i < requests.length; i += 500) {
    const values = requests
      .slice(i, i + 500)
      .map(
        (r) => Prisma.sql`(${r.key}, ${r.kind}, ${r.participantId}, ${r.pairingId}, ${r.checkInId}, ${r.remindAt}, ${createdAt})`,
      );
    await tx.$executeRaw`
      INSERT INTO "FeedbackRequest" ("key", "kind", "participantId", "pairingId", "checkInId", "remindAt", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("key") DO NOTHING`;
  }
}

const member = { select: { id: true, slackUserId: true, role: true, status: true, timezone: true } } as const;

/** A request with what answering it needs: who, which pair and programme, the check-in, an earlier answer. */
export async function findRequest(db: Db, key: string) {
  const request = await db.feedbackRequest.findUnique({
    where: { key },
    include: {
      participant: member,
      pairing: {
        include: {
          mentor: member,
          mentee: member,
          programme: { select: { id: true, name: true, status: true, objectives: true, endDate: true, timezone: true } },
        },
      },
    },
  });
  if (!request) return null;
  const checkIn = request.checkInId
    ? await db.checkIn.findUnique({
        where: { id: request.checkInId },
        select: { id: true, sequence: true, status: true, metAt: true },
      })
    : null;
  const answer = await db.feedback.findUnique({
    where: { answerKey: key },
    include: { topics: { orderBy: { topicKey: 'asc' } } },
  });
  return { ...request, checkIn, answer };
}

export type RequestContext = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export interface AnswerValues {
  rating?: number | null;
  progress?: number | null;
  learned?: string;
  recommendScore?: number | null;
  changed?: string;
  commitment?: string;
  concern: string | null;
  topics?: string[];
}

/** A pair's requests of one kind: how many were asked, how many are unanswered. */
export interface PairRequests {
  asked: number;
  unanswered: number;
}

export interface SavedAnswer {
  edited: boolean;
}

async function writeAnswer(tx: Tx, r: RequestContext, values: AnswerValues, now: Date): Promise<SavedAnswer> {
  const { topics, ...fields } = values;
  const existing = await tx.feedback.findUnique({ where: { answerKey: r.key }, select: { id: true } });
  let id: string;
  if (existing) {
    id = existing.id;
    // An edit waits for the next release like a new answer (docs/feedback.md, "Releases").
    await tx.feedback.update({ where: { id }, data: { ...fields, pendingRelease: true, updatedAt: now } });
    await tx.feedbackTopic.deleteMany({ where: { feedbackId: id } });
  } else {
    id = randomUUID();
    // createdAt from the app's clock, not the database's: the report buckets answers by month with it.
    await tx.feedback.create({
      data: {
        id,
        answerKey: r.key,
        participantId: r.participantId,
        checkInId: r.checkInId,
        pairingId: r.pairingId,
        kind: r.kind,
        createdAt: now,
        updatedAt: now,
        ...fields,
      },
    });
  }
  if (topics && topics.length > 0)
    await tx.feedbackTopic.createMany({ data: topics.map((topicKey) => ({ feedbackId: id, topicKey })) });
  await tx.feedbackRequest.updateMany({ where: { key: r.key, answeredAt: null }, data: { answeredAt: now, remindAt: null } });
  return { edited: existing !== null };
}

/**
 * Stores the answer (creating it, or editing the one already there) with the messages it causes (the
 * concern to coordinators, a thank-you) in one transaction. `afterPair`, when given, reads how many of the
 * pair's requests of this kind were asked and are still open, after this answer, in the same transaction
 * (the final survey's closing thanks once both answered).
 */
export async function saveAnswer(
  db: Db,
  r: RequestContext,
  values: AnswerValues,
  now: Date,
  messages: (saved: SavedAnswer) => OutgoingMessage[],
  afterPair?: (requests: PairRequests) => OutgoingMessage[],
): Promise<SavedAnswer> {
  const run = () =>
    db.$transaction(async (tx) => {
      // Lock the pairing row first: two partners answering at once then take turns, and the second one's
      // count below sees the first's answer (PostgreSQL's read committed would otherwise let both miss it).
      if (afterPair) await tx.pairing.updateMany({ where: { id: r.pairingId }, data: { updatedAt: now } });
      const saved = await writeAnswer(tx, r, values, now);
      for (const m of messages(saved)) await enqueueMessage(tx, m);
      if (afterPair) {
        const asked = await tx.feedbackRequest.count({ where: { pairingId: r.pairingId, kind: r.kind } });
        const unanswered = await tx.feedbackRequest.count({ where: { pairingId: r.pairingId, kind: r.kind, answeredAt: null } });
        for (const m of afterPair({ asked, unanswered })) await enqueueMessage(tx, m);
      }
      return saved;
    });
  try {
    return await run();
  } catch (err) {
    // Two submissions at once (Slack's retry racing the first): the loser edits what the winner wrote.
    if (!isUniqueViolation(err)) throw err;
    return run();
  }
}

// ---- the one gentle reminder ----

export function findDueReminders(db: Db, now: Date, limit: number) {
  return db.feedbackRequest.findMany({
    where: { remindAt: { lte: now }, answeredAt: null },
    include: { participant: member, pairing: { select: { programme: { select: { name: true, status: true } } } } },
    take: limit,
    orderBy: [{ remindAt: 'asc' }, { key: 'asc' }],
  });
}

/** Takes the reminder (remindAt as read) for this pass; at most one ever, then remindAt stays null. */
export async function claimReminder(
  db: Db,
  key: string,
  seenRemindAt: Date,
  now: Date,
  messages: OutgoingMessage[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.feedbackRequest.updateMany({
      where: { key, remindAt: seenRemindAt, answeredAt: null },
      data: { remindAt: null, remindedAt: messages.length > 0 ? now : null },
    });
    if (count !== 1) return false;
    for (const m of messages) await enqueueMessage(tx, m);
    return true;
  });
}

// ---- milestone surveys ----

const surveyPair = {
  mentor: member,
  mentee: member,
  programme: { select: { id: true, name: true, startDate: true, endDate: true, timezone: true, status: true } },
} as const;

/** Programmes still running that have started by `startedBy`: their midpoints decide which pairs to look at. */
export function findSurveyableProgrammes(db: Db, startedBy: Date) {
  return db.programme.findMany({
    where: { status: { not: 'closed' }, startDate: { lte: startedBy } },
    select: { id: true, startDate: true, endDate: true },
  });
}

/**
 * Active pairs, introduced before `introducedBefore`, without a midpoint survey, in the given programmes
 * (those whose midpoint has come): before any midpoint a pass reads no pair at all.
 */
export function findMidpointCandidates(
  db: Db,
  programmes: { id: string; introducedBefore: Date }[],
  limit: number,
  afterId = '',
) {
  return db.pairing.findMany({
    where: {
      status: 'active',
      midpointSurveyAt: null,
      id: { gt: afterId },
      OR: programmes.map((p) => ({ programmeId: p.id, introducedAt: { not: null, lt: p.introducedBefore } })),
    },
    include: surveyPair,
    take: limit,
    orderBy: { id: 'asc' },
  });
}

/** Sends the midpoint survey once: whoever sets midpointSurveyAt first writes the requests and messages. */
export async function claimMidpointSurvey(
  db: Db,
  pairingId: string,
  now: Date,
  requests: NewFeedbackRequest[],
  messages: OutgoingMessage[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, midpointSurveyAt: null, status: 'active' },
      data: { midpointSurveyAt: now },
    });
    if (count !== 1) return false;
    await createRequests(tx, requests);
    for (const m of messages) await enqueueMessage(tx, m);
    return true;
  });
}

// ---- the pair's objectives ----

export function findPairForObjectives(db: Db, pairingId: string) {
  return db.pairing.findUnique({
    where: { id: pairingId },
    include: { ...surveyPair, programme: { select: { id: true, name: true, status: true, objectives: true } } },
  });
}

export async function setObjectives(
  db: Db,
  pairingId: string,
  objectives: string,
  now: Date,
  messages: OutgoingMessage[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.pairing.updateMany({
      where: { id: pairingId, status: { in: ['active', 'paused'] } },
      data: { objectives, objectivesUpdatedAt: now },
    });
    if (count !== 1) return false;
    for (const m of messages) await enqueueMessage(tx, m);
    return true;
  });
}

// ---- what people and coordinators may see ----

/** A participant's own answers, newest first (App Home). */
export function listOwnFeedback(db: Db, participantId: string, take = 5) {
  return db.feedback.findMany({
    where: { participantId },
    include: { topics: { orderBy: { topicKey: 'asc' } } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take,
  });
}

/** Every released answer of a programme, with its topics (the summary aggregates them; `participantId` is the person's stand-in). */
export async function listProgrammeAnswers(db: Db, programmeId: string): Promise<AnswerRow[]> {
  const rows = await db.releasedAnswer.findMany({
    where: { programmeId },
    select: {
      personKey: true,
      kind: true,
      rating: true,
      progress: true,
      learned: true,
      recommendScore: true,
      changed: true,
      commitment: true,
      topics: { select: { topicKey: true } },
    },
  });
  return rows.map(({ personKey, ...r }) => ({ participantId: personKey, ...r }));
}

/** Released check-in ratings of a programme counted by the database: answers, the average, and people (counted up to MIN_AGGREGATE_RESPONSES). */
export async function ratingTotals(db: Db, programmeId: string): Promise<RatingTotals> {
  const where = { programmeId, kind: 'checkin', rating: { not: null } };
  const [totals, people] = await Promise.all([
    db.releasedAnswer.aggregate({ where, _avg: { rating: true }, _count: { _all: true } }),
    db.releasedAnswer.findMany({ where, distinct: ['personKey'], select: { personKey: true }, take: MIN_AGGREGATE_RESPONSES }),
  ]);
  return { responses: totals._count._all, people: people.length, average: totals._avg.rating };
}

/** A check-in's status and the two members of its pair. */
export function findCheckInMembers(db: Db, checkInId: string) {
  return db.checkIn.findUnique({
    where: { id: checkInId },
    select: {
      status: true,
      pairing: {
        select: { mentor: { select: { id: true, slackUserId: true } }, mentee: { select: { id: true, slackUserId: true } } },
      },
    },
  });
}

/** The Slack id of the other member of the pair. */
export async function partnerSlackIdOf(db: Db, pairingId: string, participantId: string): Promise<string | undefined> {
  const p = await db.pairing.findUnique({
    where: { id: pairingId },
    select: { mentor: { select: { id: true, slackUserId: true } }, mentee: { select: { id: true, slackUserId: true } } },
  });
  if (!p) return undefined;
  return p.mentor.id === participantId ? p.mentee.slackUserId : p.mentor.slackUserId;
}
