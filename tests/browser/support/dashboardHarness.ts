// The real bot over HTTP, its dashboard, the local Slack emulator (with "Sign in with Slack"), a fresh database,
// and a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DatabaseKind } from '../../../src/store/databaseUrl.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { eventually } from '../../support/eventually.js';

export const SIGNING_SECRET = 'browser-signing-secret';
export const OPENID_CLIENT = { id: 'emulator-client-id', secret: 'emulator-client-secret' };
/** Where the tests keep a screenshot of each page (gitignored; CI keeps the folder as an artefact). */
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DashboardHarness extends Harness {
  /** http://localhost:<port>: the dashboard's address (PUBLIC_URL's default) */
  baseUrl: string;
}

/** The e2e harness (tests/support/harness.ts) with "Sign in with Slack" configured and the dashboard's address. */
export async function startDashboardHarness(
  kind: DatabaseKind,
  options: { coordinators: string[]; now?: Date; openId?: boolean; env?: Record<string, string> },
): Promise<DashboardHarness> {
  const h = await startHarness(kind, {
    coordinators: options.coordinators,
    ...(options.now ? { now: options.now } : {}),
    ...(options.env ? { env: options.env } : {}),
    signingSecret: SIGNING_SECRET,
    emulatorOnBotClock: true,
    envFor: (emulator): Record<string, string> =>
      options.openId === false
        ? {}
        : { SLACK_CLIENT_ID: OPENID_CLIENT.id, SLACK_CLIENT_SECRET: OPENID_CLIENT.secret, SLACK_OPENID_URL: emulator.baseUrl },
  });
  return { ...h, baseUrl: `http://localhost:${h.bot.port}` };
}

/**
 * A describe block's dashboard and browser: started before its tests, stopped after them. With `signInAs`, one page
 * signed in for the whole block (after `prepare`); without, a fresh browser context for each test.
 */
export function dashboardSuite(
  kind: DatabaseKind,
  options: Parameters<typeof startDashboardHarness>[1] & {
    signInAs?: string;
    prepare?: (h: DashboardHarness) => Promise<void>;
    timeoutMs?: number;
  },
) {
  let h: DashboardHarness | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const defined = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the dashboard suite has no ${what} yet`);
    return value;
  };
  beforeAll(async () => {
    [h, browser] = await Promise.all([startDashboardHarness(kind, options), launchChromium()]);
    await options.prepare?.(h);
    if (options.signInAs) {
      context = await newContext(browser);
      page = await context.newPage();
      await signInWithLink(page, (await askForLink(h, options.signInAs)).url!);
    }
  }, options.timeoutMs ?? 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await h?.stop();
  });
  if (!options.signInAs) {
    beforeEach(async () => {
      context = await newContext(defined(browser, 'browser'));
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });
  }
  return {
    get h() {
      return defined(h, 'harness');
    },
    get browser() {
      return defined(browser, 'browser');
    },
    get context() {
      return defined(context, 'browser context');
    },
    get page() {
      return defined(page, 'signed-in page');
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
