// The rows behind a programme's CSV files, read page by page in id order so a large programme never sits in
// one result. What a row may show is decided in domain/report/exports.ts.
import type { CheckInExportRow, FeedbackRow, PairRow, ParticipantRow } from '../../domain/report/index.js';
import type { Db } from '../database.js';

const PAGE = 5000;

async function* pages<T extends { id: string }>(read: (lastId: string | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let last: string | undefined;
  for (;;) {
    const page = await read(last);
    yield* page;
    if (page.length < PAGE) return;
    last = page.at(-1)!.id;
  }
}

const after = (id: string | undefined) => (id ? { id: { gt: id } } : {});

export function participantRows(db: Db, programmeId: string): AsyncIterable<ParticipantRow> {
  return pages((last) => db.participant.findMany({ where: { programmeId, ...after(last) }, orderBy: { id: 'asc' }, take: PAGE }));
}

/** Pairs once introduced (drafts never were). */
export function pairRows(db: Db, programmeId: string): AsyncIterable<PairRow> {
  const person = { select: { displayName: true, erasedAt: true } } as const;
  return pages((last) =>
    db.pairing.findMany({
      where: { programmeId, status: { not: 'draft' }, ...after(last) },
      include: { mentor: person, mentee: person },
      orderBy: { id: 'asc' },
      take: PAGE,
    }),
  );
}

/** Per pair: how many check-ins were met, and the last time. */
export async function metCheckInsByPair(
  db: Db,
  programmeId: string,
): Promise<Map<string, { count: number; lastMetAt: Date | null }>> {
  const rows = await db.checkIn.groupBy({
    by: ['pairingId'],
    where: { status: 'met', pairing: { programmeId } },
    _count: { _all: true },
    _max: { metAt: true },
  });
  return new Map(rows.map((r) => [r.pairingId, { count: r._count._all, lastMetAt: r._max.metAt }]));
}

export function checkInRows(db: Db, programmeId: string): AsyncIterable<CheckInExportRow> {
  const select = {
    id: true,
    pairingId: true,
    sequence: true,
    dueAt: true,
    status: true,
    scheduledFor: true,
    metAt: true,
  } as const;
  return pages((last) =>
    db.checkIn.findMany({ where: { pairing: { programmeId }, ...after(last) }, select, orderBy: { id: 'asc' }, take: PAGE }),
  );
}

/** Every released answer's figures and comments, dated by its release; concerns are never released. */
export function feedbackRows(db: Db, programmeId: string): AsyncIterable<FeedbackRow> {
  const select = {
    id: true,
    personKey: true,
    kind: true,
    releasedAt: true,
    rating: true,
    progress: true,
    recommendScore: true,
    learned: true,
    changed: true,
    commitment: true,
  } as const;
  return mapped(
    pages((last) =>
      db.releasedAnswer.findMany({ where: { programmeId, ...after(last) }, select, orderBy: { id: 'asc' }, take: PAGE }),
    ),
    (r) => ({
      participantId: r.personKey,
      kind: r.kind,
      createdAt: r.releasedAt,
      rating: r.rating,
      progress: r.progress,
      recommendScore: r.recommendScore,
      learned: r.learned,
      changed: r.changed,
      commitment: r.commitment,
    }),
  );
}

async function* mapped<T, U>(rows: AsyncIterable<T>, map: (row: T) => U): AsyncIterable<U> {
  for await (const row of rows) yield map(row);
}
