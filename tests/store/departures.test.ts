import type { Database } from '../../src/store/database.js';
import { markDeparted, type DepartureNotice } from '../../src/store/departures.js';
import { createProgramme } from '../../src/store/programmes.js';
import { testDatabaseKinds } from '../support/databases.js';
import { aProgramme, useScratchDatabase } from '../support/storeDatabase.js';

const T0 = new Date('2026-03-02T09:00:00Z');

describe.each(testDatabaseKinds())('departures store on %s', (kind) => {
  const scratch = useScratchDatabase(kind, async ({ client: c }) => {
    for (const [id, name] of Object.entries({ spring: 'Spring', autumn: 'Autumn', old: 'Old' })) {
      await createProgramme(c, aProgramme({ id, name }));
    }
    const people = [
      { id: 'gone-s', programmeId: 'spring', slackUserId: 'UGONE', role: 'mentor', status: 'active' },
      { id: 'gone-a', programmeId: 'autumn', slackUserId: 'UGONE', role: 'mentee', status: 'paused' },
      { id: 'gone-o', programmeId: 'old', slackUserId: 'UGONE', role: 'mentor', status: 'withdrawn' },
      { id: 'mate-s', programmeId: 'spring', slackUserId: 'UMATE', role: 'mentee', status: 'active' },
      { id: 'mate-a', programmeId: 'autumn', slackUserId: 'UMATE', role: 'mentor', status: 'active' },
    ];
    for (const p of people)
      await c.participant.create({
        data: { ...p, seniorityLevel: 4, pausedUntil: p.status === 'paused' ? new Date('2026-04-01T00:00:00Z') : null },
      });
    await c.pairing.create({
      data: { id: 'pair-s', programmeId: 'spring', mentorId: 'gone-s', menteeId: 'mate-s', status: 'active' },
    });
    await c.pairing.create({
      data: { id: 'pair-a', programmeId: 'autumn', mentorId: 'mate-a', menteeId: 'gone-a', status: 'paused' },
    });
  });
  let db: Database;
  beforeAll(() => (db = scratch.db));

  test('every active or paused participation of the user ends as departed, once, with one notice each', async () => {
    const notices: DepartureNotice[] = [];
    const notify = (n: DepartureNotice) => {
      notices.push(n);
      return [
        {
          idempotencyKey: `departed:${n.participantId}`,
          kind: 'participant.departed',
          to: { users: ['UCOORD'] },
          text: n.programmeName,
        },
      ];
    };
    expect(await db.client.$transaction((tx) => markDeparted(tx, 'UGONE', T0, notify))).toBe(2);
    expect(notices.sort((a, b) => a.participantId.localeCompare(b.participantId))).toEqual([
      // A pairing the pair had paused breaks too: its partner is left without a pair.
      {
        programmeId: 'autumn',
        programmeName: 'Autumn',
        programmeTimezone: 'UTC',
        participantId: 'gone-a',
        role: 'mentee',
        partners: [{ pairingId: 'pair-a', participantId: 'mate-a', slackUserId: 'UMATE', displayName: '', timezone: 'UTC' }],
      },
      {
        programmeId: 'spring',
        programmeName: 'Spring',
        programmeTimezone: 'UTC',
        participantId: 'gone-s',
        role: 'mentor',
        partners: [{ pairingId: 'pair-s', participantId: 'mate-s', slackUserId: 'UMATE', displayName: '', timezone: 'UTC' }],
      },
    ]);

    const rows = await db.client.participant.findMany({ where: { slackUserId: 'UGONE' }, orderBy: { id: 'asc' } });
    expect(rows.map((p) => [p.id, p.status, p.leftAt?.toISOString() ?? null, p.pausedUntil])).toEqual([
      ['gone-a', 'departed', '2026-03-02T09:00:00.000Z', null],
      ['gone-o', 'withdrawn', null, null],
      ['gone-s', 'departed', '2026-03-02T09:00:00.000Z', null],
    ]);
    expect((await db.client.participant.findMany({ where: { slackUserId: 'UMATE' } })).map((p) => p.status)).toEqual([
      'active',
      'active',
    ]);
    const pairs = await db.client.pairing.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } });
    expect(pairs).toEqual([
      { id: 'pair-a', status: 'paused' },
      { id: 'pair-s', status: 'paused' },
    ]);
    const outbox = await db.client.outboxMessage.findMany({ orderBy: { idempotencyKey: 'asc' } });
    expect(outbox.map((m) => [m.idempotencyKey, m.kind])).toEqual([
      ['departed:gone-a', 'participant.departed'],
      ['departed:gone-s', 'participant.departed'],
    ]);

    // Slack sends user_change again: nothing is left to end.
    expect(await db.client.$transaction((tx) => markDeparted(tx, 'UGONE', new Date('2026-03-03T09:00:00Z'), notify))).toBe(0);
    expect(notices).toHaveLength(2);
    expect(await db.client.outboxMessage.count()).toBe(2);
  });

  test('an unknown Slack user ends nothing', async () => {
    expect(await db.client.$transaction((tx) => markDeparted(tx, 'UNOBODY', T0, () => []))).toBe(0);
  });
});
