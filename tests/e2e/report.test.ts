import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { WebClient } from '@slack/web-api';
import type { EphemeralMessage } from '../../src/devtools/emulator/conversations.js';
import { buildReport } from '../../src/flows/report.js';
import { saveDirectoryEntry } from '../../src/store/directory.js';
import { csvRecords } from '../support/csv.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';
import { runEntry } from '../support/processes.js';
import { COORDINATOR } from '../support/programmeFlows.js';
import { expected, feedbackGroups, groupShown, shownComments, monthName, MONTHS, pct } from '../support/reportExpectations.js';
import { CHECK_INS, EMPTY, FEEDBACK, PAIRS, PEOPLE, REPORT_NOW, seedReportFixture, SPRING } from '../support/reportFixture.js';

const EMPLOYEE = 'U0EMU0002';
const SECRETS = ['SECRET-CONCERN', 'AUTUMN-TEXT', 'APRIL-ONLY-TWO', 'FINAL-ONLY-TWO'];

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: unknown }>;
  accessory?: { action_id?: string; value?: string };
};

const textOf = (blocks: unknown[] | undefined) =>
  (blocks as Block[] | undefined)
    ?.map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : ''))].join('\n'))
    .join('\n') ?? '';

describe.each(testDatabaseKinds())('/rm-report on %s', (kind) => {
  let h: Harness;
  let dm: string;

  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: REPORT_NOW });
    await seedReportFixture(h.bot.db.client);
    dm = h.emulator.channelFor([COORDINATOR]);
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Runs the command; returns the ack and the ephemeral answer that arrives later through the response_url. */
  async function report(text: string): Promise<{ ackMs: number; ackText: unknown; message: EphemeralMessage }> {
    const before = h.emulator.ephemeralsIn(dm).length;
    const started = Date.now();
    const ack = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text });
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    const message = await eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm)
          .slice(before)
          .find((m) => m.user === COORDINATOR),
      10000,
      'report answer',
    );
    return { ackMs, ackText: ack.json?.text, message };
  }

  async function press(message: EphemeralMessage, actionId: string, blockId?: string) {
    const res = await h.driver.blockAction({
      userId: COORDINATOR,
      actionId,
      ...(blockId ? { blockId } : {}),
      container: { type: 'message', channelId: dm, messageTs: message.ts, isEphemeral: true },
    });
    expect(res.status).toBe(200);
    return res;
  }

  test('a non-coordinator is refused politely and nothing is computed', async () => {
    const res = await h.driver.slashCommand({ userId: EMPLOYEE, command: '/rm-report', text: 'Spring 2026' });
    expect(res.json?.text).toContain('is for programme coordinators');
    expect(h.emulator.responseUrlPosts({ userId: EMPLOYEE, via: 'response_url' })).toHaveLength(0);
  });

  test('the report object holds every figure computed independently from the seed', async () => {
    const built = await buildReport({ db: h.bot.db.client }, SPRING, REPORT_NOW);
    const r = (built.ok ? built.value : null)!;
    const e = expected;
    expect(r.participants.total).toBe(e.participants.total);
    expect(r.participants.byRole).toEqual({ mentor: e.participants.mentors, mentee: e.participants.mentees });
    expect(r.participants.byStatus).toEqual(e.participants.byStatus);
    expect(r.participants.byRoleAndStatus.mentor).toEqual(e.participants.byRoleAndStatus.mentor);
    expect(r.participants.byRoleAndStatus.mentee).toEqual(e.participants.byRoleAndStatus.mentee);
    expect(r.pairs).toEqual({ ...e.pairs, total: e.pairs.active! + e.pairs.paused! + e.pairs.ended! });
    expect(r.waitlist).toBe(e.waitlist);
    expect(r.checkIns).toEqual(e.checkIns);
    expect(r.checkInsByMonth).toEqual(e.checkInsByMonth);
    expect(r.ratings.responses).toBe(e.ratings.responses);
    expect(r.ratings.average).toBeCloseTo(e.ratings.average, 10);
    expect(r.ratings.distribution).toEqual(e.ratings.distribution);
    expect(r.ratingsByMonth.map((m) => m.month)).toEqual(MONTHS);
    for (const [i, m] of e.ratingsByMonth.entries()) {
      expect(r.ratingsByMonth[i]!.responses).toBe(m.responses);
      if (m.average === null) expect(r.ratingsByMonth[i]!.average).toBeNull();
      else expect(r.ratingsByMonth[i]!.average).toBeCloseTo(m.average, 10);
    }
    expect(r.atRisk.count).toBe(e.atRisk.length);
    expect(
      r.atRisk.pairs.map((p) => [p.pairingId, p.daysSinceLastMeeting, p.neverMet, p.mentor.slackUserId, p.mentee.slackUserId]),
    ).toEqual(e.atRisk.map((p) => [p.pairingId, p.days, p.neverMet, p.mentor.slackUserId, p.mentee.slackUserId]));
    expect(r.topics).toEqual(e.topics);
    expect(r.departments).toEqual(e.departments);
    expect(r.generations).toEqual(e.generations);
    for (const [i, s] of e.surveys.entries()) expect(r.surveys[i]).toMatchObject(s);
    expect(r.deliveryFailures.total).toBe(e.failedMessages);
    // Sanity of the fixture itself: each case is really exercised. Figures come from releases of 3 answers from
    // 3 people, so every month with ratings shows; answers still waiting (the fourth midpoint, both finals) show nowhere.
    expect(e.ratingsByMonth.map((m) => [m.responses > 0, m.enough])).toEqual([
      [true, true],
      [false, false],
      [true, true],
      [true, true],
    ]);
    expect(e.ratingsByMonth.every((m) => m.responses === 0 || m.average !== null)).toBe(true);
    expect(e.surveys.map((s) => s.responses)).toEqual([3, 0]);
    expect(e.surveys.map((s) => s.nps === null)).toEqual([false, true]);
    expect(e.atRisk.map((p) => p.neverMet)).toEqual([true, false]);
    expect(e.ratingsShown).toBe(true);
    // Social media: 4 mentions by 2 people (hidden); leadership: 4 by 3 (shown); strategy: 2 (hidden).
    expect(e.topics.map((t) => t.key)).toEqual(['leadership']);
  });

  test('/rm-report <name> acks at once, then answers with every figure within Slack limits', async () => {
    const { ackMs, ackText, message } = await report('spring 2026');
    expect(ackMs).toBeLessThan(3000);
    expect(ackText).toBeUndefined();
    const blocks = message.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    const text = textOf(blocks);
    const e = expected;
    const c = e.checkIns;
    const lines = [
      'Programme health: Spring 2026',
      `${e.participants.total} in all: ${e.participants.mentors} mentors, ${e.participants.mentees} mentees`,
      `Active ${e.participants.byStatus.active}, paused ${e.participants.byStatus.paused}, withdrawn ${e.participants.byStatus.withdrawn}, left the company ${e.participants.byStatus.departed}`,
      `Mentors: active ${e.participants.byRoleAndStatus.mentor!.active}, paused ${e.participants.byRoleAndStatus.mentor!.paused}, withdrawn ${e.participants.byRoleAndStatus.mentor!.withdrawn}, left ${e.participants.byRoleAndStatus.mentor!.departed}`,
      `Mentees: active ${e.participants.byRoleAndStatus.mentee!.active}, paused ${e.participants.byRoleAndStatus.mentee!.paused}, withdrawn ${e.participants.byRoleAndStatus.mentee!.withdrawn}, left ${e.participants.byRoleAndStatus.mentee!.departed}`,
      `Waitlist: ${e.waitlist}`,
      `Active ${e.pairs.active}, paused ${e.pairs.paused}, ended ${e.pairs.ended}`,
      `${c.met} met / ${c.due} due (${pct(c.adherence)}), ${c.skipped} skipped, ${c.missed} missed, ${c.open} open`,
      `Adherence (met / due): *${pct(c.adherence)}*`,
      ...e.checkInsByMonth.map((m) => `${monthName(m.month)}: ${m.met}/${m.due} met (${pct(m.adherence)})`),
      `Average *${e.ratings.average.toFixed(1)}* / 5 from ${e.ratings.responses} ratings`,
      ...[5, 4, 3, 2, 1].map(
        (s) => `${s}★ ${e.ratings.distribution[s]} (${pct(e.ratings.distribution[s]! / e.ratings.responses)})`,
      ),
      `Per month: ${e.ratingsByMonth
        .filter((m) => m.responses > 0)
        .map((m) => `${monthName(m.month)} ${m.average === null ? '–' : m.average.toFixed(1)}`)
        .join(', ')}`,
      `*Pairs at risk (${e.atRisk.length})*`,
      ...e.atRisk.map(
        (p) =>
          `${p.mentor.displayName} and ${p.mentee.displayName}: ${p.neverMet ? `never met, introduced ${p.days} days ago` : `${p.days} days since the last meeting`}`,
      ),
      ...e.topics.map((t, i) => `${i + 1}. ${t.label}: ${t.count} mentions`),
      `Departments: ${e.departments.map((d) => `${d.key === 'Not given' ? '_not given_' : d.key} ${d.count}`).join(', ')}`,
      `Generations: ${e.generations.map((d) => `${d.key === 'Not given' ? '_not given_' : d.key} ${d.count}`).join(', ')}`,
      `Midpoint: ${e.surveys[0]!.responses} responses, progress *${e.surveys[0]!.averageProgress!.toFixed(1)}* / 5, recommendation score (NPS) *+${e.surveys[0]!.nps}* (${e.surveys[0]!.promoters} promoters, ${e.surveys[0]!.passives} passives, ${e.surveys[0]!.detractors} detractors)`,
      'Final: no responses yet',
      `${e.failedMessages} messages could not be delivered`,
    ];
    for (const line of lines) expect(text).toContain(line);
    expect(text).not.toContain('Strategy and decision making'); // named in 2 responses only
    expect(text).not.toContain('Social media and personal brand'); // 4 mentions, but by 2 people
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const actions = blocks.find((b) => b.block_id === 'report_actions')!;
    expect(actions.elements!.map((el) => [el.action_id, el.value])).toEqual([
      ['report_export_csv', SPRING],
      ['report_chart', SPRING],
    ]);
  });

  test("the report's dates are Slack date tokens, with fallbacks in the coordinator's zone", async () => {
    // The programme keeps London time; the coordinator reads in New York (users.info, as the emulator says).
    await saveDirectoryEntry(h.bot.db.client, {
      slackUserId: COORDINATOR,
      timezone: 'America/New_York',
      locale: 'en-US',
      displayName: 'Maggie Liu',
      realName: 'Margaret Liu',
      fetchedAt: REPORT_NOW,
    });
    const { message } = await report('spring 2026');
    const header = (message.blocks as Array<{ type: string; elements?: Array<{ text: string }> }>).find(
      (b) => b.type === 'context',
    )!;
    const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    // A calendar day is anchored at noon of the reader's day (17:00 UTC in New York's winter, 16:00 in summer).
    // (ICU versions spell September "Sep" or "Sept".)
    expect(header.elements![0]!.text.replace('Sept', 'Sep')).toContain(
      `<!date^${unix('2026-03-02T17:00:00Z')}^{date_long_pretty}|Mon 2 Mar 2026> to <!date^${unix('2026-09-02T16:00:00Z')}^{date_long_pretty}|Wed 2 Sep 2026>`,
    );
    expect(header.elements![0]!.text).toContain(
      `figures as of <!date^${unix(REPORT_NOW.toISOString())}^{date_short_pretty} {time}|2026-06-15 08:00 America/New_York>`,
    );
    expect(message.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test('with no programme named and several running, each is shown in short with a button to its full report', async () => {
    const { message } = await report('');
    const blocks = message.blocks as Block[];
    const text = textOf(blocks);
    expect(text).toContain('Several programmes are running');
    expect(text).toContain(
      `*Spring 2026* (running)\n${expected.participants.total} participants, ${expected.pairs.active} active pairs, adherence ${pct(expected.checkIns.adherence)}, ${expected.atRisk.length} at risk`,
    );
    expect(text).toContain('*Autumn 2026* (running)\n2 participants, 1 active pairs, adherence 0%, 1 at risk');
    expect(text).toContain('*Empty pilot* (running)\n0 participants, 0 active pairs, adherence n/a, 0 at risk');
    const before = h.emulator.ephemeralsIn(dm).length;
    expect(blocks.find((b) => b.block_id === `report_programme:${SPRING}`)?.accessory).toMatchObject({
      action_id: 'report_open',
      value: SPRING,
    });
    await press(message, 'report_open', `report_programme:${SPRING}`);
    const full = await eventually(
      () =>
        h.emulator
          .ephemeralsIn(dm)
          .slice(before)
          .find((m) => (m.blocks as Block[] | undefined)?.some((b) => b.block_id === 'report_actions')),
      10000,
      'full report',
    );
    expect(textOf(full.blocks)).toContain('Programme health: Spring 2026');
    expect(textOf(full.blocks)).toContain(`Waitlist: ${expected.waitlist}`);
  });

  test('an empty programme gives zeros and hides every aggregate', async () => {
    const { message } = await report('Empty pilot');
    const text = textOf(message.blocks);
    for (const line of [
      '0 in all: 0 mentors, 0 mentees',
      'Waitlist: 0',
      'Active 0, paused 0, ended 0',
      'No check-in has come due yet.',
      '0 ratings so far (hidden: fewer than 3 answers from 3 people)',
      '*Pairs at risk (0)*',
      'Midpoint: no responses yet',
      'Final: no responses yet',
      'Departments: none yet',
    ]) {
      expect(text).toContain(line);
    }
    expect((message.blocks as Block[]).find((b) => b.block_id === 'report_actions')!.elements![0]!.value).toBe(EMPTY);
  });

  test('an unknown programme name gets a specific answer', async () => {
    const res = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: 'Winter' });
    expect(res.json?.text).toContain('I know no programme called "Winter"');
    expect(res.json?.text).toContain('*Spring 2026*');
  });

  test('a name with &, < or > is read as typed: Slack sends them escaped', async () => {
    // What Slack sends for `/rm-report R&D <Co>` (docs.slack.dev, formatting: &, < and > arrive as entities).
    const res = await h.driver.slashCommand({ userId: COORDINATOR, command: '/rm-report', text: 'R&amp;D &lt;Co&gt;' });
    // Escaped once for Slack to show "R&D <Co>"; read as the entities themselves it was escaped twice.
    expect(res.json?.text).toContain('I know no programme called "R&amp;D &lt;Co&gt;"');
  });

  describe('Export CSV and Chart', () => {
    let message: EphemeralMessage;
    let csv: Record<string, string>;
    beforeAll(async () => {
      message = (await report('spring')).message;
      // A double click: two presses at once upload the files once.
      await Promise.all([press(message, 'report_export_csv'), press(message, 'report_export_csv')]);
      const files = await eventually(
        () => {
          const f = h.emulator.files.filter((x) => x.filename.endsWith('.csv') && x.completed);
          return f.length >= 5 ? f : undefined;
        },
        15000,
        'CSV files',
      );
      csv = Object.fromEntries(
        files.map((f) => [f.filename.replace(/^spring-2026-\d{4}-\d{2}-\d{2}-/, ''), f.bytes!.toString('utf8')]),
      );
    });

    test("uploads five CSV files once, to the coordinator's DM, through the external upload flow", async () => {
      await eventually(
        () => h.emulator.ephemeralsIn(dm).some((m) => m.text.includes('already sent these files')),
        10000,
        'double-click notice',
      );
      const files = h.emulator.files.filter((x) => x.filename.endsWith('.csv'));
      expect(files).toHaveLength(5);
      expect(Object.keys(csv).sort()).toEqual([
        'checkins.csv',
        'feedback.csv',
        'feedback_comments.csv',
        'pairs.csv',
        'participants.csv',
      ]);
      for (const f of files) {
        expect(f.completed).toBe(true);
        expect(f.channelId).toBe(dm);
        expect([...f.bytes!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the names right
      }
      expect(h.emulator.callsTo('files.getUploadURLExternal').length).toBe(5);
      expect(h.emulator.callsTo('conversations.open').some((c) => c.params.users === COORDINATOR)).toBe(true);
      expect(h.emulator.messagesIn(dm).some((m) => (m.files as unknown[] | undefined)?.length === 5)).toBe(true);
    });

    test('participants, pairs and check-ins hold every row with RFC 4180 quoting', () => {
      const people = csvRecords(csv['participants.csv']!);
      expect(people.map((p) => p.participant_id).sort()).toEqual(PEOPLE.map((p) => p.id).sort());
      for (const p of PEOPLE) {
        expect(people.find((r) => r.participant_id === p.id)).toMatchObject({
          slack_user_id: p.slackUserId,
          name: p.displayName,
          role: p.role,
          status: p.status,
          department: p.department,
          generation: p.generation,
        });
      }
      expect(csv['participants.csv']).toContain('"Daniel, ""Dan"" Reyes"');
      const pairs = csvRecords(csv['pairs.csv']!);
      expect(pairs).toHaveLength(PAIRS.length);
      for (const p of PAIRS) {
        const met = CHECK_INS.filter((c) => c.pair === p.id && c.status === 'met');
        const last = met
          .map((c) => c.metAt!)
          .sort()
          .at(-1);
        expect(pairs.find((r) => r.pairing_id === p.id)).toMatchObject({
          mentor_id: p.mentor,
          mentee_id: p.mentee,
          status: p.status,
          check_ins_met: String(met.length),
          last_met_at: last ? new Date(last).toISOString() : '',
          at_risk_flagged_at: p.atRiskFlaggedAt ? new Date(p.atRiskFlaggedAt).toISOString() : '',
        });
      }
      const checkIns = csvRecords(csv['checkins.csv']!);
      expect(checkIns).toHaveLength(CHECK_INS.length);
      for (const c of CHECK_INS)
        expect(checkIns.find((r) => r.check_in_id === c.id)).toMatchObject({
          pairing_id: c.pair,
          status: c.status,
          due_at: new Date(c.dueAt).toISOString(),
          met_at: c.metAt ? new Date(c.metAt).toISOString() : '',
        });
    });

    test('feedback is aggregated per kind and month; groups under three show no figures and no text; concerns never appear', () => {
      const rows = csvRecords(csv['feedback.csv']!);
      const groups = feedbackGroups();
      expect(rows).toHaveLength(groups.size);
      for (const [key, list] of groups) {
        const [kind, month] = key.split('|');
        const row = rows.find((r) => r.kind === kind && r.month === month)!;
        expect(row.responses).toBe(String(list.length));
        const shown = groupShown(kind!);
        expect(row.shown).toBe(shown ? 'yes' : 'no (under 3 answers or people)');
        const ratings = list.filter((f) => f.rating !== undefined).map((f) => f.rating!);
        const progress = list.filter((f) => f.progress !== undefined).map((f) => f.progress!);
        const round2 = (xs: number[]) => String(Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100);
        expect(row.average_rating).toBe(shown && ratings.length >= 3 ? round2(ratings) : '');
        expect(row.average_progress).toBe(shown && progress.length >= 3 ? round2(progress) : '');
        for (const s of [1, 2, 3, 4, 5])
          expect(row[`rating_${s}`]).toBe(shown && ratings.length >= 3 ? String(ratings.filter((r) => r === s).length) : '');
      }
      expect(rows.find((r) => r.kind === 'midpoint')!.nps).toBe(String(expected.surveys[0]!.nps));
      const comments = csvRecords(csv['feedback_comments.csv']!).map((r) => r.comment);
      expect(comments.sort()).toEqual(shownComments().sort());
      const all = Object.values(csv).join('\n');
      for (const secret of SECRETS) expect(all).not.toContain(secret);
      expect(FEEDBACK.filter((f) => f.concern).length).toBeGreaterThan(0);
    });

    test("Chart uploads a valid PNG of the right size to the coordinator's DM", async () => {
      await press(message, 'report_chart');
      const file = await eventually(
        () => h.emulator.files.find((f) => f.filename.endsWith('.png') && f.completed),
        20000,
        'chart upload',
      );
      expect(file.channelId).toBe(dm);
      const png = file.bytes!;
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1000, 500]);
      const image = await loadImage(png);
      expect([image.width, image.height]).toEqual([1000, 500]);
      // Its description for screen readers, as Slack's files.getUploadURLExternal names it (alt_txt).
      const asked = h.emulator.callsTo('files.getUploadURLExternal').find((c) => String(c.params.filename).endsWith('.png'))!;
      const alt = String(asked.params.alt_txt);
      expect(alt).toMatch(/^Chart of Spring 2026: check-ins met per month as bars/);
      expect(alt).toMatch(/[A-Z][a-z]{2} \d{4}: \d+ met, /);
      expect(alt.length).toBeLessThanOrEqual(1000);
      for (const p of PEOPLE) expect(alt).not.toContain(p.displayName);
      // CSV files have none
      const csvAsked = h.emulator.callsTo('files.getUploadURLExternal').filter((c) => String(c.params.filename).endsWith('.csv'));
      expect(csvAsked.every((c) => c.params.alt_txt === undefined)).toBe(true);
    });

    test('cli report prints the same figures and writes the same CSV files', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rm-report-csv-'));
      try {
        const res = await runEntry(
          'src/cli.ts',
          ['report', '--programme', SPRING, '--csv', dir, '--now', REPORT_NOW.toISOString()],
          { DATABASE_URL: h.config.databaseUrl },
        );
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(res.stdout).toContain(`Adherence (met / due): ${pct(expected.checkIns.adherence)}`);
        expect(res.stdout).toContain(`Waitlist: ${expected.waitlist}`);
        expect(res.stdout).toContain(
          `${expected.atRisk[0]!.mentor.displayName} and ${expected.atRisk[0]!.mentee.displayName}: never met`,
        );
        for (const name of Object.keys(csv)) {
          const bytes = readFileSync(join(dir, name));
          expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          expect(bytes.toString('utf8')).toBe(csv[name]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('a report button pressed by a non-coordinator sends nothing', async () => {
    // The report is ephemeral, so this needs a forged copy of its buttons in the employee's DM.
    const channel = h.emulator.channelFor([EMPLOYEE]);
    const client = new WebClient(h.emulator.botToken, { slackApiUrl: h.emulator.apiUrl });
    const elements = ['report_export_csv', 'report_chart'].map((action_id) => ({
      type: 'button',
      action_id,
      value: SPRING,
      text: { type: 'plain_text', text: action_id },
    }));
    const posted = await client.chat.postMessage({
      channel,
      text: 'copy',
      blocks: [{ type: 'actions', block_id: 'report_actions', elements }] as never,
    });
    const filesBefore = h.emulator.files.length;
    for (const actionId of ['report_export_csv', 'report_chart']) {
      const res = await h.driver.blockAction({
        userId: EMPLOYEE,
        actionId,
        container: { type: 'message', channelId: channel, messageTs: posted.ts! },
      });
      const answer = await eventually(
        () => h.emulator.responseUrlPosts({ userId: EMPLOYEE }).find((p) => p.url === res.responseUrl),
        5000,
        'refusal',
      );
      expect(answer.text).toContain('for coordinators only');
    }
    expect(h.emulator.files.length).toBe(filesBefore);
  });
});
