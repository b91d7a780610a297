import { z } from 'zod';
import { tick } from '../jobs/tick.js';
import { openDatabase } from '../store/database.js';
import { databaseUrlFromEnv } from './databaseUrl.js';
import { CliError } from './errors.js';

const nowSchema = z.iso.datetime({ offset: true });

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
    console.log(JSON.stringify(await tick({ db: db.client, coordinators }, now)));
  } finally {
    await db.close();
  }
  return 0;
}
