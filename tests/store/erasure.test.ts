// "Delete my data" deletes every copy (issue 16, item 4). PERSONAL_DATA below is the list of every table and column
// that can hold a participant's personal data or their words, with what erasure does to it; docs/operations.md
// ("What Delete my data removes") mirrors it, and the last test checks that the two agree.
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/store/database.js';
import { createProgramme } from '../../src/store/programmes.js';
import { enqueueMessages } from '../../src/store/outbox.js';
import { findParticipationData } from '../../src/store/participation.js';
import { releaseCompleteBatches } from '../../src/store/feedbackReleases.js';
import { deleteMyData, exportMyData, myDataExport, type ParticipationDeps } from '../../src/flows/participation.js';
import { introMessage, waitlistMessage } from '../../src/messages/matching/messages.js';
import { concernNotices, feedbackPrompt, objectivesNote, surveyThanks } from '../../src/messages/feedback.js';
import { participationEndedNotices } from '../../src/messages/participation/notices.js';
import { deliveryFailedNotices } from '../../src/messages/outbox.js';
import { ManualClock } from '../../src/core/clock.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

export type AfterErasure = 'cleared' | 'placeholder' | 'kept';

/** Every place that can hold a participant's personal data or words, and what "Delete my data" leaves there. */
export const PERSONAL_DATA: { place: string; after: AfterErasure }[] = [
  { place: 'Participant.slackUserId', after: 'placeholder' },
  { place: 'Participant.displayName', after: 'cleared' },
  { place: 'Participant.title', after: 'cleared' },
  { place: 'Participant.careerStage', after: 'cleared' },
  { place: 'Participant.generation', after: 'cleared' },
  { place: 'Participant.department', after: 'cleared' },
  { place: 'Participant.managerSlackId', after: 'cleared' },
  { place: 'Participant.goals', after: 'cleared' },
  { place: 'Participant.meetingPreference', after: 'placeholder' },
  { place: 'Participant.capacity', after: 'placeholder' },
  { place: 'Participant.timezone', after: 'placeholder' },
  { place: 'Participant.pausedUntil', after: 'cleared' },
  { place: 'PauseSpell', after: 'cleared' },
  { place: 'Participant.role', after: 'kept' },
  { place: 'Participant.seniorityLevel', after: 'kept' },
  { place: 'Participant.status', after: 'kept' },
  { place: 'ParticipantTopic', after: 'cleared' },
  { place: 'AvoidEntry', after: 'cleared' },
  { place: 'AvoidEntry.avoidSlackUserId (other people’s lists)', after: 'kept' },
  { place: 'Participant.managerSlackId (other people’s profiles)', after: 'kept' },
  { place: 'SlackUser', after: 'cleared' },
  { place: 'HomeViewer', after: 'cleared' },
  { place: 'Feedback', after: 'cleared' },
  { place: 'FeedbackTopic', after: 'cleared' },
  { place: 'FeedbackRequest', after: 'cleared' },
  { place: 'ReleasedAnswer.personKey', after: 'placeholder' },
  { place: 'ReleasedAnswer.feedbackId', after: 'cleared' },
  { place: 'ReleasedAnswer (words: learned, changed, commitment)', after: 'cleared' },
  { place: 'ReleasedAnswer (figures: rating, progress, recommendScore, topics)', after: 'kept' },
  { place: 'Feedback (the partner’s)', after: 'kept' },
  { place: 'Pairing.reasonsJson', after: 'cleared' },
  { place: 'Pairing.objectives', after: 'cleared' },
  { place: 'Pairing.groupChannelId', after: 'kept' },
  { place: 'CheckIn.loggedBySlackId', after: 'placeholder' },
  { place: 'MatchRun.unmatchedJson', after: 'placeholder' },
  { place: 'OutboxMessage (unsent)', after: 'cleared' },
  { place: 'OutboxMessage.payloadJson (sent)', after: 'placeholder' },
  { place: 'OutboxMessage.idempotencyKey (sent)', after: 'placeholder' },
  { place: 'OutboxMessage (the erasure’s own confirmation)', after: 'placeholder' },
  { place: 'ProcessedEvent', after: 'kept' },
];

const T0 = new Date('2026-04-06T09:00:00Z');
const ZOE = 'UZOE1';
const AMY = 'UAMY1';
const OBI = 'UOBI1';
const COORD = 'UCOORD1';
/** Zoe's words and profile: none of them may remain anywhere after the erasure (outside the kept places). */
const ZOE_WORDS = {
  slackUserId: ZOE,
  displayName: 'Zoella Quux',
  title: 'Chief Xylophonist',
  department: 'Dept-Zebra',
  goals: 'goal <zanzibar> & more',
  manager: 'UBOSSZ1',
  objectives: 'objective-zq shared',
  learned: 'learned-zq words',
  changed: 'changed-zq words',
  commitment: 'commitment-zq words',
  concern: 'concern-zq words',
  waitlist: 'Zoella Quux has no mentee',
};
const AMY_WORDS = { learned: 'amy-learned words', goals: 'amy goals' };

async function seed(c: Db) {
  await createProgramme(c, aProgramme());
  // What users.info said of her (the directory: her zone, locale and names).
  await c.slackUser.create({
    data: {
      slackUserId: ZOE,
      timezone: 'Europe/London',
      locale: 'en-GB',
      displayName: ZOE_WORDS.displayName,
      realName: ZOE_WORDS.displayName,
      fetchedAt: T0,
    },
  });
  // Both opened the App Home tab.
  await c.homeViewer.createMany({ data: [ZOE, AMY].map((slackUserId) => ({ slackUserId, openedAt: T0 })) });
  const base = { programmeId: 'prog-1', seniorityLevel: 3 };
  await c.participant.create({
    data: {
      ...base,
      id: 'zoe',
      slackUserId: ZOE,
      role: 'mentor',
      displayName: ZOE_WORDS.displayName,
      title: ZOE_WORDS.title,
      department: ZOE_WORDS.department,
      goals: ZOE_WORDS.goals,
      careerStage: 'early',
      generation: 'gen-z',
      managerSlackId: ZOE_WORDS.manager,
      meetingPreference: 'video',
      capacity: 2,
      timezone: 'Asia/Tokyo',
    },
  });
  await c.participant.create({
    data: { ...base, id: 'amy', slackUserId: AMY, role: 'mentee', seniorityLevel: 8, displayName: 'Amy', goals: AMY_WORDS.goals },
  });
  // Obi avoids Zoe and has her as manager: Obi's own data, kept.
  await c.participant.create({
    data: { ...base, id: 'obi', slackUserId: OBI, role: 'mentee', seniorityLevel: 8, managerSlackId: ZOE },
  });
  await c.avoidEntry.create({ data: { participantId: 'obi', avoidSlackUserId: ZOE } });
  await c.participantTopic.createMany({
    data: [
      { participantId: 'zoe', kind: 'teach', topicKey: 'ai-new-tech' },
      { participantId: 'zoe', kind: 'learn', topicKey: 'strategy' },
    ],
  });
  await c.avoidEntry.create({ data: { participantId: 'zoe', avoidSlackUserId: 'UEXZ1' } });
  // when each was on a pause (the at-risk flag skips those days)
  await c.pauseSpell.createMany({
    data: [
      { id: 'pause-zoe', participantId: 'zoe', startedAt: T0, endsAt: new Date(T0.getTime() + 7 * 86_400_000) },
      { id: 'pause-amy', participantId: 'amy', startedAt: T0, endsAt: new Date(T0.getTime() + 7 * 86_400_000) },
    ],
  });
  const unmatched = [
    { participantId: 'zoe', role: 'mentor', reason: 'capacity', detail: ZOE_WORDS.waitlist },
    { participantId: 'obi', role: 'mentee', reason: 'capacity', detail: 'no mentor left' },
  ];
  await c.matchRun.create({
    data: {
      id: 'run-1',
      programmeId: 'prog-1',
      inputHash: 'h',
      createdBySlackId: COORD,
      unmatchedJson: JSON.stringify(unmatched),
    },
  });
  const reasons = JSON.stringify([`${ZOE_WORDS.title}, ${ZOE_WORDS.department}, teaches AI`, 'Asia/Tokyo and UTC overlap']);
  await c.pairing.create({
    data: {
      id: 'pair-1',
      programmeId: 'prog-1',
      matchRunId: 'run-1',
      mentorId: 'zoe',
      menteeId: 'amy',
      status: 'active',
      reasonsJson: reasons,
      objectives: ZOE_WORDS.objectives,
      groupChannelId: 'GPAIR1',
      introducedAt: T0,
    },
  });
  await c.pairing.create({
    data: { id: 'pair-d', programmeId: 'prog-1', mentorId: 'zoe', menteeId: 'obi', status: 'draft', reasonsJson: reasons },
  });
  await c.pairing.create({
    data: {
      id: 'pair-o',
      programmeId: 'prog-1',
      mentorId: 'obi',
      menteeId: 'amy',
      status: 'draft',
      reasonsJson: '["amy and obi"]',
    },
  });
  await c.checkIn.create({
    data: { id: 'ci-1', pairingId: 'pair-1', sequence: 1, dueAt: T0, status: 'met', metAt: T0, loggedBySlackId: ZOE },
  });
  await c.checkIn.create({
    data: { id: 'ci-2', pairingId: 'pair-1', sequence: 2, dueAt: T0, status: 'met', metAt: T0, loggedBySlackId: AMY },
  });
  await c.feedback.create({
    data: {
      id: 'fb-z1',
      answerKey: 'checkin:ci-1:zoe',
      participantId: 'zoe',
      checkInId: 'ci-1',
      pairingId: 'pair-1',
      kind: 'checkin',
      rating: 2,
      learned: ZOE_WORDS.learned,
      concern: ZOE_WORDS.concern,
    },
  });
  await c.feedbackTopic.create({ data: { feedbackId: 'fb-z1', topicKey: 'ai-new-tech' } });
  await c.feedback.create({
    data: {
      id: 'fb-z2',
      answerKey: 'midpoint:pair-1:zoe',
      participantId: 'zoe',
      pairingId: 'pair-1',
      kind: 'midpoint',
      progress: 3,
      changed: ZOE_WORDS.changed,
      commitment: ZOE_WORDS.commitment,
    },
  });
  await c.feedback.create({
    data: {
      id: 'fb-a1',
      answerKey: 'checkin:ci-1:amy',
      participantId: 'amy',
      checkInId: 'ci-1',
      pairingId: 'pair-1',
      kind: 'checkin',
      rating: 5,
      learned: AMY_WORDS.learned,
    },
  });
  await c.feedbackTopic.create({ data: { feedbackId: 'fb-a1', topicKey: 'strategy' } });
  await c.feedback.create({
    data: { id: 'fb-o1', answerKey: 'checkin:ci-x:obi', participantId: 'obi', kind: 'checkin', rating: 4, learned: 'obi words' },
  });
  // Three people's check-in answers: released to coordinators (Zoe's lone midpoint answer waits).
  expect(await releaseCompleteBatches(c, 'prog-1', T0)).toBe(3);
  for (const who of ['zoe', 'amy']) {
    await c.feedbackRequest.create({
      data: { key: `checkin:ci-1:${who}`, kind: 'checkin', participantId: who, pairingId: 'pair-1', checkInId: 'ci-1' },
    });
  }

  // Messages, built by the real builders: some sent, some waiting.
  const person = (slackUserId: string, displayName: string, title: string, department: string) => ({
    slackUserId,
    displayName,
    title,
    department,
    timezone: 'UTC',
    teaches: ['ai-new-tech'],
    learns: ['strategy'],
  });
  const intro = introMessage(
    {
      pairingId: 'pair-1',
      mentor: person(ZOE, ZOE_WORDS.displayName, ZOE_WORDS.title, ZOE_WORDS.department),
      mentee: person(AMY, 'Amy', 'Director', 'Finance'),
      cadenceDays: 14,
      firstCheckInDue: T0,
    },
    'Spring',
    { 'ai-new-tech': 'AI', strategy: 'Strategy' },
    T0,
  );
  const prompt = (who: string, slackUserId: string, partner: string) =>
    feedbackPrompt({
      requestKey: `checkin:ci-1:${who}`,
      participantId: who,
      slackUserId,
      partnerSlackId: partner,
      programmeName: 'Spring',
      checkInId: 'ci-1',
      sequence: 1,
    });
  const concern = {
    coordinators: [COORD],
    requestKey: 'checkin:ci-1:zoe',
    participantId: 'zoe',
    viewId: 'V1',
    slackUserId: ZOE,
    role: 'mentor',
    partnerSlackId: AMY,
    programmeName: 'Spring',
    concern: ZOE_WORDS.concern,
  };
  const sent = [
    intro,
    waitlistMessage(
      { participantId: 'zoe', slackUserId: ZOE, role: 'mentor', reason: ZOE_WORDS.waitlist },
      {
        id: 'prog-1',
        name: 'Spring',
        announcementChannel: null,
      },
    ),
    ...concernNotices(concern),
    objectivesNote('pair-1', { channel: 'GPAIR1' }, ZOE, ZOE_WORDS.objectives, 'V2'),
    surveyThanks(ZOE, 'midpoint:pair-1:zoe', 'midpoint', 'Spring'),
    {
      idempotencyKey: `signup:prog-1:${ZOE}:V0`,
      kind: 'signup.confirmation',
      to: { users: [ZOE] },
      text: `Thanks ${ZOE_WORDS.displayName}: ${ZOE_WORDS.goals}`,
    },
    ...deliveryFailedNotices({ id: 'm-9', kind: 'checkin.nudge', payload: { to: { users: [ZOE] }, text: '' } }, 'gone', [COORD]),
    ...participationEndedNotices([COORD], {
      participantId: 'obi',
      slackUserId: OBI,
      programmeName: 'Spring',
      role: 'mentee',
      partners: [],
      reason: 'withdrawn',
    }),
  ];
  const waiting = [prompt('zoe', ZOE, AMY), prompt('amy', AMY, ZOE), ...concernNotices({ ...concern, viewId: 'V3' })];
  const unrelated = [
    { idempotencyKey: 'celebration:run-1', kind: 'programme.celebration', to: { channel: 'CALL1' }, text: 'hooray' },
  ];
  await enqueueMessages(c, [...sent, ...waiting, ...unrelated]);
  await c.outboxMessage.updateMany({
    where: { idempotencyKey: { in: sent.map((m) => m.idempotencyKey) } },
    data: { status: 'sent', sentAt: T0, messageTs: '1.0' },
  });
  await c.outboxMessage.update({ where: { idempotencyKey: intro.idempotencyKey }, data: { channelId: 'GPAIR1' } });
  await c.processedEvent.create({ data: { eventId: `report-csv:prog-1:${COORD}:1.0`, type: 'report.upload' } });
}

/** Every row of every table, as text: what the sweep searches for Zoe's words. */
async function everyRow(c: Db): Promise<Record<string, string[]>> {
  const tables = {
    Programme: await c.programme.findMany(),
    ProgrammeTopic: await c.programmeTopic.findMany(),
    Coordinator: await c.coordinator.findMany(),
    Participant: await c.participant.findMany(),
    ParticipantTopic: await c.participantTopic.findMany(),
    AvoidEntry: await c.avoidEntry.findMany(),
    PauseSpell: await c.pauseSpell.findMany(),
    SlackUser: await c.slackUser.findMany(),
    MatchRun: await c.matchRun.findMany(),
    Pairing: await c.pairing.findMany(),
    CheckIn: await c.checkIn.findMany(),
    Feedback: await c.feedback.findMany(),
    FeedbackRequest: await c.feedbackRequest.findMany(),
    FeedbackTopic: await c.feedbackTopic.findMany(),
    FeedbackRelease: await c.feedbackRelease.findMany(),
    ReleasedAnswer: await c.releasedAnswer.findMany(),
    ReleasedAnswerTopic: await c.releasedAnswerTopic.findMany(),
    OutboxMessage: await c.outboxMessage.findMany(),
    ProcessedEvent: await c.processedEvent.findMany(),
    JobLease: await c.jobLease.findMany(),
  };
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.map((r) => JSON.stringify(r))]));
}

const words = Object.values(ZOE_WORDS);
const mrkdwn = (w: string) => w.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const forms = (w: string) => [w, mrkdwn(w)].flatMap((f) => [f, JSON.stringify(f).slice(1, -1)]);
const found = (text: string) => words.filter((w) => forms(w).some((f) => text.includes(f)));

/** The partner's own rows, without the timestamps an update touches. */
async function partnerData(c: Db) {
  const amy = await c.participant.findUniqueOrThrow({
    where: { id: 'amy' },
    include: { topics: true, avoid: true, feedback: { include: { topics: true } }, feedbackRequests: true },
  });
  const { updatedAt: _updated, status: _status, ...rest } = amy;
  return rest;
}

describe.each(testDatabaseKinds())('Delete my data on %s', (kind) => {
  let c: Db;
  let deps: ParticipationDeps;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
    await seed(c);
  });
  beforeAll(() => {
    deps = { db: c, config: { coordinators: [COORD] }, clock: new ManualClock(new Date('2026-04-20T09:00:00Z')) };
  });

  test('export covers every place before the erasure: all of Zoe’s words are in it, nobody else’s private data', async () => {
    const data = await findParticipationData(c, 'zoe');
    const json = JSON.stringify(myDataExport(data!));
    expect(words.filter((w) => !found(json).includes(w))).toEqual([]);
    const exported = JSON.parse(json) as Record<string, unknown[]>;
    expect(exported.pairings).toHaveLength(2);
    expect(exported.checkInsILogged).toEqual([{ pairingId: 'pair-1', sequence: 1, status: 'met', metAt: T0.toISOString() }]);
    expect(exported.waitlistEntries).toMatchObject([{ reason: 'capacity', detail: ZOE_WORDS.waitlist }]);
    expect(exported.messagesAboutMe?.length).toBeGreaterThanOrEqual(10);
    expect(json).not.toContain(AMY_WORDS.learned); // the partner's answers are theirs
    expect(json).not.toContain('amy and obi');
    // A draft pairing's reasons describe a person never introduced: not exported.
    expect(
      (exported.pairings as { pairingId: string; reasons: unknown[] }[]).find((p) => p.pairingId === 'pair-d')?.reasons,
    ).toEqual([]);
    // The real flow sends it (and the export message is itself a copy the erasure must remove).
    expect((await exportMyData(deps, 'zoe', ZOE, 'click-1')).ok).toBe(true);
    await c.outboxMessage.updateMany({ where: { kind: 'participant.export' }, data: { status: 'sent', sentAt: T0 } });
  });

  test('after "Delete my data", every place holds nothing of Zoe (or a placeholder), and Amy’s data is untouched', async () => {
    const before = await everyRow(c);
    // The seed put Zoe's words in every table that can hold them.
    for (const t of [
      'Participant',
      'MatchRun',
      'Pairing',
      'CheckIn',
      'Feedback',
      'ReleasedAnswer',
      'OutboxMessage',
      'AvoidEntry',
      'SlackUser',
    ])
      expect([t, before[t]!.some((r) => found(r).length > 0)]).toEqual([t, true]);
    const amyBefore = await partnerData(c);
    const counts = {
      participants: await c.participant.count(),
      pairings: await c.pairing.count(),
      checkIns: await c.checkIn.count(),
    };

    expect((await deleteMyData(deps, 'zoe', ZOE)).ok).toBe(true);

    // 1. The sweep: no row of any table holds any of Zoe's words, except the kept places.
    const after = await everyRow(c);
    const left = Object.entries(after).flatMap(([t, rows]) => rows.filter((r) => found(r).length > 0).map((r) => `${t} ${r}`));
    const keptOnPurpose = (row: string) =>
      (row.startsWith('AvoidEntry ') && row.includes('"participantId":"obi"')) ||
      (row.startsWith('Participant ') && row.includes('"id":"obi"')) ||
      (row.startsWith('OutboxMessage ') && row.includes('"idempotencyKey":"erased:zoe"'));
    expect(left.filter((r) => !keptOnPurpose(r))).toEqual([]);

    // 2. Place by place, as PERSONAL_DATA says.
    const zoe = await c.participant.findUniqueOrThrow({ where: { id: 'zoe' } });
    expect(zoe).toMatchObject({
      slackUserId: 'erased:zoe',
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
      role: 'mentor',
      seniorityLevel: 3,
      status: 'withdrawn',
    });
    expect(await c.participantTopic.count({ where: { participantId: 'zoe' } })).toBe(0);
    expect(await c.avoidEntry.count({ where: { participantId: 'zoe' } })).toBe(0);
    expect((await c.pauseSpell.findMany()).map((x) => x.id)).toEqual(['pause-amy']);
    expect(await c.avoidEntry.findMany({ where: { participantId: 'obi' } })).toMatchObject([{ avoidSlackUserId: ZOE }]);
    expect((await c.participant.findUniqueOrThrow({ where: { id: 'obi' } })).managerSlackId).toBe(ZOE);
    expect(await c.feedback.count({ where: { participantId: 'zoe' } })).toBe(0);
    expect(await c.feedbackTopic.count({ where: { feedbackId: { in: ['fb-z1', 'fb-z2'] } } })).toBe(0);
    expect(await c.feedbackRequest.count({ where: { participantId: 'zoe' } })).toBe(0);
    // Released copies: the figures stay (no report figure moves), under a stand-in; the batch's words are withdrawn.
    const copies = await c.releasedAnswer.findMany({ include: { topics: true }, orderBy: { rating: 'asc' } });
    expect(copies.map((x) => [x.rating, x.learned, x.topics.map((t) => t.topicKey).join()])).toEqual([
      [2, '', 'ai-new-tech'],
      [4, '', ''],
      [5, '', 'strategy'],
    ]);
    expect(copies[0]).toMatchObject({ feedbackId: null, personKey: expect.stringMatching(/^erased:/) });
    expect(copies.map((x) => x.personKey).includes('zoe')).toBe(false);
    expect((await c.feedbackRelease.findFirstOrThrow()).commentsWithdrawnAt).not.toBeNull();
    const pairings = await c.pairing.findMany({ orderBy: { id: 'asc' } });
    expect(pairings.map((p) => [p.id, p.reasonsJson, p.objectives, p.groupChannelId])).toEqual([
      ['pair-1', '[]', '', 'GPAIR1'],
      ['pair-d', '[]', '', null],
      ['pair-o', '["amy and obi"]', '', null],
    ]);
    expect((await c.checkIn.findMany({ orderBy: { id: 'asc' } })).map((x) => x.loggedBySlackId)).toEqual(['erased:zoe', AMY]);
    const run = await c.matchRun.findUniqueOrThrow({ where: { id: 'run-1' } });
    expect(JSON.parse(run.unmatchedJson)).toEqual([
      { participantId: 'zoe', role: 'mentor', reason: 'capacity', detail: '' },
      { participantId: 'obi', role: 'mentee', reason: 'capacity', detail: 'no mentor left' },
    ]);
    const outbox = await c.outboxMessage.findMany({ orderBy: { idempotencyKey: 'asc' } });
    // Unsent copies are gone; sent ones are placeholders (the intro keeps its channel: it finds the group DM).
    expect(outbox.filter((m) => m.status !== 'sent').map((m) => m.idempotencyKey)).toEqual([
      'celebration:run-1',
      'erased:zoe',
      'participation-ended:zoe:U0COORD', // the programme's creator coordinates it (docs/coordinators.md)
      'participation-ended:zoe:UCOORD1',
      'partner-left:pair-1',
    ]);
    const intro = outbox.find((m) => m.idempotencyKey === 'match-intro:pair-1');
    expect(intro).toMatchObject({
      status: 'sent',
      channelId: 'GPAIR1',
      payloadJson: '{"to":{"users":["erased"]},"text":"(erased)"}',
    });
    expect(outbox.some((m) => m.idempotencyKey.includes(ZOE))).toBe(false);
    expect(outbox.find((m) => m.idempotencyKey === 'celebration:run-1')?.payloadJson).toContain('hooray');
    expect(outbox.find((m) => m.idempotencyKey === 'participation-ended:obi:UCOORD1')?.payloadJson).toContain(OBI);
    // The coordinators are told that a pair needs a rematch, without being told who erased their data.
    expect(outbox.find((m) => m.idempotencyKey === 'participation-ended:zoe:UCOORD1')?.payloadJson).toContain(
      'A participant has left the programme and deleted their data',
    );
    // Amy, left without a pair, is told kindly, without a word of who left.
    const partnerNotice = outbox.find((m) => m.idempotencyKey === 'partner-left:pair-1')?.payloadJson ?? '';
    expect(partnerNotice).toContain(AMY);
    expect(partnerNotice.includes(ZOE) || partnerNotice.includes('zoe')).toBe(false);
    expect(await c.processedEvent.count()).toBe(1);

    // 2b. That she opened the App Home tab is forgotten too (Amy's stays).
    expect((await c.homeViewer.findMany()).map((v) => v.slackUserId)).toEqual([AMY]);
    // 3. Amy's own data is untouched, and the counts stay.
    expect(await partnerData(c)).toEqual(amyBefore);
    expect({
      participants: await c.participant.count(),
      pairings: await c.pairing.count(),
      checkIns: await c.checkIn.count(),
    }).toEqual(counts);
  });

  test('docs/operations.md lists the same places with the same outcome', () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const section = doc.split('## What Delete my data removes')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| `([^`]+)`([^|]*)\| (cleared|placeholder|kept) \|/gm)].map((m) => ({
      place: `${m[1]}${m[2]!.trimEnd()}`,
      after: m[3],
    }));
    expect(rows).toEqual(PERSONAL_DATA);
  });
});
