// Signing in to the dashboard through the link Slack gives a coordinator, in a real browser; and everyone who
// must get nothing gets nothing: a non-coordinator, a reused or expired link, a forged cross-site request, a
// former coordinator's session.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { testDatabaseKinds } from '../support/databases.js';
import {
  askForLink,
  dashboardSuite,
  newContext,
  screenshot,
  seriousViolations,
  signInWithLink,
  startDashboardHarness,
  type DashboardHarness,
} from './support/dashboardHarness.js';

const MARGARET = 'U0EMU0005'; // a coordinator (RM_COORDINATORS)
const JONAS = 'U0EMU0010'; // made a coordinator in Slack, later removed
const HEMI = 'U0EMU0006'; // never a coordinator

/** A page on another origin that posts a form to the dashboard as soon as it loads (a cross-site request forgery). */
function attackerSite(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><html lang="en"><title>Win a prize</title><body><form id="f" method="post" action="${target}"><input name="csrf" value="guess"></form><script>document.getElementById('f').submit()</script></body></html>`,
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })),
  );
}

describe.each(testDatabaseKinds())('dashboard sign-in on %s', (kind) => {
  const suite = dashboardSuite(kind, { coordinators: [MARGARET] });
  let h: DashboardHarness;
  let browser: Browser;
  let context: BrowserContext;
  beforeEach(() => ({ h, browser, context } = suite));

  test('a coordinator signs in through the link /rm-admin dashboard answers, privately', async () => {
    const { text, url } = await askForLink(h, MARGARET);
    expect(text).toContain('works once, in the next 10 minutes');
    expect(url).toMatch(new RegExp(`^${h.baseUrl}/admin/signin/link/[A-Za-z0-9_-]{43}$`));
    const page = await context.newPage();
    await page.goto(url!);
    await screenshot(page, `${kind}-sign-in-link`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue to the dashboard' }).click();
    await page.waitForURL(/\/admin\/programmes$/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Programmes');
    await screenshot(page, `${kind}-programmes-empty`);
    const cookie = (await context.cookies()).find((c) => c.name === 'rm_dashboard')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/admin' });
    expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(8 * 3600 - 120);
    // Only the hash is stored.
    const stored = await h.bot.db.client.dashboardSession.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(cookie.value);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the coordinator’s App Home has an "Open the dashboard" button: its modal carries a link of their own', async () => {
    const published = h.emulator.callsTo('views.publish').length;
    await h.driver.appHomeOpened(MARGARET);
    await h.emulator.waitForCall('views.publish', { count: published + 1, timeoutMs: 5000 });
    const home = h.emulator.homeViewFor(MARGARET)!;
    expect(JSON.stringify(home.blocks)).toContain('Open the dashboard');
    const opens = h.emulator.callsTo('views.open').length;
    await h.driver.blockAction({
      userId: MARGARET,
      actionId: 'home_dashboard_link',
      value: 'open',
      container: { type: 'view', viewId: home.id },
    });
    const opened = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
    const modal = JSON.stringify((opened.params.view as { blocks: unknown }).blocks);
    const url = /<(http:\/\/[^|>]+)\|open the dashboard>/.exec(modal)?.[1];
    expect(url).toMatch(/\/admin\/signin\/link\//);
    const page = await context.newPage();
    await signInWithLink(page, url!);
    // Someone else's Home has no such button.
    await h.driver.appHomeOpened(HEMI);
    await h.emulator.waitForCall('views.publish', { count: published + 2, timeoutMs: 5000 });
    expect(JSON.stringify(h.emulator.homeViewFor(HEMI)?.blocks)).not.toContain('Open the dashboard');
  });

  test('a link works once: opened again, it signs nobody in', async () => {
    const { url } = await askForLink(h, MARGARET);
    const first = await context.newPage();
    await signInWithLink(first, url!);
    const other = await newContext(browser);
    try {
      const again = await other.newPage();
      const res = await again.goto(url!);
      expect(res?.status()).toBe(403);
      await expect(again.getByRole('alert').textContent()).resolves.toContain('already been used, has expired');
      await screenshot(again, `${kind}-link-reused`);
      // Nor does posting it directly.
      const posted = await other.request.post(`${h.baseUrl}/admin/signin/link`, {
        form: { token: url!.split('/').pop()! },
        headers: { origin: h.baseUrl },
      });
      expect(posted.status()).toBe(403);
      expect((await other.cookies()).some((c) => c.name === 'rm_dashboard')).toBe(false);
    } finally {
      await other.close();
    }
  });

  test('a link expires after 10 minutes', async () => {
    const { url } = await askForLink(h, MARGARET);
    h.clock.advance(10 * 60_000 + 1000);
    const page = await context.newPage();
    const res = await page.goto(url!);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('has expired');
    expect((await context.cookies()).some((c) => c.name === 'rm_dashboard')).toBe(false);
  });

  test('someone who is not a coordinator gets no link, and no page', async () => {
    const { text, url } = await askForLink(h, HEMI);
    expect(url).toBeUndefined();
    expect(text).toContain('is for programme coordinators');
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/admin/programmes`);
    expect(page.url()).toBe(`${h.baseUrl}/admin/signin?why=signed_out`);
    await screenshot(page, `${kind}-sign-in`);
    expect(await seriousViolations(page)).toEqual([]);
    // A made-up link is refused too.
    const forged = await page.goto(`${h.baseUrl}/admin/signin/link/${'A'.repeat(43)}`);
    expect(forged?.status()).toBe(403);
  });

  test('a session ends when its person stops being a coordinator', async () => {
    await h.driver.slashCommand({ userId: MARGARET, command: '/rm-admin', text: `coordinator add <@${JONAS}> all` });
    const { url } = await askForLink(h, JONAS);
    const page = await context.newPage();
    await signInWithLink(page, url!);
    await h.driver.slashCommand({ userId: MARGARET, command: '/rm-admin', text: `coordinator remove <@${JONAS}> all` });
    await page.goto(`${h.baseUrl}/admin/programmes`);
    expect(page.url()).toBe(`${h.baseUrl}/admin/signin?why=not_coordinator`);
    await expect(page.getByRole('main').textContent()).resolves.toContain('for programme coordinators only');
    // Ended for good: becoming a coordinator again needs a new link.
    await h.driver.slashCommand({ userId: MARGARET, command: '/rm-admin', text: `coordinator add <@${JONAS}> all` });
    await page.goto(`${h.baseUrl}/admin/programmes`);
    expect(page.url()).toContain('/admin/signin');
    await h.driver.slashCommand({ userId: MARGARET, command: '/rm-admin', text: `coordinator remove <@${JONAS}> all` });
  });

  test('sign-out ends the session on the server', async () => {
    const { url } = await askForLink(h, MARGARET);
    const page = await context.newPage();
    await signInWithLink(page, url!);
    const cookie = (await context.cookies()).find((c) => c.name === 'rm_dashboard')!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/signin\?bye=1$/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('signed out');
    // The old cookie, replayed, opens nothing.
    const replay = await context.request.get(`${h.baseUrl}/admin/programmes`, {
      headers: { cookie: `rm_dashboard=${cookie.value}` },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(303);
    expect(replay.headers().location).toBe('/admin/signin?why=signed_out');
  });

  test('a forged cross-site request gets nothing', async () => {
    const { url } = await askForLink(h, MARGARET);
    const page = await context.newPage();
    await signInWithLink(page, url!);
    const sessionsBefore = await h.bot.db.client.dashboardSession.count({ where: { endedAt: null } });
    // 1. Another site makes the signed-in browser post a form to the dashboard (sign-out, here).
    const attacker = await attackerSite(`${h.baseUrl}/admin/signout`);
    try {
      const posted = page.waitForResponse((r) => r.url() === `${h.baseUrl}/admin/signout`);
      await page.goto(attacker.url);
      expect((await posted).status()).toBe(403);
    } finally {
      attacker.server.close();
    }
    expect(await h.bot.db.client.dashboardSession.count({ where: { endedAt: null } })).toBe(sessionsBefore);
    const cookie = (await context.cookies()).find((c) => c.name === 'rm_dashboard')!;
    // 2. The session's cookie with another Origin (as if SameSite did not hold): refused.
    const otherOrigin = await context.request.post(`${h.baseUrl}/admin/signout`, {
      headers: { cookie: `rm_dashboard=${cookie.value}`, origin: 'http://evil.example' },
      form: { csrf: 'x' },
      maxRedirects: 0,
    });
    expect(otherOrigin.status()).toBe(403);
    // 3. The right cookie and origin without the session's form token: refused.
    const noToken = await context.request.post(`${h.baseUrl}/admin/signout`, {
      headers: { cookie: `rm_dashboard=${cookie.value}`, origin: h.baseUrl },
      form: { csrf: 'not-the-token' },
      maxRedirects: 0,
    });
    expect(noToken.status()).toBe(403);
    expect(await h.bot.db.client.dashboardSession.count({ where: { endedAt: null } })).toBe(sessionsBefore);
    // The page itself still works.
    await page.goto(`${h.baseUrl}/admin/programmes`);
    expect(page.url()).toBe(`${h.baseUrl}/admin/programmes`);
  });

  test('every answer carries the security headers', async () => {
    const res = await context.request.get(`${h.baseUrl}/admin/signin`);
    expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['referrer-policy']).toBe('same-origin');
  });
});

describe.each(testDatabaseKinds())('dashboard behind HTTPS on %s', (kind) => {
  const PUBLIC = 'https://rm-bot.example.com';
  let h: DashboardHarness;
  beforeAll(async () => {
    h = await startDashboardHarness(kind, { coordinators: [MARGARET], env: { PUBLIC_URL: PUBLIC } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  test('links start with PUBLIC_URL; the cookie is Secure; forms from the plain-HTTP origin are refused', async () => {
    const { url } = await askForLink(h, MARGARET);
    expect(url).toMatch(new RegExp(`^${PUBLIC}/admin/signin/link/`));
    const token = url!.split('/').pop()!;
    // A TLS proxy in front sends the browser's request on: here, straight to the bot's port.
    const direct = `http://127.0.0.1:${h.bot.port}/admin/signin/link`;
    const post = (origin: string) =>
      fetch(direct, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ token }),
        redirect: 'manual',
      });
    expect((await post(h.baseUrl)).status).toBe(403);
    const res = await post(PUBLIC);
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(
      /^rm_dashboard=[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
