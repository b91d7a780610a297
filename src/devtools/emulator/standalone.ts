import { SlackEmulator } from './server.js';

/** Fixed and fake: the emulator does not check it; the app uses it to verify the driver's requests. */
export const EMULATOR_SIGNING_SECRET = 'emulator-signing-secret';

export interface StandaloneOptions {
  port?: number;
  host?: string;
  /** Where to print the environment (default: console.log). */
  print?: (line: string) => void;
}

/** Starts the emulator with the default workspace and prints the environment an app needs to use it. */
export async function startStandaloneEmulator(options: StandaloneOptions = {}): Promise<SlackEmulator> {
  const emulator = await SlackEmulator.start({ port: options.port ?? 0, ...(options.host ? { host: options.host } : {}) });
  const print = options.print ?? ((line: string) => console.log(line));
  print(
    `Slack emulator listening on ${emulator.baseUrl} (workspace ${emulator.workspace.teamDomain}, ${emulator.workspace.users.length} users)`,
  );
  print('Point the app at it with:');
  print(`SLACK_API_URL=${emulator.apiUrl}`);
  print(`SLACK_BOT_TOKEN=${emulator.botToken}`);
  print(`SLACK_SIGNING_SECRET=${EMULATOR_SIGNING_SECRET}`);
  print(`# Socket Mode instead of HTTP: SLACK_APP_TOKEN=${emulator.appToken}`);
  return emulator;
}
