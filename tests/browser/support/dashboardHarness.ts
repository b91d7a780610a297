// The real bot over HTTP, its dashboard, the local Slack emulator (with "Sign in with Slack"), a fresh database,
// and a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig, type Config } from '../../../src/config.js';
import { ManualClock } from '../../../src/core/clock.js';
import { SlackDriver, SlackEmulator } from '../../../src/devtools/emulator/index.js';
import { createLogger } from '../../../src/logger.js';
import { startBot, type RunningBot } from '../../../src/runtime.js';
import type { DatabaseKind } from '../../../src/store/databaseUrl.js';
import { createScratchDatabase } from '../../support/databases.js';
import { eventually } from '../../support/eventually.js';

export const SIGNING_SECRET = 'browser-signing-secret';
export const OPENID_CLIENT = { id: 'emulator-client-id', secret: 'emulator-client-secret' };
/** Where the tests keep a screenshot of each page (gitignored; CI keeps the folder as an artefact). */
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DashboardHarness {
  kind: DatabaseKind;
  emulator: SlackEmulator;
  driver: SlackDriver;
  bot: RunningBot;
  config: Config;
  clock: ManualClock;
  /** where Slack's requests go (POST /slack/events) */
  appUrl: string;
  /** http://localhost:<port>: the dashboard's address (PUBLIC_URL's default) */
  baseUrl: string;
  logLines: string[];
  stop(): Promise<void>;
}

export async function startDashboardHarness(
  kind: DatabaseKind,
  options: { coordinators: string[]; now?: Date; openId?: boolean; env?: Record<string, string> },
): Promise<DashboardHarness> {
  const scratch = await createScratchDatabase(kind);
  const clock = new ManualClock(options.now ?? new Date('2026-03-02T09:00:00Z'));
  // One time for the bot and "Slack": an id_token's iat and exp are checked against the bot's clock.
  const emulator = await SlackEmulator.start({ now: () => clock.now().getTime() });
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: scratch.url,
    RM_COORDINATORS: options.coordinators.join(','),
    LOG_LEVEL: 'warn',
    ...(options.openId === false
      ? {}
      : { SLACK_CLIENT_ID: OPENID_CLIENT.id, SLACK_CLIENT_SECRET: OPENID_CLIENT.secret, SLACK_OPENID_URL: emulator.baseUrl }),
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const logLines: string[] = [];
  const bot = await startBot(loaded.config, {
    port: 0,
    host: '127.0.0.1',
    scheduler: false,
    clock,
    logger: createLogger('debug', 'browser', (l) => logLines.push(l)),
    outboxIntervalMs: 50,
    pressure: { busy: false },
  });
  const appUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  const driver = new SlackDriver({ appUrl, signingSecret: SIGNING_SECRET, emulator });
  return {
    kind,
    emulator,
    driver,
    bot,
    config: loaded.config,
    clock,
    appUrl,
    baseUrl: `http://localhost:${bot.port}`,
    logLines,
    async stop() {
      await bot.stop();
      await emulator.stop();
      await scratch.drop();
      if (emulator.problems.length > 0) throw new Error(`the app misused Slack's protocol:\n${emulator.problems.join('\n')}`);
    },
  };
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile at a laptop's screen size. CSP is bypassed only so that axe-core can be injected. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true, locale: 'en-GB' });
  context.setDefaultTimeout(10_000); // a step that cannot happen fails with its own message, before the test's timeout
  return context;
}

/** `/rm-admin dashboard` in Slack as `userId`: the reply's text, and the link in it (if any). */
export async function askForLink(h: DashboardHarness, userId: string): Promise<{ text: string; url: string | undefined }> {
  const res = await h.driver.slashCommand({ userId, command: '/rm-admin', text: 'dashboard' });
  if (res.status !== 200) throw new Error(`ack ${res.status}`);
  // The answer is the ack's body, or (when the handler took longer than the ack may wait) a response_url post.
  let text = String(res.json?.text ?? '');
  if (text === '') {
    const post = await eventually(
      () => h.emulator.responseUrlPosts({ via: 'response_url' }).find((p) => p.url === res.responseUrl),
      5000,
      'the answer on the response_url',
    );
    text = String(post.text ?? '');
  }
  return { text, url: /<(https?:\/\/[^|>]+)\|/.exec(text)?.[1] };
}

/** Follows a sign-in link in the browser and presses "Continue to the dashboard". */
export async function signInWithLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Continue to the dashboard' }).click();
  await page.waitForURL(/\/admin\/programmes$/);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules, best practices). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    const result = await axe.run(doc, { resultTypes: ['violations'] });
    return result.violations as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5) }));
}
