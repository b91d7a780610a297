import type { Database } from '../../src/store/database.js';
import { approveMatching, currentOrNewDraft } from '../../src/flows/matching/index.js';
import type { ApprovalMessages } from '../../src/messages/matching/messages.js';
import type { OutgoingMessage } from '../../src/messages/outgoing.js';
import { createProgramme } from '../../src/store/programmes.js';
import {
  createDraft,
  findRun,
  loadCohortRecords,
  loadRunForPreview,
  lockRun,
  markApproved,
  parseUnmatched,
  setPinned,
} from '../../src/store/matching.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');

const messages = (m: ApprovalMessages): OutgoingMessage[] => [
  ...m.pairs.map((p) => ({
    idempotencyKey: `match-intro:${p.pairingId}`,
    kind: 'pairing.intro',
    to: { users: [p.mentor.slackUserId, p.mentee.slackUserId] },
    text: 'intro',
  })),
  ...m.waitlisted.map((w) => ({
    idempotencyKey: `match-waitlist:${m.programme.id}:${w.participantId}`,
    kind: 'pairing.waitlist',
    to: { users: [w.slackUserId] },
    text: 'waitlist',
  })),
];

describe.each(testDatabaseKinds())('matching store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    await createProgramme(c, aProgramme());
    const people = [
      { id: 'm1', role: 'mentor', seniorityLevel: 2, department: 'Marketing' },
      { id: 'm2', role: 'mentor', seniorityLevel: 2, department: 'Sales' },
      { id: 'e1', role: 'mentee', seniorityLevel: 7, department: 'Finance' },
      { id: 'e2', role: 'mentee', seniorityLevel: 7, department: 'Operations' },
      { id: 'e3', role: 'mentee', seniorityLevel: 7, department: 'Legal' },
    ];
    for (const p of people) {
      await c.participant.create({
        data: {
          ...p,
          programmeId: 'prog-1',
          slackUserId: `U${p.id.toUpperCase()}`,
          displayName: p.id,
          timezone: 'Europe/London',
        },
      });
      await c.participantTopic.create({
        data: { participantId: p.id, topicKey: 'social-media', kind: p.role === 'mentor' ? 'teach' : 'learn' },
      });
    }
  });
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = scratch.db;
    // A second connection pool, as another replica would have.
    other = await scratch.openAnother({ migrate: false });
  });

  test('a failure in the middle of an approval stores nothing; a retry then approves it once', async () => {
    const draft = await currentOrNewDraft(db.client, 'prog-1', 'UCOORD', T0);
    if (!draft.ok) throw new Error('no draft');
    const crash = (m: ApprovalMessages) => {
      messages(m);
      throw new Error('crash while writing the messages');
    };
    await expect(approveMatching(db.client, draft.value.runId, 'UCOORD', T0, crash)).rejects.toThrow('crash');
    expect((await db.client.matchRun.findUniqueOrThrow({ where: { id: draft.value.runId } })).status).toBe('draft');
    expect(await db.client.pairing.count({ where: { status: 'active' } })).toBe(0);
    expect(await db.client.checkIn.count()).toBe(0);
    expect(await db.client.outboxMessage.count({ where: { kind: { startsWith: 'pairing.' } } })).toBe(0);

    // Two approvals of the same draft at the same moment (PostgreSQL: from two replicas' pools; SQLite has a
    // single writer process, whose synchronous driver would block its own event loop on a second pool): one wins.
    const second = kind === 'postgres' ? other.client : db.client;
    const results = await Promise.all([
      approveMatching(db.client, draft.value.runId, 'UCOORD', T0, messages),
      approveMatching(second, draft.value.runId, 'UOTHER', T0, messages),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'already_approved')).toHaveLength(1);
    expect(await db.client.pairing.count({ where: { status: 'active' } })).toBe(2);
    expect(await db.client.checkIn.count()).toBe(2);
    expect(await db.client.outboxMessage.count({ where: { kind: 'pairing.intro' } })).toBe(2);
    expect(await db.client.outboxMessage.count({ where: { kind: 'pairing.waitlist' } })).toBe(1);
  });

  test('approved on a Saturday, the first check-in is due on the Friday after, the tested weekday rule (not a week later, a Saturday)', async () => {
    const c = db.client;
    // running since Monday 2 March: the pair's first week begins with the approval
    await createProgramme(
      c,
      aProgramme({ id: 'prog-sat', name: 'Saturday', timezone: 'Europe/London', startDate: new Date('2026-03-02T00:00:00Z') }),
    );
    for (const p of [
      { id: 's-m', role: 'mentor', seniorityLevel: 2 },
      { id: 's-e', role: 'mentee', seniorityLevel: 7 },
    ]) {
      await c.participant.create({
        data: {
          ...p,
          programmeId: 'prog-sat',
          slackUserId: `U${p.id.toUpperCase()}`,
          displayName: p.id,
          department: 'Sales',
          timezone: 'UTC',
        },
      });
    }
    const saturday = new Date('2026-03-14T10:00:00Z');
    const draft = await currentOrNewDraft(c, 'prog-sat', 'UCOORD', saturday);
    if (!draft.ok) throw new Error('no draft');
    const approved = await approveMatching(c, draft.value.runId, 'UCOORD', saturday, messages);
    expect(approved).toMatchObject({ ok: true, value: { pairs: 1 } });
    const checkIns = await c.checkIn.findMany({ where: { pairing: { programmeId: 'prog-sat' } } });
    expect(checkIns.map((x) => [x.sequence, x.dueAt.toISOString()])).toEqual([[1, '2026-03-20T00:00:00.000Z']]);
  });

  test('round trip: a draft run and its pairings are read back as written; approval is a compare-and-set', async () => {
    const c = db.client;
    await createProgramme(
      c,
      aProgramme({
        id: 'prog-2',
        name: 'Autumn',
        startDate: new Date('2026-09-30'),
        endDate: new Date('2027-03-30'),
        cadenceDays: 21,
        signupDeadline: new Date('2026-09-16'),
        announcementChannel: 'C1',
      }),
    );
    for (const p of [
      { id: 'a-m', role: 'mentor' },
      { id: 'a-e', role: 'mentee' },
      { id: 'a-w', role: 'mentee' },
    ]) {
      await c.participant.create({
        data: {
          ...p,
          programmeId: 'prog-2',
          slackUserId: `U${p.id.toUpperCase()}`,
          displayName: p.id,
          seniorityLevel: 3,
          department: 'Sales',
          timezone: 'UTC',
        },
      });
    }
    const records = await loadCohortRecords(c, 'prog-2');
    expect(records?.participants.map((p) => p.id).sort()).toEqual(['a-e', 'a-m', 'a-w']);
    expect(records?.programme).toMatchObject({ id: 'prog-2', cadenceDays: 21, announcementChannel: 'C1' });
    expect(await loadCohortRecords(c, 'nope')).toBeNull();

    const waitlist = [{ participantId: 'a-w', role: 'mentee' as const, reason: 'capacity' as const, detail: 'no mentor left' }];
    const runId = await c.$transaction((tx) =>
      createDraft(tx, {
        programmeId: 'prog-2',
        inputHash: 'h',
        totalScore: 71.5,
        unmatched: waitlist,
        createdBy: 'UCOORD',
        cadenceDays: 21,
        pairs: [
          {
            mentorId: 'a-m',
            menteeId: 'a-e',
            score: 71.5,
            reasons: ['a reason'],
            pinned: false,
            parts: {
              mentorCoversMentee: 0,
              menteeCoversMentor: 0,
              differentDepartment: 0,
              workingHours: 0,
              meetingPreference: 0,
            },
          },
        ],
      }),
    );
    const read = await loadRunForPreview(c, runId);
    expect(read?.run).toEqual({ id: runId, status: 'draft', totalScore: 71.5, programme: { id: 'prog-2', name: 'Autumn' } });
    expect(read?.pairs).toMatchObject([
      { mentor: { id: 'a-m' }, mentee: { id: 'a-e' }, score: 71.5, reasons: ['a reason'], pinned: false },
    ]);
    expect(read?.unmatched).toEqual(waitlist);
    expect(read?.people.map((p) => p.slackUserId)).toEqual(['UA-W']);
    await c.$transaction((tx) => setPinned(tx, read!.pairs[0]!.id, true));
    expect((await loadRunForPreview(c, runId))?.pairs[0]?.pinned).toBe(true);

    expect(parseUnmatched('not json')).toEqual([]);
    expect(await c.$transaction(async (tx) => (await lockRun(tx, runId, T0))?.status)).toBe('draft');
    expect(await c.$transaction((tx) => markApproved(tx, runId, 'UCOORD', T0))).toBe(true);
    expect(await c.$transaction((tx) => markApproved(tx, runId, 'UOTHER', T0))).toBe(false);
    expect(await findRun(c, runId)).toMatchObject({ status: 'approved', approvedBySlackId: 'UCOORD' });
  });
});
