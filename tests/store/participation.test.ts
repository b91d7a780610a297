import type { Database, Db } from '../../src/store/database.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import {
  type LeftPartner,
  endParticipation,
  findParticipant,
  pauseParticipant,
  resumeParticipant,
  resumeParticipantsDue,
  eraseParticipation,
  findParticipationData,
} from '../../src/store/participation.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';
import { enqueueMessages } from '../../src/store/outbox.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

describe.each(testDatabaseKinds())('participants store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, aProgramme());
    for (const [id, role] of [
      ['ana', 'mentor'],
      ['ben', 'mentee'],
      ['cy', 'mentee'],
      ['dee', 'mentor'],
    ] as const) {
      await c.participant.create({
        data: {
          id,
          programmeId: 'prog-1',
          slackUserId: `U${id.toUpperCase()}`,
          role,
          seniorityLevel: role === 'mentor' ? 2 : 7,
          timezone: 'Europe/London',
        },
      });
    }
    await c.pairing.create({
      data: { id: 'pair-ab', programmeId: 'prog-1', mentorId: 'ana', menteeId: 'ben', status: 'active' },
    });
    await c.pairing.create({ data: { id: 'pair-ac', programmeId: 'prog-1', mentorId: 'ana', menteeId: 'cy', status: 'active' } });
    await c.pairing.create({ data: { id: 'pair-dc', programmeId: 'prog-1', mentorId: 'dee', menteeId: 'cy', status: 'ended' } });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('findParticipant reads the row with its programme; an unknown id is null', async () => {
    const p = await findParticipant(db.client, 'ben');
    expect(p).toMatchObject({
      id: 'ben',
      slackUserId: 'UBEN',
      role: 'mentee',
      seniorityLevel: 7,
      status: 'active',
      timezone: 'Europe/London',
      pausedUntil: null,
    });
    expect(p?.programme).toMatchObject({ id: 'prog-1', name: 'Spring', endDate: new Date('2026-09-30T00:00:00Z') });
    expect(await findParticipant(db.client, 'nobody')).toBeNull();
  });

  test('pause stores the date in UTC; resume and resumeParticipantsDue bring people back', async () => {
    expect(await pauseParticipant(db.client, 'ben', day(10), day(0))).toBe(true);
    expect(await pauseParticipant(db.client, 'ben', day(20), day(1))).toBe(true); // a paused person may move the date
    expect(await findParticipant(db.client, 'ben')).toMatchObject({ status: 'paused', pausedUntil: day(20) });
    expect((await findParticipant(db.client, 'ben'))?.pausedUntil?.toISOString()).toBe('2026-03-22T09:00:00.000Z');
    expect(await pauseParticipant(db.client, 'nobody', day(1), day(0))).toBe(false);

    expect(await resumeParticipantsDue(db.client, day(19))).toBe(0);
    expect(await resumeParticipantsDue(db.client, day(20))).toBe(1);
    expect(await findParticipant(db.client, 'ben')).toMatchObject({ status: 'active', pausedUntil: null });

    await pauseParticipant(db.client, 'ben', day(30), day(25));
    expect(await resumeParticipant(db.client, 'ben', day(26))).toBe(true);
    expect(await resumeParticipant(db.client, 'ben', day(27))).toBe(false); // already active
    expect(await findParticipant(db.client, 'ben')).toMatchObject({ status: 'active', pausedUntil: null });
    // the spells the at-risk flag skips: the first moved to its new day, the second ended by Resume
    const spells = await db.client.pauseSpell.findMany({ where: { participantId: 'ben' }, orderBy: { startedAt: 'asc' } });
    expect(spells.map((s) => [s.startedAt, s.endsAt])).toEqual([
      [day(0), day(20)],
      [day(25), day(26)],
    ]);
  });

  test('endParticipation marks the person, pauses their active pairs and enqueues the notices, once', async () => {
    const told: string[][] = [];
    const notices = (partners: LeftPartner[]): OutgoingMessage[] => {
      told.push(partners.map((p) => p.slackUserId));
      return [
        {
          idempotencyKey: 'left:ana',
          kind: 'participant.left',
          to: { users: ['UCOORD'] },
          text: `partners: ${partners.map((p) => p.slackUserId).join(',')}`,
        },
      ];
    };
    await pauseParticipant(db.client, 'ana', day(40), day(1));
    expect(await db.client.$transaction((tx) => endParticipation(tx, 'ana', 'withdrawn', day(2), notices))).toBe(true);
    expect(told).toEqual([expect.arrayContaining(['UBEN', 'UCY'])]);
    expect(told[0]).toHaveLength(2);
    expect(await findParticipant(db.client, 'ana')).toMatchObject({ status: 'withdrawn', leftAt: day(2), pausedUntil: null });
    const pairs = await db.client.pairing.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } });
    expect(pairs).toEqual([
      { id: 'pair-ab', status: 'paused' },
      { id: 'pair-ac', status: 'paused' },
      { id: 'pair-dc', status: 'ended' },
    ]);
    const outbox = await db.client.outboxMessage.findMany();
    expect(outbox.map((m) => [m.idempotencyKey, m.kind, m.status])).toEqual([['left:ana', 'participant.left', 'pending']]);

    expect(await db.client.$transaction((tx) => endParticipation(tx, 'ana', 'departed', day(3), notices))).toBe(false);
    expect(await findParticipant(db.client, 'ana')).toMatchObject({ status: 'withdrawn', leftAt: day(2) });
    expect(told).toHaveLength(1);
  });

  test('a person without active pairs leaves as departed with no partners; a left person cannot be paused', async () => {
    let partners: LeftPartner[] | undefined;
    const ok = await db.client.$transaction((tx) => endParticipation(tx, 'dee', 'departed', day(4), (p) => ((partners = p), [])));
    expect(ok).toBe(true);
    expect(partners).toEqual([]);
    expect(await findParticipant(db.client, 'dee')).toMatchObject({ status: 'departed', leftAt: day(4) });
    expect(await pauseParticipant(db.client, 'dee', day(9), day(5))).toBe(false);
    expect(await resumeParticipant(db.client, 'dee', day(5))).toBe(false);
  });

  test('a pairing the pair paused breaks too, and tells who is left without a pair; a partner who left is not told', async () => {
    const c = db.client;
    for (const [id, role, status] of [
      ['eve', 'mentor', 'active'],
      ['fay', 'mentee', 'active'],
      ['gus', 'mentee', 'withdrawn'],
    ] as const)
      await c.participant.create({
        data: {
          id,
          programmeId: 'prog-1',
          slackUserId: `U${id.toUpperCase()}`,
          displayName: id,
          role,
          seniorityLevel: 3,
          status,
        },
      });
    await c.pairing.create({
      data: { id: 'pair-ef', programmeId: 'prog-1', mentorId: 'eve', menteeId: 'fay', status: 'paused' },
    });
    await c.pairing.create({
      data: { id: 'pair-eg', programmeId: 'prog-1', mentorId: 'eve', menteeId: 'gus', status: 'paused' },
    });
    let partners: LeftPartner[] | undefined;
    expect(await c.$transaction((tx) => endParticipation(tx, 'eve', 'withdrawn', day(5), (p) => ((partners = p), [])))).toBe(
      true,
    );
    expect(partners).toEqual([
      { pairingId: 'pair-ef', participantId: 'fay', slackUserId: 'UFAY', displayName: 'fay', timezone: 'UTC' },
    ]);
    const pairs = await c.pairing.findMany({ where: { mentorId: 'eve' }, orderBy: { id: 'asc' } });
    expect(pairs.map((p) => [p.id, p.status])).toEqual([
      ['pair-ef', 'paused'],
      ['pair-eg', 'paused'],
    ]);
  });
});

const T1 = new Date('2026-03-05T14:30:00Z');
const msg = (key: string): OutgoingMessage => ({
  idempotencyKey: key,
  kind: 'test',
  to: { users: ['UCOORD'] },
  text: 'private words',
});
const profile = {
  programmeId: 'prog-1',
  seniorityLevel: 3,
  title: 'Engineer',
  department: 'Sales',
  goals: 'grow',
  timezone: 'Asia/Tokyo',
};

describe.each(testDatabaseKinds())('privacy store on %s', (kind) => {
  let c: Db;
  const outbox = async () => (await c.outboxMessage.findMany()).map((m) => m.idempotencyKey).sort();

  useScratchDatabase(kind, async (db) => {
    c = db.client;
    await createProgramme(c, aProgramme());
    const zoe = { id: 'zoe', slackUserId: 'UZOE', displayName: 'Zoe', role: 'mentor', careerStage: 'early', generation: 'gen-z' };
    await c.participant.create({ data: { ...zoe, managerSlackId: 'UBOSS', ...profile } });
    await c.participant.create({ data: { id: 'amy', slackUserId: 'UAMY', displayName: 'Amy', role: 'mentee', ...profile } });
    await c.pairing.create({ data: { id: 'pair-1', programmeId: 'prog-1', mentorId: 'zoe', menteeId: 'amy', status: 'active' } });
    const topics = ['teach social-media', 'learn ai-new-tech'].map((t) => ({
      kind: t.split(' ')[0]!,
      topicKey: t.split(' ')[1]!,
    }));
    await c.participantTopic.createMany({ data: topics.map((t) => ({ participantId: 'zoe', ...t })) });
    await c.avoidEntry.create({ data: { participantId: 'zoe', avoidSlackUserId: 'UEX' } });
    for (const [who, remindAt] of [['zoe', T1] as const, ['amy', null] as const]) {
      const request = { key: `midpoint:pair-1:${who}`, kind: 'midpoint', participantId: who, pairingId: 'pair-1' };
      await c.feedbackRequest.create({ data: { ...request, remindAt, createdAt: T0 } });
    }
    const answer = { kind: 'midpoint', progress: 4, changed: 'a lot', concern: 'a worry', createdAt: T0 };
    await c.feedback.create({
      data: { id: 'fb-1', answerKey: 'midpoint:pair-1:zoe', participantId: 'zoe', pairingId: 'pair-1', ...answer },
    });
    await c.feedbackTopic.createMany({ data: ['strategy', 'leadership'].map((topicKey) => ({ feedbackId: 'fb-1', topicKey })) });
    await enqueueMessages(c, [msg('concern:zoe:fb-1'), msg('export:zoe:1'), msg('concern:amy:fb-2'), msg('intro:pair-1')]);
  });

  test('findParticipationData reads back everything stored about the participation, in order', async () => {
    const data = await findParticipationData(c, 'zoe');
    expect(data).toMatchObject({
      id: 'zoe',
      slackUserId: 'UZOE',
      careerStage: 'early',
      managerSlackId: 'UBOSS',
      timezone: 'Asia/Tokyo',
    });
    expect(data?.programme).toEqual({ name: 'Spring' });
    expect(data?.topics.map((t) => `${t.kind} ${t.topicKey}`)).toEqual(['learn ai-new-tech', 'teach social-media']);
    expect(data?.avoid.map((a) => a.avoidSlackUserId)).toEqual(['UEX']);
    expect(data?.feedback).toMatchObject([
      { answerKey: 'midpoint:pair-1:zoe', progress: 4, changed: 'a lot', concern: 'a worry' },
    ]);
    expect(data?.feedback[0]?.createdAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(data?.feedback[0]?.topics.map((t) => t.topicKey)).toEqual(['leadership', 'strategy']);
    expect(data?.feedbackRequests.map((r) => `${r.key} ${r.remindAt?.toISOString()}`)).toEqual([
      'midpoint:pair-1:zoe 2026-03-05T14:30:00.000Z',
    ]);
    expect(await findParticipationData(c, 'nobody')).toBeNull();
  });

  test('eraseParticipation anonymises the row, deletes the person’s data and private outbox copies, once', async () => {
    const told: string[][] = [];
    const notices = (partners: LeftPartner[]) => (told.push(partners.map((p) => p.slackUserId)), [msg('left:zoe')]);
    expect(await eraseParticipation(c, 'zoe', T1, notices, msg('erased:zoe'))).toBe(true);
    expect(told).toEqual([['UAMY']]);
    const data = await findParticipationData(c, 'zoe');
    const blank = {
      displayName: '',
      title: '',
      careerStage: '',
      generation: '',
      department: '',
      goals: '',
      managerSlackId: null,
    };
    const kept = { id: 'zoe', role: 'mentor', seniorityLevel: 3, status: 'withdrawn', leftAt: T1, erasedAt: T1 };
    expect(data).toMatchObject({ ...blank, ...kept, slackUserId: 'erased:zoe', timezone: 'UTC', pausedUntil: null });
    expect([data?.topics, data?.avoid, data?.feedback, data?.feedbackRequests]).toEqual([[], [], [], []]);
    expect(await c.feedbackTopic.count()).toBe(0);
    expect((await c.pairing.findUniqueOrThrow({ where: { id: 'pair-1' } })).status).toBe('paused');
    expect(await outbox()).toEqual(['concern:amy:fb-2', 'erased:zoe', 'intro:pair-1', 'left:zoe']);
    // The partner's own data stays.
    expect((await findParticipationData(c, 'amy'))?.feedbackRequests.map((r) => r.key)).toEqual(['midpoint:pair-1:amy']);

    expect(await eraseParticipation(c, 'zoe', T0, notices, msg('erased:zoe:again'))).toBe(false);
    expect(await eraseParticipation(c, 'nobody', T0, notices, msg('erased:nobody'))).toBe(false);
    expect(told).toHaveLength(1);
    expect((await findParticipationData(c, 'zoe'))?.erasedAt).toEqual(T1);
    expect((await outbox()).filter((k) => k.startsWith('erased:'))).toEqual(['erased:zoe']);
  });

  test('erasing a person who had already left still erases them, without notices', async () => {
    await c.participant.update({ where: { id: 'amy' }, data: { status: 'departed', leftAt: T0 } });
    const told: string[][] = [];
    expect(await eraseParticipation(c, 'amy', T1, (p) => (told.push(p.map((x) => x.slackUserId)), []), msg('erased:amy'))).toBe(
      true,
    );
    expect(told).toEqual([]);
    const erased = { status: 'departed', leftAt: T0, erasedAt: T1, slackUserId: 'erased:amy', feedbackRequests: [] };
    expect(await findParticipationData(c, 'amy')).toMatchObject(erased);
    expect((await outbox()).filter((k) => k.includes('amy'))).toEqual(['erased:amy']);
  });
});
