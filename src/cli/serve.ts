import { describeConfigProblems, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startBot } from '../runtime.js';

/** The process stays up after this resolves: the bot serves until SIGTERM or SIGINT. */
export const KEEP_RUNNING = -1;

/**
 * `rm-bot serve`, also `node dist/main.js`: validates the environment (exit 2 with every problem), starts the bot
 * and stops it gracefully on SIGTERM or SIGINT (exit 0, or 1 if the shutdown failed).
 */
export async function runServe(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    process.stderr.write(`${describeConfigProblems(loaded.problems)}\n`);
    return 2;
  }
  const logger = createLogger(loaded.config.logLevel, 'rm-bot', undefined, loaded.config.logFormat);
  try {
    const bot = await startBot(loaded.config, { logger });
    let signalled = false;
    const shutdown = (signal: string) => {
      if (signalled) return;
      signalled = true;
      logger.info(`received ${signal}`);
      bot.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed:', err);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    return KEEP_RUNNING;
  } catch (err) {
    logger.error((err as Error).message);
    return 1;
  }
}
