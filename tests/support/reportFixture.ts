import { releaseCompleteBatches } from '../../src/store/feedbackReleases.js';
import type { Db } from '../../src/store/database.js';

// A programme with known figures for the report tests. The tests compute every expected number from these
// arrays on their own, not with the code under test.

export const REPORT_NOW = new Date('2026-06-15T12:00:00Z');
export const SPRING = 'spring';
export const AUTUMN = 'autumn';
export const EMPTY = 'empty';

export interface SeedPerson {
  id: string;
  slackUserId: string;
  displayName: string;
  role: 'mentor' | 'mentee';
  status: 'active' | 'paused' | 'withdrawn' | 'departed';
  department: string;
  generation: string;
}

export const PEOPLE: SeedPerson[] = [
  {
    id: 'zoe',
    slackUserId: 'U0EMU0007',
    displayName: 'Zoe Martin',
    role: 'mentor',
    status: 'active',
    department: 'Marketing',
    generation: 'gen-z',
  },
  {
    id: 'leo',
    slackUserId: 'U0EMU0008',
    displayName: 'Leo Nguyen',
    role: 'mentor',
    status: 'active',
    department: 'Engineering',
    generation: 'gen-z',
  },
  {
    id: 'aisha',
    slackUserId: 'U0EMU0009',
    displayName: 'Aisha Khan',
    role: 'mentor',
    status: 'paused',
    department: 'Finance',
    generation: 'millennial',
  },
  {
    id: 'maya',
    slackUserId: 'U0EMU0011',
    displayName: 'Maya Thompson',
    role: 'mentor',
    status: 'withdrawn',
    department: 'Marketing',
    generation: 'gen-z',
  },
  {
    id: 'hemi',
    slackUserId: 'U0EMU0006',
    displayName: 'Hemi Walker',
    role: 'mentor',
    status: 'active',
    department: 'People',
    generation: 'millennial',
  },
  {
    id: 'amara',
    slackUserId: 'U0EMU0001',
    displayName: 'Amara Okafor',
    role: 'mentee',
    status: 'active',
    department: 'Operations',
    generation: 'gen-x',
  },
  {
    id: 'klaus',
    slackUserId: 'U0EMU0004',
    displayName: 'Klaus Becker',
    role: 'mentee',
    status: 'active',
    department: 'Engineering',
    generation: 'gen-x',
  },
  {
    id: 'priya',
    slackUserId: 'U0EMU0003',
    displayName: 'Priya Raman',
    role: 'mentee',
    status: 'active',
    department: 'Finance',
    generation: 'boomer',
  },
  {
    id: 'daniel',
    slackUserId: 'U0EMU0002',
    displayName: 'Daniel, "Dan" Reyes',
    role: 'mentee',
    status: 'departed',
    department: 'Sales',
    generation: 'gen-x',
  },
  {
    id: 'jonas',
    slackUserId: 'U0EMU0010',
    displayName: 'Jonas Weber',
    role: 'mentee',
    status: 'active',
    department: 'Legal',
    generation: 'gen-x',
  },
  {
    id: 'sam',
    slackUserId: 'U0EMU0012',
    displayName: 'Sam Carter',
    role: 'mentee',
    status: 'active',
    department: '',
    generation: '',
  },
];

/** Waitlisted by the approved matching: Sam still waits; Aisha is paused and Priya was paired since. */
export const UNMATCHED = ['sam', 'aisha', 'priya'];

export interface SeedPair {
  id: string;
  mentor: string;
  mentee: string;
  status: 'active' | 'paused' | 'ended';
  introducedAt: string;
  atRiskFlaggedAt?: string;
}

export const PAIRS: SeedPair[] = [
  { id: 'pA', mentor: 'zoe', mentee: 'amara', status: 'active', introducedAt: '2026-03-02T10:00:00Z' },
  {
    id: 'pB',
    mentor: 'leo',
    mentee: 'klaus',
    status: 'active',
    introducedAt: '2026-03-03T10:00:00Z',
    atRiskFlaggedAt: '2026-05-20T09:00:00Z',
  },
  { id: 'pC', mentor: 'aisha', mentee: 'priya', status: 'paused', introducedAt: '2026-03-02T10:00:00Z' },
  { id: 'pD', mentor: 'maya', mentee: 'daniel', status: 'ended', introducedAt: '2026-03-02T10:00:00Z' },
  {
    id: 'pE',
    mentor: 'zoe',
    mentee: 'jonas',
    status: 'active',
    introducedAt: '2026-03-30T10:00:00Z',
    atRiskFlaggedAt: '2026-04-20T09:00:00Z',
  },
  {
    id: 'pF',
    mentor: 'hemi',
    mentee: 'priya',
    status: 'active',
    introducedAt: '2026-03-16T10:00:00Z',
    atRiskFlaggedAt: '2026-05-01T09:00:00Z',
  },
];

export interface SeedCheckIn {
  id: string;
  pair: string;
  dueAt: string;
  status: 'due' | 'scheduled' | 'met' | 'skipped' | 'missed';
  metAt?: string;
}

export const CHECK_INS: SeedCheckIn[] = [
  { id: 'a1', pair: 'pA', dueAt: '2026-03-09T00:00:00Z', status: 'met', metAt: '2026-03-10T10:00:00Z' },
  { id: 'a2', pair: 'pA', dueAt: '2026-03-23T00:00:00Z', status: 'met', metAt: '2026-03-24T10:00:00Z' },
  { id: 'a3', pair: 'pA', dueAt: '2026-04-06T00:00:00Z', status: 'skipped' },
  { id: 'a4', pair: 'pA', dueAt: '2026-04-20T00:00:00Z', status: 'met', metAt: '2026-04-21T10:00:00Z' },
  { id: 'a5', pair: 'pA', dueAt: '2026-05-04T00:00:00Z', status: 'missed' },
  { id: 'a6', pair: 'pA', dueAt: '2026-05-18T00:00:00Z', status: 'met', metAt: '2026-05-19T10:00:00Z' },
  { id: 'a7', pair: 'pA', dueAt: '2026-06-01T00:00:00Z', status: 'met', metAt: '2026-06-02T10:00:00Z' },
  { id: 'a8', pair: 'pA', dueAt: '2026-06-15T00:00:00Z', status: 'due' },
  { id: 'a9', pair: 'pA', dueAt: '2026-06-29T00:00:00Z', status: 'due' },
  { id: 'b1', pair: 'pB', dueAt: '2026-03-10T00:00:00Z', status: 'missed' },
  { id: 'b2', pair: 'pB', dueAt: '2026-03-24T00:00:00Z', status: 'missed' },
  { id: 'b3', pair: 'pB', dueAt: '2026-04-07T00:00:00Z', status: 'scheduled' },
  { id: 'b4', pair: 'pB', dueAt: '2026-06-20T00:00:00Z', status: 'due' },
  { id: 'c1', pair: 'pC', dueAt: '2026-03-16T00:00:00Z', status: 'met', metAt: '2026-03-17T10:00:00Z' },
  { id: 'd1', pair: 'pD', dueAt: '2026-03-16T00:00:00Z', status: 'skipped' },
  { id: 'e1', pair: 'pE', dueAt: '2026-04-13T00:00:00Z', status: 'missed' },
  { id: 'e2', pair: 'pE', dueAt: '2026-05-10T00:00:00Z', status: 'met', metAt: '2026-05-10T15:00:00Z' },
  { id: 'f1', pair: 'pF', dueAt: '2026-03-30T00:00:00Z', status: 'met', metAt: '2026-04-01T10:00:00Z' },
  { id: 'f2', pair: 'pF', dueAt: '2026-04-27T00:00:00Z', status: 'missed' },
  { id: 'f3', pair: 'pF', dueAt: '2026-05-25T00:00:00Z', status: 'missed' },
];

export interface SeedFeedback {
  id: string;
  who: string;
  pair: string;
  kind: 'checkin' | 'midpoint' | 'final';
  createdAt: string;
  rating?: number;
  progress?: number;
  recommendScore?: number;
  learned?: string;
  changed?: string;
  commitment?: string;
  concern?: string;
  topics?: string[];
}

export const FEEDBACK: SeedFeedback[] = [
  {
    id: 'fb1',
    who: 'zoe',
    pair: 'pA',
    kind: 'checkin',
    createdAt: '2026-03-10T12:00:00Z',
    rating: 5,
    learned: 'MARCH-A, with a comma',
    topics: ['social-media', 'leadership'],
  },
  {
    id: 'fb2',
    who: 'amara',
    pair: 'pA',
    kind: 'checkin',
    createdAt: '2026-03-24T12:00:00Z',
    rating: 4,
    learned: 'MARCH-B "quoted"',
    concern: 'SECRET-CONCERN-1',
    topics: ['social-media'],
  },
  {
    id: 'fb3',
    who: 'priya',
    pair: 'pC',
    kind: 'checkin',
    createdAt: '2026-03-17T12:00:00Z',
    rating: 4,
    learned: 'MARCH-C\nsecond line',
    topics: ['leadership'],
  },
  {
    id: 'fb4',
    who: 'zoe',
    pair: 'pA',
    kind: 'checkin',
    createdAt: '2026-04-21T12:00:00Z',
    rating: 3,
    learned: 'APRIL-ONLY-TWO-A',
    topics: ['social-media', 'strategy'],
  },
  {
    id: 'fb5',
    who: 'hemi',
    pair: 'pF',
    kind: 'checkin',
    createdAt: '2026-04-02T12:00:00Z',
    rating: 5,
    learned: 'APRIL-ONLY-TWO-B',
    topics: ['strategy'],
  },
  {
    id: 'fb6',
    who: 'amara',
    pair: 'pA',
    kind: 'checkin',
    createdAt: '2026-05-19T12:00:00Z',
    rating: 2,
    topics: ['social-media', 'leadership'],
  },
  { id: 'fb7', who: 'zoe', pair: 'pA', kind: 'checkin', createdAt: '2026-05-20T12:00:00Z', rating: 4 },
  // Completes the third batch of check-in answers (fb9, fb6, fb7 wait for a third person): released in June.
  { id: 'fb10', who: 'priya', pair: 'pC', kind: 'checkin', createdAt: '2026-06-05T12:00:00Z', rating: 3, topics: ['leadership'] },
  { id: 'fb8', who: 'jonas', pair: 'pE', kind: 'checkin', createdAt: '2026-05-10T18:00:00Z', rating: 5 },
  {
    id: 'fb9',
    who: 'zoe',
    pair: 'pE',
    kind: 'checkin',
    createdAt: '2026-05-11T12:00:00Z',
    rating: 1,
    learned: 'MAY-D',
    concern: 'SECRET-CONCERN-2',
  },
  {
    id: 'mid1',
    who: 'zoe',
    pair: 'pA',
    kind: 'midpoint',
    createdAt: '2026-05-02T12:00:00Z',
    progress: 3,
    recommendScore: 10,
    changed: 'MID-CHANGED-1',
  },
  {
    id: 'mid2',
    who: 'amara',
    pair: 'pA',
    kind: 'midpoint',
    createdAt: '2026-05-03T12:00:00Z',
    progress: 4,
    recommendScore: 9,
    changed: 'MID-CHANGED-2',
    commitment: 'MID-COMMIT-2',
  },
  {
    id: 'mid3',
    who: 'klaus',
    pair: 'pB',
    kind: 'midpoint',
    createdAt: '2026-05-04T12:00:00Z',
    progress: 4,
    recommendScore: 7,
    concern: 'SECRET-CONCERN-3',
  },
  { id: 'mid4', who: 'leo', pair: 'pB', kind: 'midpoint', createdAt: '2026-05-05T12:00:00Z', progress: 5, recommendScore: 3 },
  {
    id: 'fin1',
    who: 'priya',
    pair: 'pF',
    kind: 'final',
    createdAt: '2026-06-10T12:00:00Z',
    progress: 5,
    recommendScore: 10,
    changed: 'FINAL-ONLY-TWO',
  },
  { id: 'fin2', who: 'hemi', pair: 'pF', kind: 'final', createdAt: '2026-06-11T12:00:00Z', progress: 4, recommendScore: 10 },
];

export const FAILED_OUTBOX_KINDS = ['pairing.intro', 'pairing.intro', 'checkin.nudge'];

const TOPICS = [
  { key: 'social-media', label: 'Social media and personal brand' },
  { key: 'leadership', label: 'Leadership' },
  { key: 'strategy', label: 'Strategy and decision making' },
];
export const TOPIC_LABELS = Object.fromEntries(TOPICS.map((t) => [t.key, t.label]));

const programme = (id: string, name: string, status: string) => ({
  id,
  name,
  status,
  startDate: new Date('2026-03-02T00:00:00Z'),
  durationMonths: 6,
  endDate: new Date('2026-09-02T00:00:00Z'),
  cadenceDays: 14,
  signupDeadline: new Date('2026-02-20T00:00:00Z'),
  timezone: 'Europe/London',
  createdBySlackId: 'U0EMU0005',
});

/** Writes the fixture: Spring 2026 with known figures, Autumn (other data, must not leak in) and an empty one. */
export async function seedReportFixture(db: Db): Promise<void> {
  await db.programme.create({
    data: {
      ...programme(SPRING, 'Spring 2026', 'running'),
      topics: { create: TOPICS.map((t, position) => ({ ...t, direction: 'upward', position })) },
    },
  });
  await db.programme.create({ data: programme(AUTUMN, 'Autumn 2026', 'open') });
  await db.programme.create({ data: programme(EMPTY, 'Empty pilot', 'open') });
  await db.participant.createMany({
    data: PEOPLE.map((p) => ({ ...p, programmeId: SPRING, seniorityLevel: p.role === 'mentor' ? 2 : 7 })),
  });
  await db.pairing.createMany({
    data: PAIRS.map((p) => ({
      id: p.id,
      programmeId: SPRING,
      mentorId: p.mentor,
      menteeId: p.mentee,
      status: p.status,
      introducedAt: new Date(p.introducedAt),
      atRiskFlaggedAt: p.atRiskFlaggedAt ? new Date(p.atRiskFlaggedAt) : null,
      ...(p.status === 'ended' ? { endedAt: new Date('2026-04-01T00:00:00Z'), endReason: 'partner_left' } : {}),
    })),
  });
  const sequence = new Map<string, number>();
  await db.checkIn.createMany({
    data: CHECK_INS.map((c) => {
      const seq = (sequence.get(c.pair) ?? 0) + 1;
      sequence.set(c.pair, seq);
      return {
        id: c.id,
        pairingId: c.pair,
        sequence: seq,
        dueAt: new Date(c.dueAt),
        status: c.status,
        metAt: c.metAt ? new Date(c.metAt) : null,
        scheduledFor: c.status === 'scheduled' ? new Date('2026-04-10T10:00:00Z') : null,
      };
    }),
  });
  // Answers come in the order of their dates, each followed by the release a real answer triggers.
  for (const f of [...FEEDBACK].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    await db.feedback.create({
      data: {
        id: f.id,
        answerKey: `${f.kind}:${f.id}:${f.who}`,
        participantId: f.who,
        pairingId: f.pair,
        kind: f.kind,
        rating: f.rating ?? null,
        progress: f.progress ?? null,
        recommendScore: f.recommendScore ?? null,
        learned: f.learned ?? '',
        changed: f.changed ?? '',
        commitment: f.commitment ?? '',
        concern: f.concern ?? null,
        createdAt: new Date(f.createdAt),
        topics: { create: (f.topics ?? []).map((topicKey) => ({ topicKey })) },
      },
    });
    await releaseCompleteBatches(db, SPRING, new Date(f.createdAt));
  }
  await db.matchRun.create({
    data: {
      id: 'run1',
      programmeId: SPRING,
      status: 'approved',
      inputHash: 'x',
      createdBySlackId: 'U0EMU0005',
      unmatchedJson: JSON.stringify(
        UNMATCHED.map((id) => ({
          participantId: id,
          role: PEOPLE.find((p) => p.id === id)!.role,
          reason: 'capacity',
          detail: '',
        })),
      ),
    },
  });
  // Autumn: one person, one pair, ratings: none of it may appear in Spring's figures.
  await db.participant.create({
    data: {
      id: 'autumn-1',
      programmeId: AUTUMN,
      slackUserId: 'U0EMU0007',
      role: 'mentor',
      seniorityLevel: 2,
      department: 'Marketing',
      generation: 'gen-z',
    },
  });
  await db.participant.create({
    data: { id: 'autumn-2', programmeId: AUTUMN, slackUserId: 'U0EMU0001', role: 'mentee', seniorityLevel: 7 },
  });
  await db.pairing.create({
    data: {
      id: 'autumn-pair',
      programmeId: AUTUMN,
      mentorId: 'autumn-1',
      menteeId: 'autumn-2',
      status: 'active',
      atRiskFlaggedAt: new Date('2026-05-01T00:00:00Z'),
    },
  });
  await db.checkIn.create({
    data: { id: 'autumn-ci', pairingId: 'autumn-pair', sequence: 1, dueAt: new Date('2026-04-01T00:00:00Z'), status: 'missed' },
  });
  for (const [i, rating] of [1, 1, 1].entries()) {
    await db.feedback.create({
      data: {
        id: `autumn-fb${i}`,
        answerKey: `autumn:${i}`,
        participantId: i % 2 ? 'autumn-1' : 'autumn-2',
        kind: 'checkin',
        rating,
        learned: 'AUTUMN-TEXT',
        createdAt: new Date('2026-04-02T00:00:00Z'),
        topics: { create: [{ topicKey: 'strategy' }] },
      },
    });
  }
  await releaseCompleteBatches(db, AUTUMN, new Date('2026-04-02T00:00:00Z'));
  await db.outboxMessage.createMany({
    data: [
      ...FAILED_OUTBOX_KINDS.map((kind, i) => ({
        id: `failed${i}`,
        idempotencyKey: `failed:${i}`,
        kind,
        payloadJson: '{}',
        status: 'failed',
        lastError: 'channel_not_found',
      })),
      { id: 'sent0', idempotencyKey: 'sent:0', kind: 'pairing.intro', payloadJson: '{}', status: 'sent' },
    ],
  });
}
