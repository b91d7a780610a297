// Issue 16, item 2: every submitted value is checked on the server against what the bot offered. Values a
// Slack client would never send (tampered selects and pickers, impossible dates, control characters) are
// refused with a specific inline error or a private note, and nothing is written.
import type { SlackView, StateValues } from '../../src/devtools/emulator/index.js';
import { buildStateValues } from '../../src/devtools/emulator/stateValues.js';
import { seedPair, seedProgramme, sentRow, tickAt } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, LEO, MENTOR_ANSWERS, openedModal, openProgramme, ZOE } from '../support/programmeFlows.js';

const AMARA = { slackUserId: 'U0EMU0001', timezone: 'Europe/London' };
const ZOE_MEMBER = { slackUserId: ZOE, timezone: 'Europe/London' };
const VALID_PROGRAMME = {
  startDate: '2026-03-30',
  signupDeadline: '2026-03-16',
  durationMonths: '6',
  cadenceDays: '21',
  minSeniorityGap: '2',
};
const NOT_A_DATE = 'That is not a real date: choose one with the date picker.';
const OUT_OF_BOUNDS = 'Choose a date between 2000 and 2100.';

/** The modal's state as the Slack client would send it, then `tamper` changes what a client never would. */
async function submitTampered(h: Harness, userId: string, view: SlackView, tamper: (v: StateValues) => void) {
  const values = buildStateValues(view, MENTOR_ANSWERS);
  tamper(values);
  return h.driver.submitView({ userId, viewId: view.id, values });
}
const pick = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

describe.each(testDatabaseKinds())('hostile values on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('the signup modal refuses values the bot never offered and stores nothing', async () => {
    expect((await openProgramme(h, VALID_PROGRAMME)).res.json).toBeUndefined();
    expect((await h.driver.slashCommand({ userId: ZOE, command: '/rm-join' })).status).toBe(200);
    const view = await openedModal(h, ZOE, 'signup');
    const setOption = (block: string, value: string) => (v: StateValues) => {
      v[block]!.value!.selected_option = pick(value);
    };
    const cases: [(v: StateValues) => void, Record<string, string>][] = [
      [setOption('seniorityLevel', '-5'), { seniorityLevel: 'Choose your career stage from the list.' }],
      [setOption('seniorityLevel', '999'), { seniorityLevel: 'Choose your career stage from the list.' }],
      [setOption('seniorityLevel', '3000000000'), { seniorityLevel: 'Choose your career stage from the list.' }],
      [setOption('generation', 'gen-alpha'), { generation: 'Choose a generation from the list.' }],
      [setOption('meetingPreference', 'carrier-pigeon'), { meetingPreference: 'Choose how you prefer to meet from the list.' }],
      [setOption('capacity', '9'), { capacity: 'A mentor takes 1 or 2 mentees.' }],
      [
        (v) => {
          v.managerSlackId!.value!.selected_user = '<!channel>';
        },
        { managerSlackId: 'Choose your manager with the people picker.' },
      ],
      [
        (v) => {
          v.avoidSlackIds!.value!.selected_users = [LEO, '<!here>'];
        },
        { avoidSlackIds: 'Choose people with the people picker.' },
      ],
    ];
    for (const [tamper, errors] of cases) {
      const res = await submitTampered(h, ZOE, view, tamper);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ response_action: 'errors', errors });
    }
    expect(await h.bot.db.client.participant.count()).toBe(0);

    // Control characters are stripped before any rule runs, the same way on both databases.
    const res = await submitTampered(h, ZOE, view, (v) => {
      v.goals!.value!.value = 'Help a leader\u0000 feel at home\u0007 on TikTok.\nTwice a month.';
      v.department!.value!.value = 'Mar\u0000keting\u001b';
      v.title!.value!.value = '\u0000';
    });
    expect(res.json).toBeUndefined();
    const stored = await h.bot.db.client.participant.findFirstOrThrow({ where: { slackUserId: ZOE } });
    expect([stored.goals, stored.department, stored.title, stored.seniorityLevel]).toEqual([
      'Help a leader feel at home on TikTok.\nTwice a month.',
      'Marketing',
      '',
      2,
    ]);
  });

  test('pausing until a day that does not exist is refused under the date and changes nothing', async () => {
    const db = h.bot.db.client;
    const zoe = await db.participant.findFirstOrThrow({ where: { slackUserId: ZOE } });
    const before = h.emulator.callsTo('views.publish').length;
    await h.driver.appHomeOpened(ZOE);
    await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    const home = h.emulator.homeViewFor(ZOE)!;
    const click = await h.driver.blockAction({
      userId: ZOE,
      actionId: 'home_pause',
      value: zoe.id,
      container: { type: 'view', viewId: home.id },
    });
    expect(click.status).toBe(200);
    const modal = await openedModal(h, ZOE, 'pause_until');
    for (const pausedUntil of ['2026-04-31', '2026-13-01', '2026-02-30']) {
      const res = await h.driver.fillAndSubmitModal({ userId: ZOE, viewId: modal.id, answers: { pausedUntil } });
      expect(res.json).toEqual({ response_action: 'errors', errors: { pausedUntil: NOT_A_DATE } });
    }
    const after = await db.participant.findUniqueOrThrow({ where: { id: zoe.id } });
    expect([after.status, after.pausedUntil]).toEqual(['active', null]);
  });

  test('the programme modal refuses dates that are not on the calendar or far out of bounds', async () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ startDate: '2026-13-01' }, { startDate: NOT_A_DATE }],
      [{ startDate: '2026-04-31' }, { startDate: NOT_A_DATE }],
      [{ startDate: '9999-12-31' }, { startDate: OUT_OF_BOUNDS }],
      [{ signupDeadline: '2026-02-30' }, { signupDeadline: NOT_A_DATE }],
    ];
    for (const [answers, errors] of cases) {
      const { res } = await openProgramme(h, { ...VALID_PROGRAMME, name: 'Autumn 2026', ...answers });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ response_action: 'errors', errors });
    }
    expect(await h.bot.db.client.programme.count({ where: { name: 'Autumn 2026' } })).toBe(0);
  });

  test('"Scheduled for..." a day that does not exist gets a private note and changes nothing', async () => {
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedPair(db, 'prog', 'p', ZOE_MEMBER, AMARA, '2026-03-04');
    await tickAt(h, '2026-03-04T10:05:00Z');
    const nudge = await sentRow(h, 'nudge:p-ci1:1');
    const container = { type: 'message' as const, channelId: nudge.channelId, messageTs: nudge.messageTs };
    const notes = () =>
      h.emulator
        .ephemeralsIn(nudge.channelId)
        .filter((m) => m.user === ZOE)
        .map((m) => String(m.text));
    for (const selectedDateTime of [0, -86_400, 1_773_154_800.5]) {
      const before = notes().length;
      const res = await h.driver.blockAction({ userId: ZOE, actionId: 'checkin_scheduled', container, selectedDateTime });
      expect(res.status).toBe(200);
      expect(await eventually(() => notes()[before], 5000, `note for ${selectedDateTime}`)).toBe(
        'That is not a day and a time: pick both with the picker on the newest message. Nothing was changed.',
      );
    }
    const c = await db.checkIn.findUniqueOrThrow({ where: { id: 'p-ci1' } });
    expect([c.status, c.scheduledFor]).toEqual(['due', null]);
  });

  test('control characters typed after a command are dropped before anything reads them', async () => {
    for (const [command, text] of [
      ['/rm-report', 'Spring\u0000 2026\u0007'],
      ['/rm-admin', 'coordinator add <@U0EMU0008>\u0000 all'],
      ['/rm-admin', 'match Spring\u0000'],
    ] as const) {
      const res = await h.driver.slashCommand({ userId: COORDINATOR, command, text });
      expect([command, res.status]).toEqual([command, 200]);
      expect(res.body.includes('\u0000') || res.body.includes('\\u0000')).toBe(false);
    }
    // The NUL after the mention did not spoil it: the coordinator was added, by the id alone.
    expect(await h.bot.db.client.coordinator.findMany({ where: { slackUserId: { startsWith: 'U0EMU0008' } } })).toMatchObject([
      { slackUserId: 'U0EMU0008' },
    ]);
  });
});
