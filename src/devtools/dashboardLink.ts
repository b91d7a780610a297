// `npm run local` and `npm run demo -- --serve` print a sign-in link to the dashboard for the emulator's
// coordinator: asked for the way a coordinator does, `/rm-admin dashboard` through the emulator's driver.
import type { SlackDriver, SlackEmulator } from './emulator/index.js';

/** The link the bot answers `/rm-admin dashboard` with (in its ack, or on the response_url), or undefined. */
export async function askDashboardLink(
  driver: SlackDriver,
  emulator: SlackEmulator,
  userId: string,
): Promise<string | undefined> {
  const res = await driver.slashCommand({ userId, command: '/rm-admin', text: 'dashboard' });
  let text = typeof res.json?.text === 'string' ? res.json.text : '';
  for (let waited = 0; text === '' && waited < 5000; waited += 25) {
    await new Promise((r) => setTimeout(r, 25));
    const post = emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === res.responseUrl);
    if (post) text = String(post.text ?? '');
  }
  return /<(https?:\/\/[^|>]+)\|/.exec(text)?.[1];
}

/** What the emulator-backed bot needs for "Sign in with Slack" (the emulator's authorize page and token endpoint). */
export function emulatedOpenIdEnv(emulator: SlackEmulator): Record<string, string> {
  const { clientId, clientSecret } = emulator.openId.client;
  return { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_OPENID_URL: emulator.baseUrl };
}
