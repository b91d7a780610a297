import type { Db } from '../../src/store/database.js';

export interface Sizes {
  participants: number;
  pairs: number;
  checkIns: number;
  feedback: number;
}

export const PROGRAMME_ID = 'bench-report';
export const START = new Date('2026-01-05T00:00:00Z');
/** eight months in: most check-ins came due, some are still ahead */
export const NOW = new Date('2026-09-01T12:00:00Z');
const DAY = 86_400_000;
const DEPARTMENTS = ['Marketing', 'Engineering', 'Finance', 'Sales', 'Operations', 'People', 'Legal', 'Product'];
const GENERATIONS = ['gen-z', 'millennial', 'gen-x', 'boomer'];
const TOPICS = ['social-media', 'ai-new-tech', 'digital-tools', 'online-safety', 'leadership', 'strategy'];

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * One programme at enterprise scale, written with createMany in large batches. Deterministic: pair i's
 * check-in s is due START + 7 + 14 (s - 1) + (i mod 14) days; those due before NOW are met (70 %),
 * skipped, missed or still open; feedback follows the met check-ins, then midpoint and final surveys.
 */
export async function seedLargeProgramme(db: Db, sizes: Sizes, log: (line: string) => void = () => {}): Promise<void> {
  await db.programme.create({
    data: {
      id: PROGRAMME_ID,
      name: 'Enterprise 2026',
      status: 'running',
      startDate: START,
      durationMonths: 12,
      endDate: new Date('2027-01-04T00:00:00Z'),
      cadenceDays: 14,
      signupDeadline: new Date('2025-12-20T00:00:00Z'),
      timezone: 'Europe/London',
      createdBySlackId: 'U0COORD01',
      topics: {
        create: TOPICS.map((key, position) => ({ key, label: key, direction: position < 4 ? 'upward' : 'downward', position })),
      },
    },
  });
  let t = Date.now();
  const participants = Array.from({ length: sizes.participants }, (_, i) => ({
    id: `pt${String(i).padStart(6, '0')}`,
    programmeId: PROGRAMME_ID,
    slackUserId: `U${String(i).padStart(9, '0')}`,
    displayName: `Person ${i}`,
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    seniorityLevel: i % 2 === 0 ? 2 : 7,
    generation: GENERATIONS[i % GENERATIONS.length]!,
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    status: i % 50 === 0 ? 'paused' : i % 97 === 0 ? 'withdrawn' : 'active',
  }));
  await inChunks(participants, 2000, (data) => db.participant.createMany({ data }));
  log(`  participants: ${participants.length} in ${Date.now() - t} ms`);

  t = Date.now();
  const pairs = Array.from({ length: sizes.pairs }, (_, i) => ({
    id: `pr${String(i).padStart(6, '0')}`,
    programmeId: PROGRAMME_ID,
    mentorId: participants[(2 * i) % participants.length]!.id,
    menteeId: participants[(2 * i + 1) % participants.length]!.id,
    status: i % 20 === 0 ? 'ended' : i % 33 === 0 ? 'paused' : 'active',
    cadenceDays: 14,
    introducedAt: new Date(START.getTime() + (i % 5) * DAY),
    atRiskFlaggedAt: i % 40 === 1 ? new Date(NOW.getTime() - (i % 30) * DAY) : null,
  }));
  await inChunks(pairs, 2000, (data) => db.pairing.createMany({ data }));
  log(`  pairs: ${pairs.length} in ${Date.now() - t} ms`);

  t = Date.now();
  const perPair = Math.ceil(sizes.checkIns / sizes.pairs);
  const met: Array<{ id: string; pairIndex: number; metAt: Date }> = [];
  const checkIns = [];
  for (let n = 0; n < sizes.checkIns; n++) {
    const i = n % sizes.pairs;
    const s = Math.floor(n / sizes.pairs) + 1;
    if (s > perPair) break;
    const dueAt = new Date(START.getTime() + (7 + 14 * (s - 1) + (i % 14)) * DAY);
    const roll = (i * 7 + s * 13) % 10;
    const past = dueAt < NOW;
    const status = !past ? 'due' : roll < 7 ? 'met' : roll === 7 ? 'skipped' : roll === 8 ? 'missed' : 'scheduled';
    const id = `ci${String(n).padStart(7, '0')}`;
    const metAt = status === 'met' ? new Date(dueAt.getTime() + DAY) : null;
    if (metAt) met.push({ id, pairIndex: i, metAt });
    checkIns.push({ id, pairingId: pairs[i]!.id, sequence: s, dueAt, status, metAt });
  }
  await inChunks(checkIns, 2000, (data) => db.checkIn.createMany({ data }));
  log(`  check-ins: ${checkIns.length} in ${Date.now() - t} ms`);

  t = Date.now();
  const feedback = [];
  const topics = [];
  const surveys = Math.floor(sizes.feedback / 10);
  for (let n = 0; n < sizes.feedback - surveys && met.length > 0; n++) {
    const c = met[Math.floor(n / 2) % met.length]!;
    const pair = pairs[c.pairIndex]!;
    const participantId = n % 2 === 0 ? pair.mentorId : pair.menteeId;
    const id = `fb${String(n).padStart(7, '0')}`;
    feedback.push({
      id,
      answerKey: `checkin:${c.id}:${participantId}:${n}`,
      participantId,
      checkInId: c.id,
      pairingId: pair.id,
      kind: 'checkin',
      rating: 1 + ((n * 7) % 5),
      learned: `learned ${n}`,
      createdAt: new Date(c.metAt.getTime() + 3_600_000),
    });
    topics.push({ feedbackId: id, topicKey: TOPICS[n % TOPICS.length]! });
  }
  for (let n = 0; n < surveys; n++) {
    const pair = pairs[n % pairs.length]!;
    const participantId = n % 2 === 0 ? pair.mentorId : pair.menteeId;
    const kind = n % 4 < 2 ? 'midpoint' : 'final';
    feedback.push({
      id: `fs${String(n).padStart(7, '0')}`,
      answerKey: `${kind}:${pair.id}:${participantId}:${n}`,
      participantId,
      pairingId: pair.id,
      kind,
      progress: 1 + (n % 5),
      recommendScore: n % 11,
      changed: `changed ${n}`,
      createdAt: new Date(START.getTime() + (90 + (n % 120)) * DAY),
    });
  }
  await inChunks(
    feedback.map((f) => ({ ...f, pendingRelease: false })),
    2000,
    (data) => db.feedback.createMany({ data }),
  );
  await inChunks(topics, 5000, (data) => db.feedbackTopic.createMany({ data }));
  await seedReleases(db, feedback, topics);
  log(`  feedback: ${feedback.length} (+ ${topics.length} topics, released in tens) in ${Date.now() - t} ms`);

  await db.matchRun.create({
    data: {
      id: 'bench-run',
      programmeId: PROGRAMME_ID,
      status: 'approved',
      inputHash: 'bench',
      createdBySlackId: 'U0COORD01',
      unmatchedJson: JSON.stringify(
        participants.slice(-200).map((p) => ({ participantId: p.id, role: p.role, reason: 'capacity', detail: '' })),
      ),
    },
  });
  await db.outboxMessage.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      id: `ob${i}`,
      idempotencyKey: `bench:${i}`,
      kind: i % 2 ? 'checkin.nudge' : 'pairing.intro',
      payloadJson: '{}',
      status: 'failed',
    })),
  });
}

type SeededAnswer = {
  id: string;
  participantId: string;
  kind: string;
  createdAt: Date;
  rating?: number;
  progress?: number;
  recommendScore?: number;
  learned?: string;
  changed?: string;
};

/** Every answer released, as the bot would have: per kind in date order, in releases of ten. */
async function seedReleases(db: Db, feedback: SeededAnswer[], topics: Array<{ feedbackId: string; topicKey: string }>) {
  const releases: Array<{ id: string; programmeId: string; kind: string; releasedAt: Date; answers: number; people: number }> =
    [];
  const copies: Array<Record<string, unknown>> = [];
  for (const kind of ['checkin', 'midpoint', 'final']) {
    const list = feedback.filter((f) => f.kind === kind).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (let i = 0; i < list.length; i += 10) {
      const batch = list.slice(i, i + 10);
      const releasedAt = batch.at(-1)!.createdAt;
      const id = `rel-${kind}-${i}`;
      releases.push({
        id,
        programmeId: PROGRAMME_ID,
        kind,
        releasedAt,
        answers: batch.length,
        people: new Set(batch.map((f) => f.participantId)).size,
      });
      for (const f of batch)
        copies.push({
          id: `r${f.id}`,
          releaseId: id,
          programmeId: PROGRAMME_ID,
          kind,
          feedbackId: f.id,
          personKey: f.participantId,
          releasedAt,
          rating: f.rating ?? null,
          progress: f.progress ?? null,
          recommendScore: f.recommendScore ?? null,
          learned: f.learned ?? '',
          changed: f.changed ?? '',
        });
    }
  }
  await inChunks(releases, 2000, (data) => db.feedbackRelease.createMany({ data }));
  await inChunks(copies, 2000, (data) => db.releasedAnswer.createMany({ data: data as never }));
  await inChunks(
    topics.map((t) => ({ releasedAnswerId: `r${t.feedbackId}`, topicKey: t.topicKey })),
    5000,
    (data) => db.releasedAnswerTopic.createMany({ data }),
  );
}
