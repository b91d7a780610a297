import pg from 'pg';
import { signSlackRequest } from '../../src/devtools/emulator/index.js';
import { eventually } from '../support/eventually.js';
import { TEST_POSTGRES_URL, testDatabaseKinds } from '../support/databases.js';
import { startHarness, TEST_SIGNING_SECRET, type Harness } from '../support/harness.js';
import { withDays } from '../support/slackDates.js';

const COORDINATOR = 'U0EMU0005'; // Margaret Liu, Chief People Officer
const EMPLOYEE = 'U0EMU0007'; // Zoe Martin, Marketing Associate
const SENIOR = 'U0EMU0001'; // Amara Okafor, COO

async function seedPairedProgramme(h: Harness): Promise<void> {
  const db = h.bot.db.client;
  await db.programme.create({
    data: {
      id: 'prog-1',
      name: 'Spring cohort',
      status: 'running',
      startDate: new Date('2026-03-01T00:00:00Z'),
      durationMonths: 6,
      endDate: new Date('2026-09-01T00:00:00Z'),
      signupDeadline: new Date('2026-02-20T00:00:00Z'),
      createdBySlackId: COORDINATOR,
    },
  });
  await db.participant.create({
    data: { id: 'mentor-1', programmeId: 'prog-1', slackUserId: EMPLOYEE, role: 'mentor', seniorityLevel: 1 },
  });
  await db.participant.create({
    data: { id: 'mentee-1', programmeId: 'prog-1', slackUserId: SENIOR, role: 'mentee', seniorityLevel: 6 },
  });
  await db.pairing.create({
    data: { id: 'pair-1', programmeId: 'prog-1', mentorId: 'mentor-1', menteeId: 'mentee-1', status: 'active' },
  });
}

function userChangeBody(h: Harness, userId: string, eventId: string): string {
  return JSON.stringify({
    token: 'x',
    team_id: h.emulator.workspace.teamId,
    api_app_id: h.emulator.workspace.appId,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1767000000,
    event: { type: 'user_change', user: { id: userId, deleted: true }, event_ts: '1767000000.000100' },
  });
}

describe.each(testDatabaseKinds())('foundation end to end on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR] });
    await seedPairedProgramme(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('url_verification is answered with the challenge', async () => {
    const res = await h.driver.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  test('a slash command round trip: a coordinator asks /rm-admin help', async () => {
    const res = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'help' });
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(res.json?.text).toContain('`/rm-admin open`');
    expect(res.json?.text).toContain('`/rm-report [programme]`');
  });

  test('a coordinator added by another coordinator is recognised; anyone else is refused politely and nothing changes', async () => {
    const before = await h.bot.db.client.programme.count();
    const refused = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-admin', text: 'open' });
    expect(refused.status).toBe(200);
    expect(refused.json?.text).toContain('is for programme coordinators');
    const report = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report' });
    expect(report.json?.text).toContain('is for programme coordinators');
    expect(await h.bot.db.client.programme.count()).toBe(before);

    await h.bot.db.client.coordinator.create({ data: { slackUserId: 'U0EMU0004', addedBySlackId: COORDINATOR } });
    const added = await h.driver.slashCommand({ userId: 'U0EMU0004', command: '/rm-admin', text: '' });
    expect(added.json?.text).toContain('What coordinators can do');
  });

  test('unknown commands and sub-commands get a clear answer', async () => {
    const unknown = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-frobnicate' });
    expect(unknown.status).toBe(200);
    expect(unknown.json?.text).toContain("I don't know `/rm-frobnicate`");
    const sub = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-admin', text: 'explode now' });
    expect(sub.json?.text).toContain('`/rm-admin explode` is not something I can do');
  });

  test('/rm-join when no programme is open says so', async () => {
    // Someone who takes part in no programme (a participant of a running one gets their profile to edit): the one
    // programme here is running, so signup has closed, and the answer says when and whom to ask.
    const res = await h.driver.slashCommand({ userId: 'U0EMU0010', command: '/rm-join' });
    expect(res.json?.text).toMatch(
      withDays(
        `Signup for *Spring cohort* closed on [[Fri 20 Feb 2026]]. <@${COORDINATOR}> runs it: ask them about the next programme.`,
      ),
    );
  });

  test('forged, unsigned and stale requests get 401 and no handler runs', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = userChangeBody(h, SENIOR, 'EvFORGED1');
    const forged = await h.driver.raw({ body, signature: signSlackRequest('not-the-secret', now, body) });
    const unsigned = await h.driver.raw({ body, signature: null, timestamp: null });
    const stale = await h.driver.raw({
      body,
      timestamp: now - 6 * 60,
      signature: signSlackRequest(TEST_SIGNING_SECRET, now - 6 * 60, body),
    });
    const tampered = await h.driver.raw({
      body: body.replace('EvFORGED1', 'EvFORGED2'),
      signature: signSlackRequest(TEST_SIGNING_SECRET, now, body),
    });
    const command = new URLSearchParams({
      command: '/rm-admin',
      text: 'help',
      user_id: COORDINATOR,
      team_id: 'T1',
      channel_id: 'D1',
      trigger_id: 't',
      response_url: 'http://127.0.0.1:1/x',
    }).toString();
    const forgedCommand = await h.driver.raw({
      body: command,
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=' + '0'.repeat(64),
    });
    for (const res of [forged, unsigned, stale, tampered, forgedCommand]) {
      expect(res.status).toBe(401);
      expect(res.body).not.toContain('coordinators');
    }
    await new Promise((r) => setTimeout(r, 200)); // a handler that wrongly ran would have written by now
    const senior = await h.bot.db.client.participant.findUniqueOrThrow({ where: { id: 'mentee-1' } });
    expect(senior.status).toBe('active');
    expect(await h.bot.db.client.processedEvent.count({ where: { eventId: { startsWith: 'EvFORGED' } } })).toBe(0);
  });

  test('bodies that are not what Slack sends are rejected and change nothing', async () => {
    const recorded = await h.bot.db.client.processedEvent.count(); // earlier tests' requests (their trigger ids)
    const notJson = await h.driver.raw({ body: '{"type": "event_callback", ' });
    expect(notJson.status).toBe(400);
    const charset = await h.driver.raw({
      body: 'payload=%7B%7D',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(charset.status).toBeGreaterThanOrEqual(400);
    const wrongMethod = await fetch(h.appUrl);
    expect(wrongMethod.status).toBe(405);
    const elsewhere = await fetch(h.appUrl.replace('/slack/events', '/wp-admin')); // (/admin is the dashboard's)
    expect(elsewhere.status).toBe(404);
    expect(await h.bot.db.client.processedEvent.count()).toBe(recorded);
  });

  test('App Home is published for the person who opened it', async () => {
    const OUTSIDER = 'U0EMU0010';
    h.emulator.reset();
    const res = await h.driver.appHomeOpened(OUTSIDER);
    expect(res.status).toBe(200);
    const publish = await eventually(
      () => h.emulator.callsTo('views.publish').find((c) => c.params.user_id === OUTSIDER),
      5000,
      'views.publish',
    );
    expect(publish.response.ok).toBe(true);
    const home = h.emulator.homeViewFor(OUTSIDER);
    expect(JSON.stringify(home?.blocks)).toContain('reverse mentoring a junior colleague mentors a senior leader');
    expect(JSON.stringify(home?.blocks)).not.toContain('You are a coordinator');

    await h.driver.appHomeOpened(COORDINATOR);
    await eventually(
      () => JSON.stringify(h.emulator.homeViewFor(COORDINATOR)?.blocks ?? '').includes('You are a coordinator'),
      5000,
      'coordinator home',
    );
  });

  test('a departure (user_change, deleted) is applied once even when Slack retries the event', async () => {
    h.emulator.deleteUser(SENIOR);
    const first = await h.driver.userChange(SENIOR, { eventId: 'EvDEPART1' });
    const retry = await h.driver.userChange(SENIOR, { eventId: 'EvDEPART1', retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const db = h.bot.db.client;
    const senior = await eventually(
      async () => {
        const p = await db.participant.findUniqueOrThrow({ where: { id: 'mentee-1' } });
        return p.status === 'departed' ? p : undefined;
      },
      5000,
      'departure recorded',
    );
    expect(senior.leftAt).toEqual(h.clock.now());
    expect((await db.pairing.findUniqueOrThrow({ where: { id: 'pair-1' } })).status).toBe('paused');
    // Slack's retry found the event recorded in the inbox: answered 200, not run again.
    expect(await db.inboxRequest.count({ where: { requestKey: 'event:EvDEPART1' } })).toBe(1);
    expect(await db.processedEvent.count({ where: { eventId: 'EvDEPART1' } })).toBe(1);
    expect(h.logLines.filter((l) => l.includes('recorded a departure'))).toHaveLength(1);
  });

  test('GET /healthz answers 200 with the database reachable', async () => {
    const res = await fetch(h.appUrl.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      database: 'reachable',
      migrations: 'applied',
      slack: 'authorized',
      sender: 'delivering',
      mode: 'http',
    });
  });

  test('logs carry no token or secret', () => {
    const all = h.logLines.join('\n');
    expect(all).not.toContain(h.emulator.botToken);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});

test('GET /healthz answers 503 while PostgreSQL is unreachable, and 200 again when it is back', async () => {
  if (!testDatabaseKinds().includes('postgres')) return;
  const h = await startHarness('postgres');
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const dbName = new URL(h.config.databaseUrl).pathname.slice(1);
  const health = () => fetch(h.appUrl.replace('/slack/events', '/healthz'));
  try {
    expect((await health()).status).toBe(200);
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [dbName]);
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await eventually(async () => (await health()).status === 200, 5000, 'health back to 200');
  } finally {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.end();
    await h.stop();
  }
});
