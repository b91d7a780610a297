// "Sign in with Slack" (OpenID Connect) against the emulator's authorize page, token endpoint and keys, in a real
// browser: a coordinator gets in; a non-coordinator, a cancelled sign-in, a replayed callback and a callback
// finished in another browser (login CSRF) get nothing.
import type { Browser, BrowserContext } from 'playwright-core';
import { testDatabaseKinds } from '../support/databases.js';
import { dashboardSuite, newContext, screenshot, seriousViolations, type DashboardHarness } from './support/dashboardHarness.js';

const MARGARET = 'U0EMU0005';
const HEMI = 'U0EMU0006';

describe.each(testDatabaseKinds())('Sign in with Slack on %s', (kind) => {
  const suite = dashboardSuite(kind, { coordinators: [MARGARET] });
  let h: DashboardHarness;
  let browser: Browser;
  let context: BrowserContext;
  beforeEach(() => ({ h, browser, context } = suite));

  /** From the dashboard's sign-in page to Slack's consent page, as `userId`. */
  async function toSlack(userId: string) {
    h.emulator.openId.signedInUser = userId;
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/admin/signin`);
    await page.getByRole('link', { name: 'Sign in with Slack' }).click();
    await page.waitForURL(new RegExp(`^${h.emulator.baseUrl}/openid/connect/authorize\\?`));
    return page;
  }

  test('a coordinator signs in with Slack: state, nonce and the id_token are checked, the session starts', async () => {
    const page = await toSlack(MARGARET);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('client_id')).toBe('emulator-client-id');
    expect(authorize.searchParams.get('scope')).toBe('openid profile');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.baseUrl}/admin/signin/slack/callback`);
    expect(authorize.searchParams.get('team')).toBe(h.emulator.workspace.teamId);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${h.baseUrl}/admin/programmes`);
    await screenshot(page, `${kind}-openid-signed-in`);
    expect(await seriousViolations(page)).toEqual([]);
    const sessions = await h.bot.db.client.dashboardSession.findMany({ where: { signedInVia: 'openid' } });
    expect(sessions.map((s) => s.slackUserId)).toEqual([MARGARET]);
    expect(h.emulator.openId.calls.filter((c) => c.method === 'openid.connect.token')).toEqual([
      { method: 'openid.connect.token', ok: true },
    ]);
    // The attempt's browser cookie is gone; the session's is set.
    const names = (await context.cookies()).map((c) => c.name);
    expect(names).toContain('rm_dashboard');
    expect(names).not.toContain('rm_dashboard_signin');
  });

  test('someone who is not a coordinator is refused after Slack vouches for them', async () => {
    const page = await toSlack(HEMI);
    const response = page.waitForResponse((r) => r.url().startsWith(`${h.baseUrl}/admin/signin/slack/callback`));
    await page.getByRole('button', { name: 'Allow' }).click();
    expect((await response).status()).toBe(403);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('for programme coordinators only');
    expect((await context.cookies()).some((c) => c.name === 'rm_dashboard')).toBe(false);
  });

  test('a cancelled sign-in signs nobody in', async () => {
    const page = await toSlack(MARGARET);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/admin\/signin\/slack\/callback\?error=access_denied/);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('did not work');
    expect((await context.cookies()).some((c) => c.name === 'rm_dashboard')).toBe(false);
  });

  test('a callback works once, and only in the browser that started the sign-in', async () => {
    const page = await toSlack(MARGARET);
    // Note where Slack sends the browser back.
    let callback = '';
    page.on('request', (r) => {
      if (r.url().startsWith(`${h.baseUrl}/admin/signin/slack/callback`)) callback = r.url();
    });
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${h.baseUrl}/admin/programmes`);
    expect(callback).toContain('code=');
    // The same callback again (a replayed code and state) signs nobody in.
    const replay = await context.newPage();
    const again = await replay.goto(callback);
    expect(again?.status()).toBe(403);

    // A sign-in an attacker started in their browser and has the victim's browser finish (login CSRF): refused.
    const attacker = await newContext(browser);
    const victim = await newContext(browser);
    try {
      h.emulator.openId.signedInUser = MARGARET;
      const attackerPage = await attacker.newPage();
      await attackerPage.goto(`${h.baseUrl}/admin/signin/slack`);
      const authorize = new URL(attackerPage.url());
      const decision = await attacker.request.post(`${h.emulator.baseUrl}/openid/connect/authorize`, {
        form: {
          client_id: authorize.searchParams.get('client_id')!,
          redirect_uri: authorize.searchParams.get('redirect_uri')!,
          state: authorize.searchParams.get('state')!,
          nonce: authorize.searchParams.get('nonce')!,
          user: MARGARET,
          decision: 'allow',
        },
        maxRedirects: 0,
      });
      const stolen = decision.headers().location!;
      expect(stolen).toContain('code=');
      const victimPage = await victim.newPage();
      const res = await victimPage.goto(stolen);
      expect(res?.status()).toBe(403);
      expect((await victim.cookies()).some((c) => c.name === 'rm_dashboard')).toBe(false);
    } finally {
      await attacker.close();
      await victim.close();
    }
  });
});
