import { z } from 'zod';
import { systemClock } from '../core/clock.js';
import { passLease, underSchedulerLease } from '../jobs/scheduler.js';
import { tick } from '../jobs/tick.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/database.js';
import { databaseUrlFromEnv } from './databaseUrl.js';
import { CliError } from './errors.js';

const nowSchema = z.iso.datetime({ offset: true });

/**
 * One scheduler pass, as of `--now` or the real time. It takes the same lease as the serving replicas' passes
 * (held on the real clock, whatever `--now` says), so an external cron never runs beside one of theirs: when
 * another process holds it, nothing runs and it says so (exit 0: that process does the work).
 */
export async function runTick(nowArg: string | undefined): Promise<number> {
  let now = new Date();
  if (nowArg !== undefined) {
    if (!nowSchema.safeParse(nowArg).success)
      throw new CliError(`--now must be an ISO time such as 2026-03-02T09:00:00Z (got "${nowArg}")`);
    now = new Date(nowArg);
  }
  const db = await openDatabase(databaseUrlFromEnv(process.env));
  try {
    const coordinators = (process.env.RM_COORDINATORS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const logger = createLogger('warn', 'rm-bot tick');
    const ran = await underSchedulerLease(passLease({ db: db.client }), systemClock, logger, () =>
      tick({ db: db.client, coordinators }, now),
    );
    console.log(JSON.stringify(ran.held ? ran.value : { skipped: 'another process holds the scheduler lease' }));
  } finally {
    await db.close();
  }
  return 0;
}
