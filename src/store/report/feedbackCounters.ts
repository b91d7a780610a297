// /rm-report's feedback counters (ReportFeedbackCount, ReportFeedbackPerson): kept current in each release's
// transaction, rebuilt from the released answers when missing (a programme released before they existed) or
// made for another time zone. Only released answers are ever counted (docs/feedback.md, "Releases").
import { FeedbackCounterDeltas, type ReleasedFigures } from '../../domain/report/index.js';
import type { Db, Tx } from '../database.js';

/**
 * Takes the programme's counter state row first thing in a transaction that changes released answers: on
 * PostgreSQL its row lock orders releases and rebuilds, so a rebuild never misses nor doubles a release.
 */
export async function lockFeedbackCounters(tx: Tx, programmeId: string, timezone: string) {
  return tx.reportFeedbackState.upsert({
    where: { programmeId },
    create: { programmeId, timezone, built: false },
    update: { version: { increment: 1 } },
  });
}

/** Writes the net changes: counts and people's answers up or down; rows that reach 0 go. */
export async function applyFeedbackDeltas(tx: Tx, programmeId: string, deltas: FeedbackCounterDeltas): Promise<void> {
  for (const { key, delta } of deltas.counts.values()) {
    if (delta === 0) continue;
    const id = { programmeId_kind_month_metric_key: { programmeId, ...key } };
    if (delta > 0) {
      await tx.reportFeedbackCount.upsert({
        where: id,
        create: { programmeId, ...key, count: delta },
        update: { count: { increment: delta } },
      });
    } else {
      await tx.reportFeedbackCount.updateMany({ where: { programmeId, ...key }, data: { count: { increment: delta } } });
      await tx.reportFeedbackCount.deleteMany({ where: { programmeId, ...key, count: { lte: 0 } } });
    }
  }
  for (const { scope, personKey, delta } of deltas.people.values()) {
    if (delta === 0) continue;
    if (delta > 0) {
      await tx.reportFeedbackPerson.upsert({
        where: { programmeId_scope_personKey: { programmeId, scope, personKey } },
        create: { programmeId, scope, personKey, count: delta },
        update: { count: { increment: delta } },
      });
    } else {
      await tx.reportFeedbackPerson.updateMany({
        where: { programmeId, scope, personKey },
        data: { count: { increment: delta } },
      });
      await tx.reportFeedbackPerson.deleteMany({ where: { programmeId, scope, personKey, count: { lte: 0 } } });
    }
  }
}

const figuresSelect = {
  id: true,
  kind: true,
  releasedAt: true,
  personKey: true,
  rating: true,
  progress: true,
  recommendScore: true,
  topics: { select: { topicKey: true } },
} as const;

type CopyRow = Omit<ReleasedFigures, 'topics'> & { topics: Array<{ topicKey: string }> };

export const figuresOf = (c: CopyRow): ReleasedFigures => ({
  kind: c.kind,
  releasedAt: c.releasedAt,
  personKey: c.personKey,
  rating: c.rating,
  progress: c.progress,
  recommendScore: c.recommendScore,
  topics: c.topics.map((t) => t.topicKey),
});

/** The released copies of these answers, with what the counters need to take them away. */
export async function releasedCopiesOf(tx: Tx, feedbackId: string): Promise<ReleasedFigures[]> {
  const rows = await tx.releasedAnswer.findMany({ where: { feedbackId }, select: figuresSelect });
  return rows.map(figuresOf);
}

const PAGE = 5000;
const WRITE_CHUNK = 2000;

/** Counts every released answer of the programme afresh, in one transaction. */
export async function rebuildFeedbackCounters(db: Db, programmeId: string, timezone: string): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await lockFeedbackCounters(tx, programmeId, timezone);
      await tx.reportFeedbackCount.deleteMany({ where: { programmeId } });
      await tx.reportFeedbackPerson.deleteMany({ where: { programmeId } });
      const deltas = new FeedbackCounterDeltas(timezone);
      let last: string | undefined;
      for (;;) {
        const page = await tx.releasedAnswer.findMany({
          where: { programmeId, ...(last ? { id: { gt: last } } : {}) },
          select: figuresSelect,
          orderBy: { id: 'asc' },
          take: PAGE,
        });
        for (const row of page) deltas.add(figuresOf(row));
        if (page.length < PAGE) break;
        last = page.at(-1)!.id;
      }
      const counts = [...deltas.counts.values()].map(({ key, delta }) => ({ programmeId, ...key, count: delta }));
      const people = [...deltas.people.values()].map(({ scope, personKey, delta }) => ({
        programmeId,
        scope,
        personKey,
        count: delta,
      }));
      for (let i = 0; i < counts.length; i += WRITE_CHUNK)
        await tx.reportFeedbackCount.createMany({ data: counts.slice(i, i + WRITE_CHUNK) });
      for (let i = 0; i < people.length; i += WRITE_CHUNK)
        await tx.reportFeedbackPerson.createMany({ data: people.slice(i, i + WRITE_CHUNK) });
      await tx.reportFeedbackState.update({ where: { programmeId }, data: { built: true, timezone } });
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/** Rebuilds the programme's feedback counters unless they are complete and made for its time zone. */
export async function ensureFeedbackCounters(db: Db, programmeId: string, timezone: string): Promise<void> {
  const state = await db.reportFeedbackState.findUnique({ where: { programmeId } });
  if (state?.built && state.timezone === timezone) return;
  await rebuildFeedbackCounters(db, programmeId, timezone);
}
