// Programme health and exports in a real browser, on a programme with known figures (tests/support/reportFixture.ts):
// the report's numbers with charts, under the report's privacy rules; the CSV files download.
import type { Page } from 'playwright-core';
import { testDatabaseKinds } from '../support/databases.js';
import { FEEDBACK, REPORT_NOW, seedReportFixture, SPRING } from '../support/reportFixture.js';
import { dashboardSuite, screenshot, seriousViolations, type DashboardHarness } from './support/dashboardHarness.js';

const MARGARET = 'U0EMU0005';

describe.each(testDatabaseKinds())('dashboard health and exports on %s', (kind) => {
  const suite = dashboardSuite(kind, {
    coordinators: [MARGARET],
    now: REPORT_NOW,
    signInAs: MARGARET,
    prepare: (harness) => seedReportFixture(harness.bot.db.client),
  });
  let h: DashboardHarness;
  let page: Page;
  beforeAll(() => ({ h, page } = suite));

  test('the programmes page lists every programme with its phase and counts', async () => {
    await page.goto(`${h.baseUrl}/admin/programmes`);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.count()).resolves.toBe(4); // a header and three programmes
    const spring = page.getByRole('row', { name: /Spring 2026/ });
    expect((await spring.getByRole('cell').first().innerText()).trim()).toBe('Running');
    await screenshot(page, `${kind}-programmes`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('health shows the report figures with charts and tables, and no concern', async () => {
    await page.goto(`${h.baseUrl}/admin/programmes/${SPRING}/health`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Health: Spring 2026');
    // Every chart is an image with a name, and its figures are in a table.
    const charts = page.getByRole('img');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    await expect(page.getByRole('img', { name: 'Share of due check-ins that were met, per month' }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: 'Check-ins per month', includeHidden: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: /silent for two cadences/ }).count()).resolves.toBe(1);
    const text = await page.content();
    for (const f of FEEDBACK) if (f.concern) expect(text).not.toContain(f.concern);
    await screenshot(page, `${kind}-health`);
    expect(await seriousViolations(page)).toEqual([]);
    // The figures open with the keyboard.
    await page.getByText('Show the figures').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Check-ins per month' }).isVisible()).resolves.toBe(true);
  });

  test('exports: the CSV files download, with a byte order mark', async () => {
    await page.goto(`${h.baseUrl}/admin/programmes/${SPRING}/exports`);
    await screenshot(page, `${kind}-exports`);
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'participants.csv' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('spring-2026-2026-06-15-participants.csv');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('Zoe Martin');
    // Another programme's people are not in it.
    const res = await suite.context.request.get(`${h.baseUrl}/admin/programmes/${SPRING}/exports/feedback_comments.csv`);
    expect(res.status()).toBe(200);
    for (const f of FEEDBACK) if (f.concern) expect(await res.text()).not.toContain(f.concern);
  });

  test('a programme that does not exist is a 404 page', async () => {
    const res = await page.goto(`${h.baseUrl}/admin/programmes/nope/health`);
    expect(res?.status()).toBe(404);
  });
});
