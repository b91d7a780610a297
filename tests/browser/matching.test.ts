// The matching review and the roster in a real browser: a coordinator reviews a draft (sort, filter, pin, swap,
// remove, re-run) and approves it, and the Slack preview of the same draft sees the approval; then filters the
// roster and pauses, withdraws and rematches people, each confirmed first and told in Slack.
import type { Page } from 'playwright-core';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import {
  AMARA,
  COORDINATOR,
  joinWith,
  KLAUS,
  LEO,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  openProgramme,
  ZOE,
} from '../support/programmeFlows.js';
import { dashboardSuite, screenshot, seriousViolations, type DashboardHarness } from './support/dashboardHarness.js';

const DANIEL = 'U0EMU0002';
const PRIYA = 'U0EMU0003';
const AISHA = 'U0EMU0009';
const MENTORS = [ZOE, LEO, AISHA];
const MENTEES = [AMARA, KLAUS, PRIYA, DANIEL];
const PEOPLE: Record<string, { department: string; timezone: string }> = {
  [ZOE]: { department: 'Marketing', timezone: 'Europe/London' },
  [LEO]: { department: 'Engineering', timezone: 'America/Los_Angeles' },
  [AISHA]: { department: 'Finance', timezone: 'Asia/Kolkata' },
  [AMARA]: { department: 'Operations', timezone: 'Europe/London' },
  [KLAUS]: { department: 'Engineering', timezone: 'Europe/Berlin' },
  [PRIYA]: { department: 'Finance', timezone: 'Asia/Kolkata' },
  [DANIEL]: { department: 'Sales', timezone: 'America/Los_Angeles' },
};

const trimmed = async (p: Promise<string>) => (await p).replace(/\s+/g, ' ').trim();

describe.each(testDatabaseKinds())('dashboard matching and roster on %s', (kind) => {
  let h: DashboardHarness;
  let page: Page;
  let programmeId: string;
  const db = () => h.bot.db.client;
  const draft = () =>
    db().matchRun.findFirstOrThrow({
      where: { status: 'draft' },
      include: { pairings: { include: { mentor: true, mentee: true } } },
    });
  const nameOf = async (slackUserId: string) => (await db().participant.findFirstOrThrow({ where: { slackUserId } })).displayName;
  const rows = () => page.getByRole('table').first().locator('tbody tr');

  const suite = dashboardSuite(kind, {
    coordinators: [COORDINATOR],
    signInAs: COORDINATOR,
    timeoutMs: 90_000,
    prepare: async (harness) => {
      h = harness;
      await openProgramme(h, { startDate: '2026-03-30', signupDeadline: '2026-03-16' });
      await eventually(async () => (await db().programme.count()) === 1, 5000, 'programme');
      programmeId = (await db().programme.findFirstOrThrow()).id;
      for (const m of MENTORS)
        await joinWith(h, m, {
          ...MENTOR_ANSWERS,
          capacity: '1',
          ...PEOPLE[m]!,
          ...(m === LEO ? { managerSlackId: KLAUS } : {}),
        });
      for (const m of MENTEES) await joinWith(h, m, { ...MENTEE_ANSWERS, ...PEOPLE[m]! });
      await eventually(async () => (await db().participant.count()) === 7, 10_000, 'participants');
    },
  });
  beforeAll(() => ({ h, page } = suite));

  test('the roster filters, searches and sorts, by keyboard too', async () => {
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/roster`);
    await expect(rows().count()).resolves.toBe(7);
    await screenshot(page, `${kind}-roster`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Role', { exact: true }).selectOption('mentor');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/role=mentor/);
    await expect(rows().count()).resolves.toBe(3);
    await page.getByLabel('Department', { exact: true }).selectOption('Finance');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/department=Finance/);
    await expect(rows().count()).resolves.toBe(1);
    expect(await trimmed(rows().first().locator('th').innerText())).toContain(await nameOf(AISHA));
    // Search with the keyboard only.
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByLabel('Search', { exact: true }).focus();
    await page.keyboard.type('engineer');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=engineer/);
    const found = await rows().locator('th').allInnerTexts();
    expect(found).toHaveLength(2); // Leo (Junior Software Engineer) and Klaus (Engineering Director)
    // Sort by name, descending: the header is a link that says where it sorts.
    await page.getByRole('link', { name: 'Name, sort descending' }).click(); // sorted by name, ascending, so far
    await page.waitForURL(/sort=name&dir=desc/);
    const names = (await rows().locator('th').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    await expect(page.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).resolves.toBe('descending');
  });

  test('matching: a draft as a table, sorted and filtered, with the waitlist and why', async () => {
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/matching`);
    await page.getByRole('button', { name: 'Prepare a draft matching' }).click();
    await page.waitForURL(/done=prepared/);
    await expect(rows().count()).resolves.toBe(3);
    const waitlist = page.getByRole('table', { name: /on the waitlist/ });
    expect(await trimmed(waitlist.locator('tbody').innerText())).toContain('no mentor capacity left');
    const run = await draft();
    expect(run.pairings).toHaveLength(3);
    // Leo's manager is Klaus: never the same reporting line.
    expect(run.pairings.some((p) => p.mentor.slackUserId === LEO && p.mentee.slackUserId === KLAUS)).toBe(false);
    await screenshot(page, `${kind}-matching`);
    expect(await seriousViolations(page)).toEqual([]);
    // Lowest score first, then a score floor.
    await page.getByRole('link', { name: 'Score, sort ascending' }).click();
    await page.waitForURL(/sort=score&dir=asc/);
    const scores = (await rows().locator('td.num').allInnerTexts()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    await page.getByLabel('Lowest score').fill(String(Math.ceil(scores[1]!)));
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/minScore=/);
    expect(await rows().count()).toBeLessThan(3);
  });

  test('pin, swap, remove and re-run give the Slack preview’s outcomes and refusals', async () => {
    const run = await draft();
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/matching`);
    // Pin a pair of the draft with its row's button (its accessible name says which pair).
    const zoePair = run.pairings.find((p) => p.mentor.slackUserId === ZOE)!;
    await page
      .getByRole('button', { name: `Pin the pair ${zoePair.mentor.displayName} and ${zoePair.mentee.displayName}` })
      .click();
    await page.waitForURL(/done=pinned/);
    expect((await db().pairing.findUniqueOrThrow({ where: { id: zoePair.id } })).pinned).toBe(true);
    // Pin by hand: a pair the rules forbid is refused with the reason, and nothing changes.
    await page.getByRole('link', { name: 'Pin a pair…' }).click();
    await screenshot(page, `${kind}-matching-pin`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mentor (teaches)').selectOption(LEO);
    await page.getByLabel('Mentee (learns)').selectOption(KLAUS);
    await page.getByRole('button', { name: 'Pin this pair' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('reporting_line');
    expect((await draft()).id).toBe(run.id);
    // Swap two mentors.
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/matching/swap`);
    await screenshot(page, `${kind}-matching-swap`);
    expect(await seriousViolations(page)).toEqual([]);
    const aishaBefore = run.pairings.find((p) => p.mentor.slackUserId === AISHA)?.mentee.slackUserId;
    await page.getByLabel('First person').selectOption(ZOE);
    await page.getByLabel('Second person').selectOption(AISHA);
    await page.getByRole('button', { name: 'Swap them' }).click();
    await page.waitForURL(/done=swapped/);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(
      `Swapped ${await nameOf(ZOE)} and ${await nameOf(AISHA)}`,
    );
    const swapped = await draft();
    expect(swapped.pairings.find((p) => p.mentor.slackUserId === ZOE)?.mentee.slackUserId).toBe(aishaBefore);
    // Remove a pair: both join the waitlist as "removed by a coordinator".
    const removed = swapped.pairings.find((p) => p.mentor.slackUserId === AISHA)!;
    await page
      .getByRole('button', { name: `Remove the pair ${removed.mentor.displayName} and ${removed.mentee.displayName}` })
      .click();
    await page.waitForURL(/done=removed/);
    await expect(rows().count()).resolves.toBe(2);
    expect(await trimmed(page.getByRole('table', { name: /on the waitlist/ }).innerText())).toContain('removed by a coordinator');
    // Re-run: a new draft, the removed pair kept apart.
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.waitForURL(/done=rerun/);
    const rerun = await draft();
    expect(rerun.id).not.toBe(run.id);
    expect(rerun.pairings).toHaveLength(3);
    expect(rerun.pairings.some((p) => p.mentorId === removed.mentorId && p.menteeId === removed.menteeId)).toBe(false);
    expect(await db().outboxMessage.count({ where: { kind: 'pairing.intro' } })).toBe(0);
  });

  test('approve in the dashboard: confirmed first, announced once, and the Slack preview sees it', async () => {
    // The coordinator has the same draft open in Slack.
    const opens = h.emulator.callsTo('views.open').length;
    await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'match' });
    const opened = await h.emulator.waitForCall('views.open', { count: opens + 1, timeoutMs: 5000 });
    const previewId = String((opened.response.view as { id: string }).id);
    const run = await draft();
    await eventually(
      () => JSON.stringify(h.emulator.view(previewId)?.blocks ?? []).includes('Approve and announce'),
      10_000,
      'preview',
    );
    expect((await draft()).id).toBe(run.id); // the same draft on both sides

    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/matching`);
    await page.getByRole('link', { name: 'Approve and announce…' }).click();
    await screenshot(page, `${kind}-matching-approve`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Approve and announce' }).click();
    await page.waitForURL(/done=approved/);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Approved. 3 pairs');
    expect((await db().matchRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('approved');
    const intros = await db().outboxMessage.count({ where: { kind: 'pairing.intro' } });
    expect(intros).toBe(3);

    // Slack: the preview's Approve now says it was already approved, and sends nothing more.
    const updates = h.emulator.callsTo('views.update').length;
    await h.driver.blockAction({
      userId: COORDINATOR,
      actionId: 'match_approve',
      container: { type: 'view', viewId: previewId },
    });
    await h.emulator.waitForCall('views.update', { count: updates + 1, timeoutMs: 10_000 });
    const slackView = JSON.stringify(h.emulator.view(previewId)?.blocks ?? []);
    expect(slackView).toContain('already approved');
    expect(slackView).toContain('This draft is approved');
    expect(await db().outboxMessage.count({ where: { kind: 'pairing.intro' } })).toBe(intros);
    // And the dashboard shows the run as approved, without edit buttons.
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/matching`);
    expect(await trimmed(page.getByRole('main').innerText())).toContain('Approved: the pairs were introduced.');
    await expect(page.getByRole('button', { name: /^Remove the pair/ }).count()).resolves.toBe(0);
  });

  test('roster actions: pause, withdraw and rematch, each confirmed and told in Slack', async () => {
    const pairs = await db().pairing.findMany({ where: { status: 'active' }, include: { mentor: true, mentee: true } });
    const waiting = (await db().participant.findMany({ where: { role: 'mentee' } })).find(
      (p) => !pairs.some((x) => x.menteeId === p.id),
    )!;
    // A pair whose mentor can take the waiting mentee (Leo never with Klaus, his manager); another to pause.
    const broken = pairs.find((p) => p.mentor.slackUserId !== LEO || waiting.slackUserId !== KLAUS)!;
    const pausedOne = pairs.find((p) => p.id !== broken.id)!.mentee;

    // Pause: a confirmation page with the date, then the roster says so; the person is told in Slack.
    await page.goto(`${h.baseUrl}/admin/programmes/${programmeId}/roster`);
    await page.getByRole('link', { name: `Pause ${pausedOne.displayName}…` }).click();
    await screenshot(page, `${kind}-roster-pause`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/^Back on/).fill('2026-04-20');
    await page.getByRole('button', { name: `Pause ${pausedOne.displayName}` }).click();
    await page.waitForURL(/done=pause/);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`${pausedOne.displayName} is paused`);
    const paused = await db().participant.findUniqueOrThrow({ where: { id: pausedOne.id } });
    expect(paused.status).toBe('paused');
    // The person did not act: the notice is written now and arrives in their working hours (docs/delivery-times.md).
    const written = (key: string, words: string) =>
      eventually(
        async () => {
          const row = await db().outboxMessage.findFirst({ where: { idempotencyKey: { startsWith: key } } });
          return row && (JSON.parse(row.payloadJson) as { text: string }).text.includes(words) ? row : undefined;
        },
        5000,
        key,
      );
    await written(`dashboard-paused:${pausedOne.id}:`, 'has paused your place');

    // Withdraw the mentee of another pair: the mentor is left without a partner.
    await page.getByRole('link', { name: `Withdraw ${broken.mentee.displayName}…` }).click();
    await page.getByRole('button', { name: `Withdraw ${broken.mentee.displayName}` }).click();
    await page.waitForURL(/done=withdraw/);
    expect((await db().participant.findUniqueOrThrow({ where: { id: broken.menteeId } })).status).toBe('withdrawn');
    await written(`dashboard-withdrawn:${broken.menteeId}`, 'has taken you out of');
    await eventually(
      () =>
        h.emulator
          .messagesIn(h.emulator.channelFor([COORDINATOR]))
          .some((m) => String(m.text).includes(`<@${broken.mentee.slackUserId}> has left the programme`)),
      5000,
      'the coordinators’ notice',
    );

    // Rematch the mentor left alone: paired at once with the person waiting, and introduced.
    await page.getByRole('link', { name: `Rematch ${broken.mentor.displayName}…` }).click();
    await screenshot(page, `${kind}-roster-rematch`);
    await page.getByRole('button', { name: `Rematch ${broken.mentor.displayName}` }).click();
    await page.waitForURL(/done=rematch/);
    const newPair = await db().pairing.findFirstOrThrow({ where: { status: 'active', mentorId: broken.mentorId } });
    expect(newPair.menteeId).toBe(waiting.id);
    // A second rematch of the same person is refused with the Slack button's words, and changes nothing.
    const again = await suite.context.request.post(
      `${h.baseUrl}/admin/programmes/${programmeId}/roster/${broken.mentorId}/rematch`,
      {
        form: { csrf: await page.locator('input[name=csrf]').first().inputValue() },
        headers: { origin: h.baseUrl },
      },
    );
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('already has');
    expect(await db().pairing.count({ where: { status: 'active', mentorId: broken.mentorId } })).toBe(1);
  });
});
