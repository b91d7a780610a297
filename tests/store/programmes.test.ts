import type { Database } from '../../src/store/database.js';
import { DEFAULT_TOPICS } from '../../src/domain/topics.js';
import {
  createProgramme,
  findProgramme,
  listLiveProgrammes,
  closeCheckInsOfEndedPairs,
  programmeCounts,
  programmeTopics,
  type NewProgramme,
  closeProgramme,
  closingPreview,
  type ClosingPair,
  type ClosingSummary,
} from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';

const programme = (id: string, name: string, start: string): NewProgramme =>
  aProgramme({
    id,
    name,
    startDate: new Date(`${start}T00:00:00Z`),
    cadenceDays: 21,
    minSeniorityGap: 2,
    objectives: 'Learn AI tools',
    signupDeadline: new Date('2026-03-16T17:00:00Z'),
    announcementChannel: 'C0ANNOUNCE',
    timezone: 'Europe/London',
  });

describe.each(testDatabaseKinds())('programmes store on %s', (kind) => {
  const scratch = useScratchDatabase(kind);
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('a created programme is read back as written, open, with the default topics in order', async () => {
    const announce = {
      idempotencyKey: 'programme-announce:p-spring',
      kind: 'programme.announce',
      to: { channel: 'C0ANNOUNCE' },
      text: 'Sign up!',
    };
    expect(await createProgramme(db.client, programme('p-spring', 'Spring', '2026-03-30'), [announce])).toEqual({
      created: true,
    });
    expect(await findProgramme(db.client, 'p-spring')).toMatchObject({
      ...programme('p-spring', 'Spring', '2026-03-30'),
      status: 'open',
    });
    const read = await findProgramme(db.client, 'p-spring');
    expect(read?.signupDeadline.toISOString()).toBe('2026-03-16T17:00:00.000Z');
    expect(await programmeTopics(db.client, 'p-spring')).toEqual(DEFAULT_TOPICS);
    expect((await db.client.outboxMessage.findMany()).map((m) => m.idempotencyKey)).toEqual(['programme-announce:p-spring']);
    expect(await findProgramme(db.client, 'nope')).toBeNull();
    expect(await programmeTopics(db.client, 'nope')).toEqual([]);
  });

  test('the same id twice is a no-op: the first programme stays and the second one writes no message', async () => {
    const again = { ...programme('p-spring', 'Another name', '2026-04-01'), cadenceDays: 28 };
    const msg = {
      idempotencyKey: 'programme-announce:again',
      kind: 'programme.announce',
      to: { channel: 'C0ANNOUNCE' },
      text: 'x',
    };
    expect(await createProgramme(db.client, again, [msg])).toEqual({ created: false });
    expect(await findProgramme(db.client, 'p-spring')).toMatchObject({ name: 'Spring', cadenceDays: 21 });
    expect(await db.client.outboxMessage.count()).toBe(1);
    expect(await db.client.programmeTopic.count({ where: { programmeId: 'p-spring' } })).toBe(DEFAULT_TOPICS.length);
  });

  test('a custom topic catalogue keeps its order and directions', async () => {
    const topics = [
      { key: 'z-last', label: 'Z', direction: 'downward' as const },
      { key: 'a-first', label: 'A', direction: 'upward' as const },
    ];
    await createProgramme(db.client, programme('p-custom', 'Custom', '2026-03-30'), [], topics);
    expect(await programmeTopics(db.client, 'p-custom')).toEqual(topics);
  });

  test('listLiveProgrammes lists the programmes not closed by start date then name, with what their phase needs', async () => {
    await createProgramme(db.client, programme('p-early', 'Early', '2026-01-05'));
    await createProgramme(db.client, programme('p-closed', 'Closed', '2026-01-01'));
    await db.client.programme.update({ where: { id: 'p-closed' }, data: { status: 'closed' } });
    const live = await listLiveProgrammes(db.client);
    expect(live.map((p) => p.id)).toEqual(['p-early', 'p-custom', 'p-spring']);
    expect(live[0]).toMatchObject({
      status: 'open',
      signupDeadline: new Date('2026-03-16T17:00:00Z'),
      startDate: new Date('2026-01-05T00:00:00Z'),
      timezone: 'Europe/London',
    });
    expect(live[0]?.createdBySlackId).toEqual(expect.any(String));
  });

  test('programmeCounts counts live people by role, everyone by status, and running pairs', async () => {
    const people: Array<[string, string, string, Date | null]> = [
      ['m1', 'mentor', 'active', null],
      ['m2', 'mentor', 'paused', null],
      ['m3', 'mentor', 'active', new Date('2026-04-01T00:00:00Z')],
      ['e1', 'mentee', 'active', null],
      ['e2', 'mentee', 'withdrawn', null],
      ['e3', 'mentee', 'departed', null],
    ];
    for (const [id, role, status, erasedAt] of people) {
      await db.client.participant.create({
        data: { id, programmeId: 'p-spring', slackUserId: `U0${id.toUpperCase()}`, role, status, erasedAt, seniorityLevel: 3 },
      });
    }
    for (const [id, status] of [
      ['pa', 'active'],
      ['pp', 'paused'],
      ['pe', 'ended'],
      ['pd', 'draft'],
    ] as const) {
      await db.client.pairing.create({ data: { id, programmeId: 'p-spring', mentorId: 'm1', menteeId: 'e1', status } });
    }
    expect(await programmeCounts(db.client, 'p-spring')).toEqual({
      mentors: 2,
      mentees: 1,
      active: 3,
      paused: 1,
      left: 2,
      pairs: 2,
    });
    expect(await programmeCounts(db.client, 'p-custom')).toEqual({
      mentors: 0,
      mentees: 0,
      active: 0,
      paused: 0,
      left: 0,
      pairs: 0,
    });
  });
});

const T0 = new Date('2026-03-02T09:00:00Z');
const CLOSED_AT = new Date('2026-06-01T12:00:00Z');
const SPRING = { programmeId: 'prog-1', programmeName: 'Spring' };
/** A pair as the message builder sees it, on one line. */
const pairLine = (p: ClosingPair) =>
  [p.pairingId, p.mentor.slackUserId, p.mentor.status, p.mentee.slackUserId, p.mentee.status, p.groupChannelId].join(' ');

describe.each(testDatabaseKinds())('closingProgramme closing store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, aProgramme({ id: 'prog-1' }));
    const people = 'm1 mentor active; m2 mentor paused; m3 mentor active; e1 mentee active; e2 mentee active; e3 mentee departed';
    for (const [id = '', role = '', status = ''] of people.split('; ').map((p) => p.split(' '))) {
      const who = { id, programmeId: 'prog-1', slackUserId: `U0${id.toUpperCase()}`, seniorityLevel: 3 };
      await c.participant.create({ data: { ...who, role, status } });
    }
    const pair = { programmeId: 'prog-1', status: 'active' };
    await c.pairing.create({ data: { ...pair, id: 'pa', mentorId: 'm1', menteeId: 'e1', groupChannelId: 'G0PA' } });
    await c.pairing.create({ data: { ...pair, id: 'pb', mentorId: 'm2', menteeId: 'e2', status: 'paused' } });
    await c.pairing.create({
      data: { ...pair, id: 'pc', mentorId: 'm3', menteeId: 'e3', status: 'ended', endedAt: T0, endReason: 'departed' },
    });
    const checkIns = [
      ['c1', 'pa', 'met'],
      ['c2', 'pa', 'due'],
      ['c3', 'pb', 'scheduled'],
      ['c4', 'pc', 'due'],
      ['c5', 'pb', 'due'],
    ] as const;
    for (const [id, pairingId, status] of checkIns) {
      // c5 is not due before the programme closes.
      const dueAt = id === 'c5' ? new Date('2026-12-01T00:00:00Z') : T0;
      await c.checkIn.create({
        data: { id, pairingId, status, sequence: Number(id[1]), dueAt, nextNudgeAt: status === 'met' ? null : T0 },
      });
    }
    await c.feedbackRequest.create({
      data: { key: 'k-e1', kind: 'checkin', participantId: 'e1', pairingId: 'pa', checkInId: 'c1', remindAt: T0 },
    });
    await c.matchRun.create({ data: { id: 'run-draft', programmeId: 'prog-1', inputHash: 'h', createdBySlackId: 'U0COORD' } });
    await c.matchRun.create({
      data: { id: 'run-approved', programmeId: 'prog-1', inputHash: 'h', createdBySlackId: 'U0C', status: 'approved' },
    });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('the preview counts the running pairs and their open check-ins, and changes nothing', async () => {
    expect(await closingPreview(db.client, 'prog-1')).toEqual({ ...SPRING, endedPairs: 2, openCheckIns: 3 });
    expect(await closingPreview(db.client, 'nope')).toBeNull();
    expect((await db.client.programme.findUniqueOrThrow({ where: { id: 'prog-1' } })).status).toBe('open');
  });

  test('closing ends the running pairs, closes their check-ins, stops reminders, supersedes drafts and writes the messages', async () => {
    const seen: Array<[ClosingSummary, string[]]> = [];
    const messagesFor = (summary: ClosingSummary, pairs: ClosingPair[]): OutgoingMessage[] => {
      seen.push([summary, pairs.map(pairLine)]);
      const to = (p: ClosingPair) => ({ users: [p.mentor.slackUserId, p.mentee.slackUserId] });
      return pairs.map((p) => ({
        idempotencyKey: `closed:${p.pairingId}`,
        kind: 'closingProgramme.closed',
        to: to(p),
        text: 'over',
      }));
    };
    const summary = await closeProgramme(db.client, 'prog-1', CLOSED_AT, messagesFor);
    expect(summary).toEqual({ ...SPRING, endedPairs: 2, openCheckIns: 3 });
    expect(seen).toEqual([[summary, ['pa U0M1 active U0E1 active G0PA', 'pb U0M2 paused U0E2 active ']]]);
    const c = db.client;
    expect((await c.programme.findUniqueOrThrow({ where: { id: 'prog-1' } })).status).toBe('closed');
    const pairs = await c.pairing.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, status: true, endedAt: true, endReason: true },
    });
    expect(pairs).toEqual([
      { id: 'pa', status: 'ended', endedAt: CLOSED_AT, endReason: 'programme_closed' },
      { id: 'pb', status: 'ended', endedAt: CLOSED_AT, endReason: 'programme_closed' },
      { id: 'pc', status: 'ended', endedAt: T0, endReason: 'departed' },
    ]);
    const checkIns = await c.checkIn.findMany({ orderBy: { id: 'asc' } });
    const nudges = checkIns.map((x) => `${x.id} ${x.status} ${x.nextNudgeAt?.toISOString() ?? '-'}`);
    // Due before the close and never logged: missed; not due yet: cancelled. The pair that had ended already is not
    // the close's to change.
    expect(nudges).toEqual(['c1 met -', 'c2 missed -', 'c3 missed -', `c4 due ${T0.toISOString()}`, 'c5 cancelled -']);
    expect((await c.feedbackRequest.findUniqueOrThrow({ where: { key: 'k-e1' } })).remindAt).toBeNull();
    const runs = await c.matchRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((r) => `${r.id} ${r.status}`)).toEqual(['run-approved approved', 'run-draft superseded']);
    const outbox = await c.outboxMessage.findMany({ orderBy: { idempotencyKey: 'asc' } });
    expect(outbox.map((m) => [m.idempotencyKey, m.kind, m.status])).toEqual([
      ['closed:pa', 'closingProgramme.closed', 'pending'],
      ['closed:pb', 'closingProgramme.closed', 'pending'],
    ]);
  });

  test("the sweep closes what pairings that ended earlier left open, as of each pairing's end, once", async () => {
    expect(await closeCheckInsOfEndedPairs(db.client, 100)).toBe(1);
    expect((await db.client.checkIn.findUniqueOrThrow({ where: { id: 'c4' } })).status).toBe('missed');
    expect(await closeCheckInsOfEndedPairs(db.client, 100)).toBe(0);
  });

  test('a second close, or a close of an unknown closingProgramme, is null and changes nothing', async () => {
    let calls = 0;
    const messagesFor = () => (calls++, []);
    expect(await closeProgramme(db.client, 'prog-1', new Date('2026-07-01T00:00:00Z'), messagesFor)).toBeNull();
    expect(await closeProgramme(db.client, 'nope', CLOSED_AT, messagesFor)).toBeNull();
    expect(calls).toBe(0);
    expect((await db.client.pairing.findUniqueOrThrow({ where: { id: 'pa' } })).endedAt).toEqual(CLOSED_AT);
    expect(await db.client.outboxMessage.count()).toBe(2);
    expect(await closingPreview(db.client, 'prog-1')).toBeNull();
  });

  test('a closing whose message builder throws changes nothing', async () => {
    await createProgramme(db.client, aProgramme({ id: 'prog-2' }));
    await db.client.participant.create({
      data: { id: 'x1', programmeId: 'prog-2', slackUserId: 'U0X1', role: 'mentor', seniorityLevel: 1 },
    });
    await db.client.participant.create({
      data: { id: 'x2', programmeId: 'prog-2', slackUserId: 'U0X2', role: 'mentee', seniorityLevel: 5 },
    });
    await db.client.pairing.create({
      data: { id: 'p2', programmeId: 'prog-2', mentorId: 'x1', menteeId: 'x2', status: 'active' },
    });
    const failing = () => {
      throw new Error('builder failed');
    };
    await expect(closeProgramme(db.client, 'prog-2', CLOSED_AT, failing)).rejects.toThrow('builder failed');
    expect((await db.client.programme.findUniqueOrThrow({ where: { id: 'prog-2' } })).status).toBe('open');
    expect(await db.client.pairing.findUniqueOrThrow({ where: { id: 'p2' } })).toMatchObject({ status: 'active', endedAt: null });
  });
});
