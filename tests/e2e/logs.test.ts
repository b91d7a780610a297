import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, TEST_SIGNING_SECRET, type Harness } from '../support/harness.js';
import { COORDINATOR, joinWith, MENTOR_ANSWERS, openProgramme, ZOE } from '../support/programmeFlows.js';

interface LogRecord {
  level: string;
  time: string;
  pid: number;
  component: string;
  msg: string;
  requestId?: string;
  err?: { type: string; message: string; stack?: string };
}

const PRIVATE = {
  goals: 'I want to learn PRIVATE-GOAL-7 from my mentee',
  department: 'PRIVATE-DEPT-7',
  title: 'PRIVATE-TITLE-7',
};

describe.each(testDatabaseKinds())('the log on %s', (kind) => {
  let h: Harness;
  let records: LogRecord[];
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR] });
    await openProgramme(h);
    await joinWith(h, ZOE, { ...MENTOR_ANSWERS, ...PRIVATE, capacity: '1', timezone: 'Europe/London' });
    await eventually(() => h.bot.db.client.participant.findFirst({ where: { slackUserId: ZOE } }), 5000, 'signup');
    // A departure: an event, whose handling logs a line.
    h.emulator.deleteUser(ZOE);
    await h.driver.userChange(ZOE, { eventId: 'EvLOGS0001' });
    await eventually(() => h.logLines.some((l) => l.includes('recorded a departure')), 5000, 'the departure');
    // Junk, and a listener that fails.
    await h.driver.raw({ body: '{"type":"event_callback"}', signature: `v0=${'2'.repeat(64)}` });
    expect(await h.bot.idle(5000)).toBe(true);
    records = h.logLines.map((line) => JSON.parse(line) as LogRecord);
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('every line is one JSON record: level, ISO time, pid, component, message', () => {
    expect(records.length).toBeGreaterThan(3);
    for (const r of records) {
      expect(['debug', 'info', 'warn', 'error']).toContain(r.level);
      expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.pid).toBe(process.pid);
      expect(typeof r.component).toBe('string');
      expect(typeof r.msg).toBe('string');
    }
    expect(records.some((r) => r.component === 'rm-bot' || r.component === 'e2e')).toBe(true);
  });

  test("a request's lines carry its id: an event's is Slack's event_id (the same for Slack's retries of it)", () => {
    const departure = records.filter((r) => r.msg.includes('recorded a departure'));
    expect(departure.map((r) => r.requestId)).toEqual(['EvLOGS0001']);
    // Work outside a request (the outbox sender, the start) has none.
    expect(records.filter((r) => r.msg.startsWith('database ready')).map((r) => r.requestId)).toEqual([undefined]);
  });

  test('no token, no secret, no profile text, no name in any line', () => {
    const all = h.logLines.join('\n');
    expect(all).not.toContain(h.emulator.botToken);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
    for (const text of Object.values(PRIVATE)) expect(all).not.toContain(text);
    expect(all).not.toContain('Spring 2026'); // the programme's name, typed by the coordinator
    for (const person of h.emulator.workspace.users) expect(all).not.toContain(person.real_name);
  });

  test('a forged request is counted and summarised, not logged with its content', () => {
    const refusals = records.filter((r) => r.msg.startsWith('refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 'warn', component: 'http' });
    expect(refusals[0]!.msg).toContain('bad_signature');
    expect(refusals[0]!.requestId).toBeUndefined();
  });
});
