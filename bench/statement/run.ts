/**
 * Statement benchmark: `npm run bench -- statement [--db sqlite|postgres]`. The CPU one database statement costs
 * this process through Prisma (a primary-key read) and through Prisma's raw path (`SELECT 1`), one after the other:
 * the floor any request's work pays for each statement it sends (docs/benchmarks.md, "Why the burst's effects
 * take seconds"); and the read every check-in click makes (`findCheckIn`: a check-in with its pair, both members
 * and its programme, one joined statement); and 500 rows in one statement, as the nudge pass and the report read.
 */
import { cpus, loadavg } from 'node:os';
import { findCheckIn } from '../../src/store/checkInReads.js';
import { openDatabase } from '../../src/store/database.js';
import { scratchDatabase } from '../scratchDatabase.js';

const at = process.argv.indexOf('--db');
const kind = at >= 0 ? process.argv[at + 1] : 'sqlite';
const STATEMENTS = 3000;
const WARM_UP = 300;
const MANY_ROWS = 500;

console.log(
  `Statement benchmark, ${new Date().toISOString()}, ${cpus().length} x ${cpus()[0]?.model}, load ${loadavg()[0]!.toFixed(2)}`,
);
const scratch = await scratchDatabase(kind, 'statement');
const db = await openDatabase(scratch.url);
try {
  const { client } = db;
  await client.coordinator.create({ data: { slackUserId: 'U0BENCH' } });
  const now = new Date();
  const programme = await client.programme.create({
    data: {
      id: 'g1',
      name: 'Bench',
      startDate: now,
      durationMonths: 6,
      endDate: now,
      signupDeadline: now,
      createdBySlackId: 'U0BENCH',
    },
  });
  const person = (slackUserId: string, role: string) =>
    client.participant.create({ data: { id: slackUserId, programmeId: programme.id, slackUserId, role, seniorityLevel: 1 } });
  const [mentor, mentee] = [await person('U0MENTOR', 'mentor'), await person('U0MENTEE', 'mentee')];
  const pairing = await client.pairing.create({
    data: { id: 'p1', programmeId: programme.id, mentorId: mentor.id, menteeId: mentee.id },
  });
  const checkIn = await client.checkIn.create({ data: { id: 'c1', pairingId: pairing.id, sequence: 1, dueAt: now } });
  await client.checkIn.createMany({
    data: Array.from({ length: MANY_ROWS }, (_, i) => ({ id: `m${i}`, pairingId: pairing.id, sequence: i + 2, dueAt: now })),
  });
  const kinds: Array<[string, () => Promise<unknown>, number]> = [
    ['Prisma findUnique by primary key', () => client.coordinator.findUnique({ where: { slackUserId: 'U0BENCH' } }), STATEMENTS],
    ['Prisma raw SELECT 1', () => client.$queryRawUnsafe('SELECT 1'), STATEMENTS],
    ["a click's check-in read (findCheckIn)", () => findCheckIn(client, checkIn.id), STATEMENTS],
    // As the nudge pass and the report read: many rows in one statement.
    [
      `${MANY_ROWS} check-ins in one findMany`,
      () => client.checkIn.findMany({ where: { pairingId: pairing.id } }),
      STATEMENTS / 10,
    ],
  ];
  for (const [name, statement, runs] of kinds) {
    for (let i = 0; i < WARM_UP; i++) await statement();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runs; i++) await statement();
    const used = process.cpuUsage(cpu);
    const perStatement = (ms: number) => (ms / runs).toFixed(3);
    console.log(
      `${kind}: ${name}: ${perStatement((used.user + used.system) / 1000)} ms CPU, ${perStatement(performance.now() - started)} ms wall a statement (${runs}, one at a time)`,
    );
  }
} finally {
  await db.close();
  await scratch.drop();
}
