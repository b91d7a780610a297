// A bare outbox sender in a process of its own, for the crash (kill -9) and replica tests.
import { WebClient } from '@slack/web-api';
import { createLogger } from '../../src/logger.js';
import { OutboxSender, type DeliveryReport } from '../../src/slack/outbox.js';
import { openDatabase } from '../../src/store/database.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? '0');
const db = await openDatabase(env('DATABASE_URL'), { migrate: false });
const sender = new OutboxSender({
  db: db.client,
  client: new WebClient(env('SLACK_BOT_TOKEN'), { slackApiUrl: env('SLACK_API_URL') }),
  logger: createLogger('info', `outbox-${env('WORKER_ID')}`),
  clock: { now: () => new Date(Date.now() + offsetMs) },
  coordinators: (process.env.COORDINATORS ?? '').split(',').filter(Boolean),
  workerId: env('WORKER_ID'),
  leaseMs: Number(env('LEASE_MS')),
  requestTimeoutMs: Number(env('REQUEST_TIMEOUT_MS')),
  historyCheck: true, // the crash test checks exactly-once delivery, the opt-in's guarantee
});

const total: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
const pass = sender.deliverDue.bind(sender);
sender.deliverDue = async () => {
  const r = await pass();
  total.sent += r.sent;
  total.failed += r.failed;
  total.retried += r.retried;
  return r;
};

process.on('SIGTERM', () => {
  void sender.stop().then(async () => {
    await db.close();
    process.stdout.write(`done ${JSON.stringify(total)}\n`);
    process.exit(0);
  });
});

sender.start(20);
process.stdout.write('ready\n');
