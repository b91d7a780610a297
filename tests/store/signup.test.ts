import type { Database } from '../../src/store/database.js';
import { parsePayload } from '../../src/store/outbox.js';
import { createProgramme } from '../../src/store/programmes.js';
import { currentPairingsOf, findProfile, participationsOf, saveSignup, type SignupRecord } from '../../src/store/signup.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const record = (extra: Partial<SignupRecord> = {}): SignupRecord => ({
  programmeId: 'prog-1',
  slackUserId: 'U0ALICE',
  displayName: 'Alice',
  title: 'Analyst',
  role: 'mentor',
  seniorityLevel: 2,
  careerStage: 'early',
  generation: 'gen-z',
  department: 'Marketing',
  managerSlackId: 'U0BOSS',
  teaches: ['social-media', 'ai-new-tech'],
  learns: ['digital-tools'],
  goals: 'Share what I know',
  meetingPreference: 'video',
  capacity: 2,
  avoidSlackIds: ['U0ZED', 'U0BOSS'],
  timezone: 'Europe/London',
  ...extra,
});
const AT = new Date('2026-03-05T10:00:00Z');
const confirmation = (created: boolean) => ({
  kind: 'signup.confirmation',
  to: { users: ['U0ALICE'] },
  text: created ? 'Welcome' : 'Updated',
});

describe.each(testDatabaseKinds())('signups store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client }) => {
    await createProgramme(client, aProgramme());
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('a signup is read back with its profile, topics and avoid list, and one confirmation DM', async () => {
    const saved = await saveSignup(db.client, record(), confirmation, 'V001', AT);
    expect(saved.created).toBe(true);
    const profile = await findProfile(db.client, 'prog-1', 'U0ALICE');
    const { teaches, learns, avoidSlackIds, ...fields } = record();
    // Dated by the app's clock, not the database's default (the demo's clock is simulated).
    expect(profile).toMatchObject({ ...fields, id: saved.participantId, status: 'active', erasedAt: null, createdAt: AT });
    expect(profile?.topics.map((t) => [t.topicKey, t.kind])).toEqual([
      ['ai-new-tech', 'teach'],
      ['digital-tools', 'learn'],
      ['social-media', 'teach'],
    ]);
    expect(teaches.length + learns.length).toBe(3);
    expect(profile?.avoid.map((a) => a.avoidSlackUserId)).toEqual([...avoidSlackIds].sort());
    const [dm, ...rest] = await db.client.outboxMessage.findMany();
    expect(rest).toEqual([]);
    expect(dm?.idempotencyKey).toBe('signup:prog-1:U0ALICE:V001');
    expect(parsePayload(dm!)).toMatchObject({ to: { users: ['U0ALICE'] }, text: 'Welcome' });
  });

  test('the same modal submitted twice writes one profile and one DM', async () => {
    const again = await saveSignup(db.client, record({ goals: 'changed' }), confirmation, 'V001', AT);
    expect(again.created).toBe(false);
    expect(await db.client.participant.count()).toBe(1);
    expect(await db.client.outboxMessage.count()).toBe(1);
  });

  test('an edit keeps the participant id and replaces its topics and avoid list; its DM says updated', async () => {
    const first = await findProfile(db.client, 'prog-1', 'U0ALICE');
    const edit = await saveSignup(
      db.client,
      record({ role: 'mentee', teaches: [], learns: ['online-safety'], avoidSlackIds: [], managerSlackId: null, capacity: 1 }),
      confirmation,
      'V002',
      AT,
    );
    expect(edit).toEqual({ participantId: first!.id, created: false, rejoined: false });
    const profile = await findProfile(db.client, 'prog-1', 'U0ALICE');
    expect(profile).toMatchObject({ role: 'mentee', managerSlackId: null, capacity: 1, createdAt: first!.createdAt });
    expect(profile?.topics.map((t) => [t.topicKey, t.kind])).toEqual([['online-safety', 'learn']]);
    expect(profile?.avoid).toEqual([]);
    const dm = await db.client.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'signup:prog-1:U0ALICE:V002' } });
    expect(parsePayload(dm).text).toBe('Updated');
  });

  test('two first submissions racing end as one profile, each with its own DM', async () => {
    const bob = (viewId: string) =>
      saveSignup(db.client, record({ slackUserId: 'U0BOB', avoidSlackIds: [] }), confirmation, viewId, AT);
    const results = await Promise.all([bob('V101'), bob('V102')]);
    expect(results[0].participantId).toBe(results[1].participantId);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await db.client.participant.count({ where: { slackUserId: 'U0BOB' } })).toBe(1);
    expect(await db.client.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'signup:prog-1:U0BOB:' } } })).toBe(2);
  });

  test('findProfile is null for someone who did not sign up, or for another programme', async () => {
    expect(await findProfile(db.client, 'prog-1', 'U0NOBODY')).toBeNull();
    expect(await findProfile(db.client, 'prog-2', 'U0ALICE')).toBeNull();
  });

  test('someone who left and signs up again is active again, their broken pairings end, and the DM welcomes them', async () => {
    const c = db.client;
    const alice = (await findProfile(c, 'prog-1', 'U0ALICE'))!;
    const bob = (await findProfile(c, 'prog-1', 'U0BOB'))!;
    await c.participant.update({ where: { id: alice.id }, data: { status: 'withdrawn', leftAt: AT } });
    await c.pairing.create({
      data: { id: 'pair-ba', programmeId: 'prog-1', mentorId: bob.id, menteeId: alice.id, status: 'paused' },
    });
    await c.checkIn.create({
      data: { id: 'ci-due', pairingId: 'pair-ba', sequence: 1, dueAt: new Date('2026-03-04T00:00:00Z') },
    });
    await c.checkIn.create({
      data: { id: 'ci-later', pairingId: 'pair-ba', sequence: 2, dueAt: new Date('2026-03-20T00:00:00Z') },
    });
    expect(await participationsOf(c, 'U0ALICE')).toEqual([{ id: alice.id, programmeId: 'prog-1', status: 'withdrawn' }]);
    expect((await currentPairingsOf(c, alice.id)).map((p) => [p.id, p.mentor.slackUserId, p.mentee.status])).toEqual([
      ['pair-ba', 'U0BOB', 'withdrawn'],
    ]);

    const back = await saveSignup(
      c,
      record({ role: 'mentee', capacity: 1 }),
      confirmation,
      'V003',
      new Date('2026-03-06T10:00:00Z'),
    );
    expect(back).toEqual({ participantId: alice.id, created: false, rejoined: true });
    expect(await findProfile(c, 'prog-1', 'U0ALICE')).toMatchObject({
      status: 'active',
      leftAt: null,
      createdAt: alice.createdAt,
    });
    expect(await c.pairing.findUniqueOrThrow({ where: { id: 'pair-ba' } })).toMatchObject({
      status: 'ended',
      endReason: 'partner_left',
    });
    expect(await currentPairingsOf(c, alice.id)).toEqual([]);
    const checkIns = await c.checkIn.findMany({ where: { pairingId: 'pair-ba' }, orderBy: { sequence: 'asc' } });
    expect(checkIns.map((x) => x.status)).toEqual(['missed', 'cancelled']);
    const dm = await c.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'signup:prog-1:U0ALICE:V003' } });
    expect(parsePayload(dm).text).toBe('Welcome');
  });
});
