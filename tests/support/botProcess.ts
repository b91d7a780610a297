import type { ChildProcess } from 'node:child_process';
import { SlackDriver, type SlackEmulator } from '../../src/devtools/emulator/index.js';
import { finished, freePort, spawnEntry, waitForOutput, type Finished } from './processes.js';

export interface BotProcess {
  child: ChildProcess;
  exited: Promise<Finished>;
  driver: SlackDriver;
  port: number;
}

/** The real bot (src/main.ts) in a process of its own, against the emulator, on this database; ready when it listens. */
export async function startBotProcess(
  emulator: SlackEmulator,
  databaseUrl: string,
  signingSecret: string,
  env: Record<string, string> = {},
): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnEntry('src/main.ts', [], {
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    ...env,
  });
  const exited = finished(child);
  await waitForOutput(child, (out) => out.includes('listening on port'), 60_000);
  const driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, emulator });
  return { child, exited, driver, port };
}
