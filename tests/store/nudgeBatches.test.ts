// The scheduler pass writes its nudges set-based (src/flows/checkIns/nudges.ts, recordNudges): these check that the
// batches keep the keys and times a row-by-row pass wrote, and stay idempotent across passes and replicas.
import { runCheckIns } from '../../src/flows/checkIns/index.js';
import { isoDateOf } from '../../src/core/localDate.js';
import { nudgeDelivery, receiversOf } from '../../src/domain/schedule/index.js';
import { findAtRiskCandidates, findDueNudgeIds, findDueNudges, recordNudges } from '../../src/store/checkIns.js';
import type { Db } from '../../src/store/database.js';
import { enqueueMessagesInBulk, findDueMessages, parsePayload } from '../../src/store/outbox.js';
import { seedPair, seedProgramme, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { finished, spawnEntry } from '../support/processes.js';
import { useScratchDatabase } from '../support/storeDatabase.js';

const ZONES = ['Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'Pacific/Auckland', 'America/New_York'];
const member = (n: number, zone: string): Member => ({ slackUserId: `U0B${String(n).padStart(6, '0')}`, timezone: zone });

/** `count` pairs of programme `prog`, check-in 1 due on `due`, in mixed zones (some share no working hour). */
async function seedPairs(db: Db, prog: string, count: number, due: string): Promise<string[]> {
  await seedProgramme(db, prog);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prog}-${i}`;
    const base = prog.length * 1000 + 2 * i;
    await seedPair(db, prog, id, member(base, ZONES[i % ZONES.length]!), member(base + 1, ZONES[(i + 1) % 3]!), due);
    ids.push(`${id}-ci1`);
  }
  return ids;
}

// What people may type (or a cut may leave): NUL, half a surrogate pair, an emoji, quotes, backslashes, a literal \u.
const HOSTILE = 'a\u0000b \ud800 \udc00x 😀 "q" \\ \\u0041 \\ud800 é\n\t<&>';

const nudgeRows = (db: Db, checkIns: string[]) =>
  db.outboxMessage.findMany({
    where: { OR: checkIns.map((id) => ({ idempotencyKey: { startsWith: `nudge:${id}:` } })) },
    orderBy: { idempotencyKey: 'asc' },
  });

describe.each(testDatabaseKinds())('set-based nudges on %s', (kind) => {
  const store = useScratchDatabase(kind);

  test('the keys and times a row-by-row pass wrote; a second pass writes nothing new', async () => {
    const db = store.db.client;
    const checkIns = await seedPairs(db, 'solo', 30, '2026-03-04');
    const now = new Date('2026-03-04T19:00:00Z'); // 10:00 has come for every mentee (Los Angeles last)
    await runCheckIns({ db }, new Date('2026-03-01T00:00:00Z')); // plans the nudges (10:00 on the mentee's clock)
    // What each nudge is owed, worked out one row at a time from the domain, as the pass did before it was batched.
    const expected = new Map<string, Date>();
    for (const c of await findDueNudges(db, now, 1000)) {
      const members = [c.pairing.mentee.slackUserId, c.pairing.mentor.slackUserId];
      const d = nudgeDelivery(c.nextNudgeAt!, now, receiversOf(c.pairing));
      if (d.together) expected.set(`nudge:${c.id}:1`, d.at);
      else [d.mentee, d.mentor].forEach((at, i) => expected.set(`nudge:${c.id}:1:${members[i]}`, at));
    }
    expect(new Set([...expected.keys()].map((k) => k.split(':')[1])).size).toBe(30);

    const first = await runCheckIns({ db }, now);
    expect(first.nudges).toBe(30);
    const rows = await nudgeRows(db, checkIns);
    expect(new Map(rows.map((r) => [r.idempotencyKey, r.nextAttemptAt]))).toEqual(expected);
    expect(rows.some((r) => r.nextAttemptAt > now)).toBe(true); // some wait for their receivers' working hours
    expect(first.held).toBe(new Set(rows.filter((r) => r.nextAttemptAt > now).map((r) => r.idempotencyKey.split(':')[1])).size);
    // The sender finds each at its time and not before.
    const dueNow = new Set((await findDueMessages(db, now, 1000)).map((r) => r.idempotencyKey));
    for (const r of rows)
      expect([r.idempotencyKey, dueNow.has(r.idempotencyKey)]).toEqual([r.idempotencyKey, r.nextAttemptAt <= now]);
    const counters = await db.checkIn.findMany({ where: { id: { in: checkIns } } });
    expect(counters.every((c) => c.remindersSent === 1 && c.nextNudgeAt !== null && c.nextNudgeAt > now)).toBe(true);

    const again = await runCheckIns({ db }, now);
    expect(again.nudges).toBe(0);
    expect(await nudgeRows(db, checkIns)).toEqual(rows);
  }, 60_000);

  test('two passes at once, on two connections as two replicas: each nudge is claimed and written once', async () => {
    const a = store.db.client;
    const checkIns = await seedPairs(a, 'pair', 40, '2026-03-18');
    await runCheckIns({ db: a }, new Date('2026-03-16T00:00:00Z'));
    // The first test's pairs are in the database too (some miss check-in 1 by then and get check-in 2's nudge):
    // every claim of either pass counts, once per `nudge:<checkIn>:<n>`.
    const before = new Set((await a.outboxMessage.findMany()).map((r) => r.idempotencyKey));
    // Replicas in a zone far from UTC: instants are read and written as UTC whatever the process's clock zone.
    const pass = () =>
      finished(
        spawnEntry('tests/store/nudgePassWorker.ts', [], {
          DATABASE_URL: store.url,
          NOW: '2026-03-18T19:00:00Z',
          TZ: 'Pacific/Auckland',
        }),
      );
    const results = await Promise.all([pass(), pass()]);
    for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
    const nudges = results.map((r) => (JSON.parse(/done (\{.*\})/.exec(r.stdout)?.[1] ?? '{}') as { nudges: number }).nudges);
    const claims = (await a.outboxMessage.findMany())
      .map((r) => r.idempotencyKey)
      .filter((k) => !before.has(k) && k.startsWith('nudge:'))
      .map((k) => k.split(':').slice(0, 3).join(':'));
    expect(nudges[0]! + nudges[1]!).toBe(new Set(claims).size);
    expect(new Set(claims).size).toBeGreaterThanOrEqual(40);
    expect((await runCheckIns({ db: a }, new Date('2026-03-18T19:00:00Z'))).nudges).toBe(0);
    const rows = await nudgeRows(a, checkIns);
    expect(new Set(rows.map((r) => r.idempotencyKey.split(':')[1])).size).toBe(40);
    const counters = await a.checkIn.findMany({ where: { id: { in: checkIns } } });
    expect(counters.map((c) => c.remindersSent)).toEqual(checkIns.map(() => 1));
    expect(counters.every((c) => isoDateOf(c.dueAt) === '2026-03-18')).toBe(true);
  }, 60_000);

  test('the pass reads with SQL joins exactly what Prisma includes read (due nudges, at-risk candidates)', async () => {
    const db = store.db.client;
    const checkIns = await seedPairs(db, 'reads', 12, '2026-04-01');
    const at = (iso: string) => new Date(iso);
    // Rows of every kind the reads tell apart: planned, scheduled, met, a paused member, a paused pair, a flag.
    await db.checkIn.updateMany({ where: { id: { in: checkIns } }, data: { nextNudgeAt: at('2026-04-01T09:00:00Z') } });
    await db.checkIn.update({
      where: { id: checkIns[1]! },
      data: {
        status: 'scheduled',
        scheduledFor: at('2026-04-02T15:00:00Z'),
        invitationSequence: 2,
        nextNudgeAt: at('2026-03-31T08:00:00Z'),
      },
    });
    await db.checkIn.update({
      where: { id: checkIns[2]! },
      data: { status: 'met', metAt: at('2026-03-30T11:00:00Z'), nextNudgeAt: null },
    });
    await db.checkIn.update({
      where: { id: checkIns[3]! },
      data: { remindersSent: 2, nextNudgeAt: at('2026-04-01T08:59:59.999Z') },
    });
    await db.participant.update({ where: { id: 'reads-4-mentee' }, data: { status: 'paused' } });
    await db.pairing.update({ where: { id: 'reads-5' }, data: { status: 'paused' } });
    await db.pairing.update({
      where: { id: 'reads-6' },
      data: { atRiskFlaggedAt: at('2026-03-29T10:00:00Z'), groupChannelId: 'G0READS' },
    });
    await db.checkIn.update({ where: { id: checkIns[7]! }, data: { nextNudgeAt: at('2026-04-01T09:00:00.001Z') } });
    const now = at('2026-04-01T09:00:00Z');
    const person = { select: { id: true, slackUserId: true, timezone: true, status: true } } as const;
    const pairInclude = {
      mentor: person,
      mentee: person,
      programme: { select: { id: true, name: true, startDate: true, endDate: true, timezone: true, status: true } },
    } as const;
    const reference = await db.checkIn.findMany({
      where: {
        status: { in: ['due', 'scheduled'] },
        nextNudgeAt: { lte: now },
        pairing: { status: 'active', mentor: { status: 'active' }, mentee: { status: 'active' } },
      },
      include: { pairing: { include: pairInclude } },
      orderBy: [{ nextNudgeAt: 'asc' }, { id: 'asc' }],
    });
    const due = await findDueNudges(db, now, 1000);
    expect(due.map((c) => c.id)).toEqual(reference.map((c) => c.id));
    expect(due.filter((c) => c.id.startsWith('reads-')).map((c) => c.id)).toEqual(
      [1, 3, 0, 10, 11, 6, 8, 9].map((i) => checkIns[i]),
    );
    // Every field read is the stored one (the reference has more: the raw read leaves out what the pass never uses).
    expect(reference).toMatchObject(due);
    expect(await findDueNudgeIds(db, now, 1000)).toEqual(reference.map((c) => c.id));
    expect((await findDueNudges(db, now, 3)).map((c) => c.id)).toEqual(reference.slice(0, 3).map((c) => c.id));
    const some = [checkIns[0]!, checkIns[2]!, checkIns[4]!, checkIns[3]!];
    expect((await findDueNudges(db, now, 1000, some)).map((c) => c.id)).toEqual([checkIns[3], checkIns[0]]);

    const candidates = await db.pairing.findMany({
      where: { status: 'active', atRiskFlaggedAt: null, id: { gt: 'reads-1' } },
      include: {
        mentee: person,
        checkIns: { where: { status: 'met' }, orderBy: { metAt: 'desc' }, take: 1, select: { metAt: true } },
      },
      orderBy: { id: 'asc' },
      take: 5,
    });
    expect(await findAtRiskCandidates(db, 5, 'reads-1')).toEqual(
      candidates.map((p) => ({
        id: p.id,
        cadenceDays: p.cadenceDays,
        introducedAt: p.introducedAt,
        lastMetAt: p.checkIns[0]?.metAt ?? null,
        mentee: { timezone: p.mentee.timezone },
      })),
    );
    expect(candidates.map((p) => p.id)).toContain('reads-2');
  });

  test('a bulk enqueue skips keys that exist (in the table or twice in the batch) and keeps each time', async () => {
    const db = store.db.client;
    const msg = (key: string, notBefore?: Date) => ({
      idempotencyKey: key,
      kind: 'test',
      to: { channel: 'C0BULK' },
      text: key,
      ...(notBefore ? { notBefore } : {}),
    });
    const later = new Date('2026-05-01T08:30:00.250Z');
    expect(await db.$transaction((tx) => enqueueMessagesInBulk(tx, kind, [msg('bulk:1'), msg('bulk:2', later)]))).toEqual([
      'bulk:1',
      'bulk:2',
    ]);
    const written = await db.$transaction((tx) =>
      enqueueMessagesInBulk(tx, kind, [msg('bulk:2'), msg('bulk:3', later), msg('bulk:3'), msg('bulk:1', later)]),
    );
    expect(written).toEqual(['bulk:3']);
    const rows = await db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'bulk:' } },
      orderBy: { idempotencyKey: 'asc' },
    });
    expect(rows.map((r) => [r.idempotencyKey, r.nextAttemptAt.toISOString(), r.channelId, r.status])).toEqual([
      ['bulk:1', '1970-01-01T00:00:00.000Z', 'C0BULK', 'pending'],
      ['bulk:2', later.toISOString(), 'C0BULK', 'pending'],
      ['bulk:3', later.toISOString(), 'C0BULK', 'pending'],
    ]);
    const due = (at: Date) =>
      findDueMessages(db, at, 100).then((r) => r.map((m) => m.idempotencyKey).filter((k) => k.startsWith('bulk:')));
    expect(await due(new Date(later.getTime() - 1))).toEqual(['bulk:1']);
    expect(await due(later)).toEqual(['bulk:1', 'bulk:2', 'bulk:3']);
  });

  test('payload text is stored as written, whatever it holds, by a bulk enqueue and by a nudge batch', async () => {
    const db = store.db.client;
    const msg = (key: string, text: string) => ({ idempotencyKey: key, kind: 'test', to: { channel: 'C0HOST' }, text });
    const texts = [HOSTILE, 'plain', `${HOSTILE} again`];
    await db.$transaction((tx) =>
      enqueueMessagesInBulk(
        tx,
        kind,
        texts.map((t, i) => msg(`hostile:${i}`, t)),
      ),
    );
    const checkIns = await seedPairs(db, 'hostile', 3, '2026-05-06');
    await runCheckIns({ db }, new Date('2026-05-01T00:00:00Z'));
    const due = (await findDueNudges(db, new Date('2026-05-06T19:00:00Z'), 1000)).filter((c) => checkIns.includes(c.id));
    expect(due).toHaveLength(3);
    const steps = due.map((row, i) => ({ row, sent: 1, next: null, messages: [msg(`nudge:${row.id}:1`, texts[i]!)] }));
    expect(await recordNudges(db, steps)).toEqual(new Set(checkIns));
    const keys = [...texts.map((_, i) => `hostile:${i}`), ...due.map((c) => `nudge:${c.id}:1`)];
    const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { in: keys } } });
    const stored = new Map(rows.map((r) => [r.idempotencyKey, r]));
    [...texts, ...texts].forEach((text, i) => {
      const row = stored.get(keys[i]!)!;
      expect(row.payloadJson).toBe(JSON.stringify({ to: { channel: 'C0HOST' }, text }));
      expect(parsePayload(row).text).toBe(text);
    });
  });
});
