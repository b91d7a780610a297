import { describeConfigProblems, loadConfig } from './config.js';
import { loadDotEnv } from './dotenv.js';
import { createLogger } from './logger.js';
import { startBot } from './runtime.js';

loadDotEnv();
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${describeConfigProblems(loaded.problems)}\n`);
  process.exit(2);
}
const logger = createLogger(loaded.config.logLevel);
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
} catch (err) {
  logger.error((err as Error).message);
  process.exit(1);
}
