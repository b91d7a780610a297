import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackMessage } from '../../src/devtools/emulator/index.js';
import { runScenario, type ScenarioEvent, type ScenarioResult } from '../../src/devtools/demo/scenario.js';
import type { DemoWorld } from '../../src/devtools/demo/world.js';
import { buildReport } from '../../src/flows/report.js';
import { logLevelOf } from '../../src/logger.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { csvRecords } from '../support/csv.js';
import { projectRoot } from '../support/processes.js';

const PEOPLE = 22;
const SEED = 11;

/** Local weekday (0 = Sunday) and minute of the day, read with Intl (not the app's zone code). */
function local(at: Date, zone: string): { weekday: number; minute: number; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(String(parts.weekday));
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/** A message's ts in whole milliseconds (the emulator adds microseconds to keep ts unique). */
const tsMs = (m: SlackMessage) => Math.floor(Number(m.ts) * 1000);
const weekday = (t: { weekday: number }) => t.weekday >= 1 && t.weekday <= 5;
const awake = (t: { minute: number }) => t.minute >= 7 * 60 && t.minute < 22 * 60;
const working = (t: { minute: number }) => t.minute >= 9 * 60 && t.minute < 17 * 60;

interface Delivered {
  channel: string;
  members: string[];
  message: SlackMessage;
  key: string;
}

/** Every message the bot posted, in every conversation, as the emulator holds them. */
function allMessages(world: DemoWorld): Delivered[] {
  const channels = new Set(
    world.emulator.calls
      .filter((c) => c.method === 'chat.postMessage' && c.response.ok === true)
      .map((c) => String(c.response.channel)),
  );
  const membersOf = new Map<string, string[]>();
  for (const call of world.emulator.calls.filter((c) => c.method === 'conversations.open' && c.response.ok === true)) {
    membersOf.set(String((call.response.channel as { id: string }).id), String(call.params.users).split(','));
  }
  return [...channels].flatMap((channel) =>
    world.emulator.messagesIn(channel).map((message) => ({
      channel,
      members: membersOf.get(channel) ?? [],
      message,
      key: String(message.metadata?.event_payload?.idempotency_key ?? ''),
    })),
  );
}

const ofKind = <K extends ScenarioEvent['kind']>(events: ScenarioEvent[], kind: K) =>
  events.filter((e): e is Extract<ScenarioEvent, { kind: K }> => e.kind === kind);

/**
 * The answers as coordinators see them (docs/feedback.md, "Releases"), modelled here on their own: in the order
 * given, released together once 3 answers from 3 people wait, dated by the release; a last short batch waits.
 */
function released<T extends { at: Date; requestKey: string }>(answers: T[]): Array<T & { releasedAt: Date }> {
  const out: Array<T & { releasedAt: Date }> = [];
  let waiting: T[] = [];
  for (const a of [...answers].sort((x, y) => x.at.getTime() - y.at.getTime())) {
    waiting.push(a);
    const people = new Set(waiting.map((w) => w.requestKey.split(':').at(-1)));
    if (waiting.length >= 3 && people.size >= 3) {
      out.push(...waiting.map((w) => ({ ...w, releasedAt: a.at })));
      waiting = [];
    }
  }
  return out;
}

/** `match-intro:<pairingId>` (the group DM) or `match-intro:<pairingId>:dm:<member>` (a member's own DM). */
const pairingOfIntro = (key: string) => key.slice('match-intro:'.length).split(':dm:')[0]!;

describe.each(testDatabaseKinds())('the demo scenario on %s', (kind) => {
  let scratch: ScratchDatabase;
  let result: ScenarioResult & { world: DemoWorld };
  let messages: Delivered[];
  let playedMs = 0;

  beforeAll(async () => {
    scratch = await createScratchDatabase(kind);
    const started = Date.now();
    result = await runScenario({ people: PEOPLE, seed: SEED, databaseUrl: scratch.url });
    playedMs = Date.now() - started;
    messages = allMessages(result.world);
  }, 240_000);

  afterAll(async () => {
    await result?.world.stop();
    await scratch?.drop();
  });

  test('the whole programme played, in under a minute, without a protocol problem or an error log', () => {
    // `time npm run demo` (40 people) is the timing that matters; this guards against a gross slowdown even on a busy machine.
    expect(playedMs).toBeLessThan(120_000);
    expect(result.world.emulator.problems).toEqual([]);
    expect(result.world.logLines.filter((l) => logLevelOf(l) === 'error')).toEqual([]);
    const kinds = new Set(result.events.map((e) => e.kind));
    for (const k of [
      'opened',
      'joined',
      'swapped',
      'approved',
      'met',
      'skipped',
      'cadence',
      'objectives',
      'feedback',
      'survey',
      'departed',
      'report',
    ] as const)
      expect(kinds).toContain(k);
    expect(ofKind(result.events, 'missing')).toEqual([]);
    expect(ofKind(result.events, 'joined')).toHaveLength(result.cast.members.length);
  });

  test('every pair is introduced exactly once, in its own group DM (apart: in each own DM), before its first nudge', async () => {
    const intros = messages.filter((m) => m.key.startsWith('match-intro:'));
    const keys = intros.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    // A pair with no working hour in common: one introduction in each member's own DM (`:dm:<member>`).
    const byPairing = new Map<string, typeof intros>();
    for (const m of intros) byPairing.set(pairingOfIntro(m.key), [...(byPairing.get(pairingOfIntro(m.key)) ?? []), m]);
    for (const [id, own] of byPairing) {
      const shape = own.map((m) => [m.key, m.members.length]);
      if (own.length === 1) expect(shape).toEqual([[`match-intro:${id}`, 2]]);
      else expect(shape.sort()).toEqual(own.map((m) => [`match-intro:${id}:dm:${m.members[0]}`, 1]).sort());
    }
    expect([...byPairing.values()].some((own) => own.length === 2)).toBe(true); // the scenario has such a pair
    const pairs = [...byPairing.values()].map((own) => [...new Set(own.flatMap((m) => m.members))].sort().join('+'));
    expect(new Set(pairs).size).toBe(pairs.length);
    // The pairings the app introduced are exactly the intros delivered.
    const introduced = await result.world.bot.db.client.pairing.findMany({
      where: { programmeId: result.programmeId, introducedAt: { not: null } },
    });
    expect(introduced.map((p) => p.id).sort()).toEqual([...byPairing.keys()].sort());
    // Every nudge went to a group DM that had its introduction earlier (or, for a pair with no working hour in
    // common, to a member's own DM after their introduction).
    const introTs = new Map(intros.map((m) => [m.channel, Number(m.message.ts)]));
    const firstIntroOf = (u: string) => Math.min(...intros.filter((i) => i.members.includes(u)).map((i) => Number(i.message.ts)));
    for (const n of messages.filter((m) => m.key.startsWith('nudge:'))) {
      const intro = n.members.length === 1 ? firstIntroOf(n.members[0]!) : introTs.get(n.channel);
      expect(intro).toBeLessThan(Number(n.message.ts));
    }
  });

  test('every nudge falls on a weekday in daytime for each receiver, and in working hours for both when their days overlap', () => {
    const roleOf = new Map(result.cast.members.map((m) => [m.userId, m.role]));
    const zoneOf = (u: string) => result.world.emulator.user(u)!.tz;
    const nudges = messages.filter((m) => m.key.startsWith('nudge:'));
    expect(nudges.length).toBeGreaterThan(result.cast.members.length);
    for (const n of nudges) {
      const planned = new Date(String(n.message.metadata?.event_payload?.planned_at));
      const sent = new Date(tsMs(n.message));
      // Sent within two hours of its planned time, or later that same working day (a pair resumed at 13:30
      // gets the 10:00 nudge it missed while paused at once, and planned_at still says 10:00).
      const sameDay = n.members.every((u) => local(planned, zoneOf(u)).date === local(sent, zoneOf(u)).date);
      if (!sameDay) expect(sent.getTime() - planned.getTime()).toBeLessThan(2 * 3600_000);
      if (n.members.length === 1) {
        // no working hour in common: each member in their own DM, in their own working hours
        for (const at of [planned, sent]) {
          const t = local(at, zoneOf(n.members[0]!));
          if (!weekday(t) || !working(t)) throw new Error(`${n.key} at ${at.toISOString()} is ${JSON.stringify(t)}`);
        }
        continue;
      }
      const mentee = n.members.find((u) => roleOf.get(u) === 'mentee')!;
      const mentor = n.members.find((u) => roleOf.get(u) === 'mentor')!;
      for (const at of [planned, sent]) {
        for (const u of n.members) {
          const t = local(at, zoneOf(u));
          if (!weekday(t) || !awake(t))
            throw new Error(`${n.key} at ${at.toISOString()} is ${JSON.stringify(t)} for ${u} (${zoneOf(u)})`);
        }
      }
      // Is there an hour that day from 10:00 in the mentee's working day that is working time for the mentor too?
      const day = local(planned, zoneOf(mentee)).date;
      const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.parse(`${day}T00:00:00Z`) - 12 * 3600_000 + i * 3600_000));
      const overlap = hours.some((h) => {
        const a = local(h, zoneOf(mentee));
        const b = local(h, zoneOf(mentor));
        return a.date === day && a.minute >= 10 * 60 && working(a) && working(b);
      });
      if (overlap) {
        const a = local(planned, zoneOf(mentee));
        const b = local(planned, zoneOf(mentor));
        if (!working(a) || !working(b))
          throw new Error(
            `${n.key} at ${planned.toISOString()} is outside working hours though ${day} has a common working hour`,
          );
      }
    }
  });

  test('no message reaches someone who did not act outside their working hours on a working day', () => {
    const zoneOf = (u: string) => result.world.emulator.user(u)!.tz;
    const actedAt = new Map<string, number[]>();
    for (const a of result.acts) actedAt.set(a.userId, [...(actedAt.get(a.userId) ?? []), a.at.getTime()]);
    // What answers someone's own action goes at once: the simulated clock stands still while the app answers.
    const answers = (u: string, ms: number) => (actedAt.get(u) ?? []).some((t) => ms >= t && ms - t < 60_000);
    const atWork = (u: string, at: Date) => {
      const t = local(at, zoneOf(u));
      return weekday(t) && working(t);
    };
    const hoursAround = (at: Date) => Array.from({ length: 49 }, (_, i) => new Date(at.getTime() + (i - 24) * 3600_000));
    const late: string[] = [];
    for (const m of messages) {
      if (m.members.length === 0) continue; // a public channel (the programme's announcement), nobody's DM
      const at = new Date(tsMs(m.message));
      const outside = m.members.filter((u) => !answers(u, at.getTime()) && !atWork(u, at));
      if (outside.length === 0) continue;
      // A group DM of two who share no working hour that day (docs/delivery-times.md): daytime on a weekday for both.
      const shared = hoursAround(at).some((h) => m.members.every((u) => atWork(u, h)));
      const daytime = m.members.every((u) => {
        const t = local(at, zoneOf(u));
        return weekday(t) && awake(t);
      });
      if (m.members.length === 2 && !shared && daytime) continue;
      const who = outside.map((u) => `${u} (${zoneOf(u)}: ${JSON.stringify(local(at, zoneOf(u)))})`);
      late.push(`${m.key || m.message.text.slice(0, 60)} at ${at.toISOString()} for ${who.join(', ')}`);
    }
    expect(late).toEqual([]);
  });

  test('no duplicate outbox keys, no duplicate message in any conversation, at most a nudge and two reminders per check-in', async () => {
    // Only the report's file uploads (sent at the coordinator's click, not through the outbox) carry no key.
    expect(messages.filter((m) => m.key === '' && !m.message.files?.length)).toEqual([]);
    const keys = messages.filter((m) => m.key !== '').map((m) => m.key);
    expect(keys.length - new Set(keys).size).toBe(0);
    const byChannel = new Map<string, string[]>();
    for (const m of messages)
      byChannel.set(m.channel, [
        ...(byChannel.get(m.channel) ?? []),
        `${m.message.text}|${JSON.stringify(m.message.blocks ?? [])}`,
      ]);
    for (const [channel, bodies] of byChannel) {
      const dupes = bodies.filter((b, i) => bodies.indexOf(b) !== i);
      if (dupes.length > 0) throw new Error(`duplicate message in ${channel}: ${dupes[0]!.slice(0, 200)}`);
    }
    // Everything due was delivered, each row once; only reminders planned after the scenario's end wait.
    const rows = await result.world.bot.db.client.outboxMessage.findMany({
      select: { idempotencyKey: true, status: true, nextAttemptAt: true },
    });
    const end = result.world.clock.now();
    expect(rows.filter((r) => r.status !== 'sent' && !(r.status === 'pending' && r.nextAttemptAt > end))).toEqual([]);
    expect(
      rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.idempotencyKey)
        .sort(),
    ).toEqual([...keys].sort());
    const perCheckIn = new Map<string, number>();
    // one per nudge number: the group DM's message, or the copies in each member's own DM
    for (const k of new Set(keys.filter((k) => k.startsWith('nudge:')).map((k) => k.split(':').slice(0, 3).join(':'))))
      perCheckIn.set(k.split(':')[1]!, (perCheckIn.get(k.split(':')[1]!) ?? 0) + 1);
    expect(Math.max(...perCheckIn.values())).toBeLessThanOrEqual(3);
    // Once a check-in was logged as met or skipped, no reminder for it followed.
    const answered = new Map(
      [...ofKind(result.events, 'met'), ...ofKind(result.events, 'skipped')].map((e) => [e.checkInId, e.at.getTime()]),
    );
    for (const m of messages.filter((x) => x.key.startsWith('nudge:'))) {
      const at = answered.get(m.key.split(':')[1]!);
      if (at !== undefined) expect(tsMs(m.message)).toBeLessThanOrEqual(at);
    }
  });

  test('the departure happened, the coordinator heard of it once, and the rematch was approved and introduced', async () => {
    const [departed] = ofKind(result.events, 'departed');
    expect(departed).toBeDefined();
    expect(result.world.emulator.user(departed!.userId)?.deleted).toBe(true);
    const coordinator = result.cast.coordinator.id;
    const toCoordinator = messages.filter(
      (m) => m.members.length === 1 && m.members[0] === coordinator && m.message.text.includes('has left'),
    );
    expect(toCoordinator).toHaveLength(1);
    const approvals = ofKind(result.events, 'approved');
    expect(approvals.map((a) => a.rematch)).toEqual([false, true]);
    const db = result.world.bot.db.client;
    expect(await db.matchRun.count({ where: { programmeId: result.programmeId, status: 'approved' } })).toBe(2);
    // The leaver's partner was introduced to someone new after the departure.
    const before = messages.find((m) => m.key.startsWith('match-intro:') && m.members.includes(departed!.userId))!;
    const partner = before.members.find((u) => u !== departed!.userId)!;
    const rematch = messages.filter(
      (m) => m.key.startsWith('match-intro:') && m.members.includes(partner) && tsMs(m.message) >= departed!.at.getTime(),
    );
    expect(rematch).toHaveLength(1);
    expect(rematch[0]!.members).not.toContain(departed!.userId);
    // No message reached the leaver after they left.
    expect(messages.filter((m) => m.members.includes(departed!.userId) && tsMs(m.message) > departed!.at.getTime())).toEqual([]);
  });

  test('what the database holds equals what the scenario did', async () => {
    const db = result.world.bot.db.client;
    const met = new Set(ofKind(result.events, 'met').map((e) => e.checkInId));
    const skipped = new Set(ofKind(result.events, 'skipped').map((e) => e.checkInId));
    const checkIns = await db.checkIn.findMany({ where: { pairing: { programmeId: result.programmeId } } });
    expect(new Set(checkIns.filter((c) => c.status === 'met').map((c) => c.id))).toEqual(met);
    expect(new Set(checkIns.filter((c) => c.status === 'skipped').map((c) => c.id))).toEqual(skipped);
    const joined = ofKind(result.events, 'joined');
    const participants = await db.participant.findMany({ where: { programmeId: result.programmeId } });
    expect(participants.map((p) => [p.slackUserId, p.role]).sort()).toEqual(joined.map((j) => [j.userId, j.role]).sort());
  });

  test('the report shows what the scenario did: people, check-ins, ratings per month, topics, surveys and NPS', async () => {
    const built = await buildReport({ db: result.world.bot.db.client }, result.programmeId, result.world.clock.now());
    const report = (built.ok ? built.value : null)!;
    expect(report).not.toBeNull();
    const joined = ofKind(result.events, 'joined');
    expect(report.participants.total).toBe(joined.length);
    expect(report.participants.byRole).toEqual({
      mentor: joined.filter((j) => j.role === 'mentor').length,
      mentee: joined.filter((j) => j.role === 'mentee').length,
    });
    expect(report.participants.byStatus.departed).toBe(ofKind(result.events, 'departed').length);
    // Pairs: every introduction (one in the group DM, or one in each member's own DM) is a pair.
    expect(report.pairs.total).toBe(
      new Set(messages.filter((m) => m.key.startsWith('match-intro:')).map((m) => pairingOfIntro(m.key))).size,
    );
    expect(report.checkIns.met).toBe(new Set(ofKind(result.events, 'met').map((e) => e.checkInId)).size);
    // The programme has ended: no check-in is left open.
    expect(report.checkIns.open).toBe(0);
    expect(report.checkIns.skipped).toBe(new Set(ofKind(result.events, 'skipped').map((e) => e.checkInId)).size);

    const answered = ofKind(result.events, 'feedback');
    expect(new Set(answered.map((f) => f.requestKey)).size).toBe(answered.length);
    // Coordinators see released answers only (docs/feedback.md, "Releases"): at most a last incomplete batch waits.
    const feedback = released(answered);
    expect(answered.length - feedback.length).toBeLessThan(answered.length / 4);
    expect(report.ratings.responses).toBe(feedback.length);
    expect(report.ratings.average).toBeCloseTo(feedback.reduce((a, f) => a + f.rating, 0) / feedback.length, 6);
    expect(report.ratings.distribution).toEqual(
      Object.fromEntries([1, 2, 3, 4, 5].map((r) => [r, feedback.filter((f) => f.rating === r).length])),
    );
    // Each answer in the month of its release, in the programme's zone.
    const monthOf = (at: Date) => local(at, 'Europe/London').date.slice(0, 7);
    const perMonth = new Map<string, number>();
    for (const f of feedback) perMonth.set(monthOf(f.releasedAt), (perMonth.get(monthOf(f.releasedAt)) ?? 0) + 1);
    expect(report.ratingsByMonth.filter((m) => m.responses > 0).map((m) => [m.month, m.responses])).toEqual([...perMonth].sort());
    const topicCounts = new Map<string, number>();
    for (const t of feedback.flatMap((f) => f.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
    expect(report.topics.length).toBeGreaterThan(0);
    for (const t of report.topics) expect([t.key, t.count]).toEqual([t.key, topicCounts.get(t.key)]);

    for (const kind of ['midpoint', 'final'] as const) {
      const answers = released(ofKind(result.events, 'survey').filter((a) => a.survey === kind));
      const figures = report.surveys.find((x) => x.kind === kind)!;
      expect(answers.length).toBeGreaterThanOrEqual(3);
      expect(figures.responses).toBe(answers.length);
      expect(figures.averageProgress).toBeCloseTo(answers.reduce((a, x) => a + x.progress, 0) / answers.length, 6);
      const promoters = answers.filter((a) => a.recommend >= 9).length;
      const detractors = answers.filter((a) => a.recommend <= 6).length;
      expect([figures.promoters, figures.passives, figures.detractors]).toEqual([
        promoters,
        answers.length - promoters - detractors,
        detractors,
      ]);
      expect(figures.nps).toBe(Math.round((100 * (promoters - detractors)) / answers.length));
    }
    // The coordinator saw it in Slack, and its buttons uploaded the CSVs and the chart.
    expect(result.reportLines.join('\n')).toContain(`${feedback.length} ratings`);
    expect(result.files.some((f) => f.filename.endsWith('.png') && f.bytes.subarray(1, 4).toString() === 'PNG')).toBe(true);
    expect(result.files.filter((f) => f.filename.endsWith('.csv')).length).toBeGreaterThan(0);
  });

  test('the CSVs carry the simulated dates: the report day in their names, the signups in their rows', () => {
    const reportDay = result.world.clock.now().toISOString().slice(0, 10);
    const csvs = result.files.filter((f) => f.filename.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    for (const f of csvs) expect(f.filename).toContain(`-${reportDay}-`);
    const participants = csvs.find((f) => f.filename.endsWith('participants.csv'))!;
    const joined = csvRecords(participants.bytes.toString('utf8')).map((r) => r.joined_at!.slice(0, 10));
    expect(joined.length).toBe(ofKind(result.events, 'joined').length);
    // Everyone joined between the programme's opening and its signup deadline, on the scenario's calendar.
    for (const day of joined) expect(day >= '2026-03-02' && day <= '2026-03-13').toBe(true);
  });
});

describe('npm run demo through a slow pipe', () => {
  test('the whole output arrives: the process waits for the reader before it exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-demo-pipe-'));
    const go = join(dir, 'go');
    // `npm run demo` (tsx src/cli.ts demo) into a reader that reads nothing until told to, as `| less` on its first page.
    const script =
      `( ./node_modules/.bin/tsx src/cli.ts demo --people 12 --out "${join(dir, 'out')}"; echo "demo exited $?" >&2 )` +
      ` | { until [ -e "${go}" ]; do sleep 0.1; done; cat; }`;
    const child = spawn('bash', ['-c', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Once the demo has printed everything it can into the full pipe, it either exits (dropping the rest) or waits.
    const until = async (done: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 200));
    };
    await until(() => stderr.includes('the coordinator asks for the report'), 200_000);
    await until(() => stderr.includes('demo exited'), 15_000);
    writeFileSync(go, '');
    expect(await closed).toBe(0);
    expect(stderr).toContain('demo exited 0');
    // More than a pipe holds (64 KiB), so a process that exits without waiting loses the end.
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(64 * 1024);
    expect(stdout).toContain('=== Final report (/rm-report) ===');
    expect(stdout).toMatch(/\n {2}kept in .*out: transcript\.txt, report\.txt, scenario\.json, /);
    expect(stdout.endsWith('\n')).toBe(true);
    const kept = readdirSync(join(dir, 'out'));
    expect(kept.some((f) => f.endsWith('participants.csv') && f.includes('-2026-'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
