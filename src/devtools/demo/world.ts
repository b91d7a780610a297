// The demo's stage: the local Slack with a synthetic workspace, and the real bot over HTTP on a simulated clock.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config.js';
import { SlackDriver, SlackEmulator, type Workspace } from '../emulator/index.js';
import { ManualClock } from '../../core/clock.js';
import { createLogger } from '../../logger.js';
import { startBot, type RunningBot } from '../../runtime.js';
import { emulatedOpenIdEnv } from '../dashboardLink.js';

export const DEMO_SIGNING_SECRET = 'demo-signing-secret';

export interface DemoWorld {
  emulator: SlackEmulator;
  driver: SlackDriver;
  bot: RunningBot;
  clock: ManualClock;
  coordinators: string[];
  databaseUrl: string;
  /** Warnings and errors the bot logged (never printed in the middle of the transcript). */
  logLines: string[];
  stop(): Promise<void>;
}

export interface WorldOptions {
  workspace: Workspace;
  coordinator: string;
  start: Date;
  /** unset = a temporary SQLite file, removed by stop() */
  databaseUrl?: string;
  programmeTimezone: string;
}

/** A throwaway database is best in memory-backed storage (Linux's /dev/shm): no disk flush per transaction. */
const scratchRoot = (): string => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export async function startWorld(o: WorldOptions): Promise<DemoWorld> {
  const tempDir = o.databaseUrl ? undefined : mkdtempSync(join(scratchRoot(), 'rm-demo-'));
  const databaseUrl = o.databaseUrl ?? `file:${join(tempDir!, 'demo.db')}`;
  const clock = new ManualClock(o.start);
  // Message timestamps follow the simulated clock, so the transcript shows when each message arrived.
  const emulator = await SlackEmulator.start({ workspace: o.workspace, now: () => clock.now().getTime() });
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: DEMO_SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: databaseUrl,
    RM_COORDINATORS: o.coordinator,
    RM_TIMEZONE: o.programmeTimezone,
    LOG_LEVEL: 'warn',
    // The emulator here has no rate limits, and the scenario's outbox passes must each send all that is due.
    SLACK_PACING: 'off',
    ...emulatedOpenIdEnv(emulator), // the dashboard's "Sign in with Slack" (npm run demo -- --serve)
  });
  if (!loaded.ok) {
    await emulator.stop();
    throw new Error(loaded.problems.join('; '));
  }
  const logLines: string[] = [];
  const logger = createLogger('warn', 'demo', (line) => logLines.push(line));
  let bot: RunningBot;
  try {
    // No cron and no outbox timer: the scenario runs each scheduler pass and each outbox pass itself.
    // One request at a time: the transcript (an answer in the ack or on the response_url) must not depend on
    // how busy the machine is.
    bot = await startBot(loaded.config, {
      port: 0,
      host: '127.0.0.1',
      scheduler: false,
      clock,
      logger,
      outboxIntervalMs: 0,
      pressure: { busy: false },
    });
  } catch (err) {
    await emulator.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
  const driver = new SlackDriver({
    appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: DEMO_SIGNING_SECRET,
    emulator,
  });
  return {
    emulator,
    driver,
    bot,
    clock,
    coordinators: [o.coordinator],
    databaseUrl,
    logLines,
    async stop() {
      await bot.stop();
      await emulator.stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
