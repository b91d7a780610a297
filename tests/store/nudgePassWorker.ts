// One replica's check-in pass at NOW in a process of its own: for the test that two passes at once write each nudge
// once (SQLite's busy wait blocks its process, so two replicas must be two processes).
import { runCheckIns } from '../../src/flows/checkIns/index.js';
import { openDatabase } from '../../src/store/database.js';

const db = await openDatabase(process.env.DATABASE_URL ?? '', { migrate: false });
process.stdout.write('ready\n');
const report = await runCheckIns({ db: db.client }, new Date(process.env.NOW ?? ''));
await db.close();
process.stdout.write(`done ${JSON.stringify(report)}\n`);
