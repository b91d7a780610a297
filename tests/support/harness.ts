import { loadConfig, type Config } from '../../src/config.js';
import { SlackDriver, SlackEmulator } from '../../src/devtools/emulator/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/logger.js';
import { startBot, type RunningBot, type StartOptions } from '../../src/runtime.js';
import type { DatabaseKind } from '../../src/store/databaseUrl.js';
import { createScratchDatabase, type ScratchDatabase } from './databases.js';

export const TEST_SIGNING_SECRET = 'e2e-signing-secret';

export interface Harness {
  kind: DatabaseKind;
  emulator: SlackEmulator;
  driver: SlackDriver;
  bot: RunningBot;
  config: Config;
  clock: ManualClock;
  appUrl: string;
  logLines: string[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  coordinators?: string[];
  env?: Record<string, string>;
  now?: Date;
  /** whether the app should behave as if its event loop were saturated (default: calm, so that what a
   *  command answers does not depend on how busy the test machine is) */
  pressure?: { readonly busy: boolean };
  /** more of startBot's options (e.g. queueStatsMaxAgeMs) */
  start?: Partial<StartOptions>;
  signingSecret?: string;
  /** the emulator tells time by the bot's clock (what "Sign in with Slack" needs: an id_token's iat and exp) */
  emulatorOnBotClock?: boolean;
  /** settings that name the emulator's addresses */
  envFor?: (emulator: SlackEmulator) => Record<string, string>;
}

/** The real app over HTTP on a random port, against the emulator and a fresh database of its own. */
export async function startHarness(kind: DatabaseKind, options: HarnessOptions = {}): Promise<Harness> {
  const scratch: ScratchDatabase = await createScratchDatabase(kind);
  const clock = new ManualClock(options.now ?? new Date('2026-03-02T09:00:00Z'));
  const emulator = await SlackEmulator.start(options.emulatorOnBotClock ? { now: () => clock.now().getTime() } : {});
  const signingSecret = options.signingSecret ?? TEST_SIGNING_SECRET;
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: scratch.url,
    RM_COORDINATORS: (options.coordinators ?? []).join(','),
    LOG_LEVEL: 'warn',
    // This emulator has no rate limits and the tests wait about 2 s for a message: unpaced. Pacing has its own
    // tests (tests/e2e/outboxPacing.test.ts).
    SLACK_PACING: 'off',
    ...options.envFor?.(emulator),
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const logLines: string[] = [];
  const logger = createLogger('debug', 'e2e', (l) => logLines.push(l));
  const bot = await startBot(loaded.config, {
    port: 0,
    host: '127.0.0.1',
    scheduler: false,
    clock,
    logger,
    outboxIntervalMs: 50,
    pressure: options.pressure ?? { busy: false },
    ...options.start,
  });
  const appUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  const driver = new SlackDriver({ appUrl, signingSecret, emulator });
  return {
    kind,
    emulator,
    driver,
    bot,
    config: loaded.config,
    clock,
    appUrl,
    logLines,
    /** Stops everything, then fails if the app misused Slack's protocol (emulator.problems) at any point. */
    async stop() {
      await bot.stop();
      await emulator.stop();
      await scratch.drop();
      if (emulator.problems.length > 0) throw new Error(`the app misused Slack's protocol:\n${emulator.problems.join('\n')}`);
    },
  };
}
