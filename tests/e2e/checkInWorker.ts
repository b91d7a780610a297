// One app replica's scheduler and outbox sender in a process of its own, ticking through simulated time:
// for the test that two replicas on one PostgreSQL deliver every nudge exactly once.
import { WebClient } from '@slack/web-api';
import { tick } from '../../src/jobs/tick.js';
import { createLogger } from '../../src/logger.js';
import { OutboxSender } from '../../src/slack/outbox.js';
import { openDatabase } from '../../src/store/database.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const DAY = 24 * 3600_000;
const start = Date.parse(env('START'));
const step = Number(env('STEP_MS'));
const count = Number(env('COUNT'));
let simulated = start;
const db = await openDatabase(env('DATABASE_URL'), { migrate: false });
const sender = new OutboxSender({
  db: db.client,
  client: new WebClient(env('SLACK_BOT_TOKEN'), { slackApiUrl: env('SLACK_API_URL') }),
  logger: createLogger('warn', `replica-${env('WORKER_ID')}`),
  clock: { now: () => new Date(simulated) },
  coordinators: [],
  workerId: env('WORKER_ID'),
  // simulated time jumps an hour per pass: a lease of days outlasts any real send
  leaseMs: 3 * DAY,
  requestTimeoutMs: 5000,
});

const report = { ticks: 0, nudges: 0, sent: 0 };
process.stdout.write('ready\n');
for (let i = 0; i < count; i++) {
  simulated = start + i * step;
  const r = await tick({ db: db.client }, new Date(simulated));
  report.ticks++;
  report.nudges += r.checkIns.nudges;
  report.sent += (await sender.deliverDue()).sent;
}
simulated = start + count * step + DAY;
for (let round = 0; round < 1000; round++) {
  report.sent += (await sender.deliverDue()).sent;
  if ((await db.client.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0) break;
  await new Promise((r) => setTimeout(r, 20));
}
await db.close();
process.stdout.write(`done ${JSON.stringify(report)}\n`);
process.exit(0);
