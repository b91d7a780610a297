import { z } from 'zod';
import { loadConfig } from '../config.js';
import { EMULATOR_SIGNING_SECRET, SlackDriver, startStandaloneEmulator } from './emulator/index.js';
import { createLogger } from '../logger.js';
import { startBot } from '../runtime.js';
import { redactUrl } from '../store/databaseUrl.js';
import { CliError } from '../cli/errors.js';
import type { RunLocal } from '../cli/devTools.js';
import { askDashboardLink, emulatedOpenIdEnv } from './dashboardLink.js';

const portSchema = z.coerce.number().int().min(0).max(65535);
/** The default workspace's Chief People Officer plays the coordinator. */
const LOCAL_COORDINATOR = 'U0EMU0005';
const LOCAL_EMPLOYEE = 'U0EMU0007';

function port(value: string | undefined, fallback: number, flag: string): number {
  const parsed = portSchema.safeParse(value ?? fallback);
  if (!parsed.success) throw new CliError(`${flag} must be a port number (got "${value}")`);
  return parsed.data;
}

/**
 * `npm run local`: the real bot, over real HTTP, against the built-in Slack emulator, on the
 * embedded SQLite database (data/local.db unless DATABASE_URL says otherwise).
 */
export const runLocal: RunLocal = async (opts) => {
  const appPort = port(opts.port ?? process.env.PORT, 3000, '--port');
  const apiPort = port(opts.apiPort, 3001, '--api-port');
  const emulator = await startStandaloneEmulator({ port: apiPort, host: '127.0.0.1', print: () => undefined });
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: EMULATOR_SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: process.env.DATABASE_URL || 'file:./data/local.db',
    PORT: String(appPort),
    RM_COORDINATORS: process.env.RM_COORDINATORS || LOCAL_COORDINATOR,
    RM_TIMEZONE: process.env.RM_TIMEZONE ?? '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${appPort}`,
    ...emulatedOpenIdEnv(emulator),
  });
  if (!loaded.ok) throw new CliError(loaded.problems.join('; '));
  const bot = await startBot(loaded.config, { logger: createLogger(loaded.config.logLevel), host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${bot.port}/slack/events`;

  console.log(`\nReverse Mentoring Bot is running against the local Slack emulator.`);
  console.log(`  app:      ${appUrl}  (health: http://127.0.0.1:${bot.port}/healthz)`);
  console.log(`  emulator: ${emulator.apiUrl}  (${emulator.workspace.users.length} users in ${emulator.workspace.teamDomain})`);
  console.log(`  database: ${redactUrl(loaded.config.databaseUrl)}`);

  const driver = new SlackDriver({ appUrl, signingSecret: EMULATOR_SIGNING_SECRET, emulator });
  const show = async (userId: string, command: string, text = '') => {
    const reply = await driver.slashCommand({ userId, command, text });
    const name = emulator.user(userId)?.real_name ?? userId;
    const answer = typeof reply.json?.text === 'string' ? reply.json.text : reply.body || '(no text)';
    console.log(`\n${name} types ${command}${text ? ` ${text}` : ''}  -> HTTP ${reply.status}\n${answer.replace(/^/gm, '    ')}`);
  };
  await show(LOCAL_COORDINATOR, '/rm-admin', 'help');
  await show(LOCAL_EMPLOYEE, '/rm-join');
  await show(LOCAL_EMPLOYEE, '/rm-report');

  // The coordinator dashboard (docs/dashboard.md): a link for the coordinator, as `/rm-admin dashboard` gives it.
  const coordinator = loaded.config.coordinators[0] ?? LOCAL_COORDINATOR;
  const link = await askDashboardLink(driver, emulator, coordinator);
  const who = emulator.user(coordinator)?.real_name ?? coordinator;
  console.log(`
Coordinator dashboard (${who}, /rm-admin dashboard):`);
  console.log(`    ${link ?? '(no link: is that person a coordinator?)'}`);
  console.log(
    `    works once, within 10 minutes; after that, "Sign in with Slack" at ${loaded.config.publicUrl}/admin/signin (the emulator asks who you are)`,
  );

  console.log('\nPress Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bot.stop();
  await emulator.stop();
  return 0;
};
