// Tries to work out one person's answer by difference, as a curious coordinator would: the App Home figure,
// the CSV export and the report read after every single answer, after every edit and after a "Delete my data".
// The rule under test (docs/feedback.md, "Releases"): what coordinators see changes only in steps of at least
// three new answers from three different people, and an erasure moves no figure.
import { buildReport, reportCsvs } from '../../src/flows/report.js';
import { outboxDrained, seedPair, seedProgramme, sentRow, tickAt, type Member } from '../support/checkInFlows.js';
import { testDatabaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { openFrom, seedTopics } from '../support/feedbackFlows.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR } from '../support/programmeFlows.js';

const LONDON = 'Europe/London';
const member = (slackUserId: string): Member => ({ slackUserId, timezone: LONDON });
const PAIRS = [
  { id: 'p', mentor: member('U0EMU0007'), mentee: member('U0EMU0001') },
  { id: 'q', mentor: member('U0EMU0004'), mentee: member('U0EMU0010') },
  { id: 'r', mentor: member('U0EMU0009'), mentee: member('U0EMU0003') },
];
type Role = 'mentor' | 'mentee';
/** Six people in the order they answer, each with a rating and words only they wrote. */
const ANSWERS: Array<{ pair: string; role: Role; rating: string; words: string }> = [
  { pair: 'p', role: 'mentor', rating: '5', words: 'WORDS-ONE reels for the launch' },
  { pair: 'p', role: 'mentee', rating: '1', words: 'WORDS-TWO nothing useful this time' },
  { pair: 'q', role: 'mentor', rating: '4', words: 'WORDS-THREE prompt styles' },
  { pair: 'q', role: 'mentee', rating: '3', words: 'WORDS-FOUR async updates' },
  { pair: 'r', role: 'mentor', rating: '2', words: 'WORDS-FIVE dashboards' },
  { pair: 'r', role: 'mentee', rating: '5', words: 'WORDS-SIX mentoring styles' },
];
const slackIdOf = (a: { pair: string; role: Role }) => PAIRS.find((p) => p.id === a.pair)![a.role].slackUserId;

describe.each(testDatabaseKinds())('feedback cannot be differenced on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { coordinators: [COORDINATOR], now: new Date('2026-03-02T09:00:00Z') });
    const db = h.bot.db.client;
    await seedProgramme(db, 'prog');
    await seedTopics(db, 'prog');
    for (const p of PAIRS) await seedPair(db, 'prog', p.id, p.mentor, p.mentee, '2026-03-04');
    await tickAt(h, '2026-03-04T10:05:00Z');
    for (const p of PAIRS) {
      const nudge = await sentRow(h, `nudge:${p.id}-ci1:1`);
      const res = await h.driver.blockAction({
        userId: p.mentor.slackUserId,
        actionId: 'checkin_met',
        container: { type: 'message', channelId: nudge.channelId, messageTs: nudge.messageTs },
      });
      expect(res.status).toBe(200);
    }
    await eventually(async () => (await db.feedbackRequest.count()) === 6 || undefined, 5000, 'six requests');
    await outboxDrained(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const db = () => h.bot.db.client;

  async function answer(a: (typeof ANSWERS)[number], rating = a.rating, words = a.words) {
    const userId = slackIdOf(a);
    const view = await openFrom(
      h,
      userId,
      `feedback-prompt:${a.pair}-ci1:${a.pair}-${a.role}`,
      'feedback_open',
      'feedback_checkin',
    );
    const res = await h.driver.fillAndSubmitModal({
      userId,
      viewId: view.id,
      answers: { rating, learned: words, topics: ['leadership'] },
    });
    expect(res.status).toBe(200);
  }

  async function coordinatorHome(): Promise<string> {
    const before = h.emulator.callsTo('views.publish').length;
    await h.driver.appHomeOpened(COORDINATOR);
    await h.emulator.waitForCall('views.publish', { count: before + 1, timeoutMs: 5000 });
    const text = JSON.stringify(h.emulator.homeViewFor(COORDINATOR)?.blocks);
    return /Check-in ratings: [^"\\]*/.exec(text)?.[0] ?? 'no ratings line';
  }

  /** Everything a coordinator can read about feedback, as of the bot's clock. */
  async function observe() {
    const now = h.clock.now();
    const report = await buildReport({ db: db() }, 'prog', now);
    if (!report.ok) throw new Error(report.message);
    const csv = await reportCsvs({ db: db() }, 'prog', now);
    return {
      home: await coordinatorHome(),
      report: JSON.stringify([report.value.ratings, report.value.ratingsByMonth, report.value.topics, report.value.surveys]),
      feedbackCsv: csv['feedback.csv'],
      comments: csv['feedback_comments.csv'],
    };
  }
  type Observation = Awaited<ReturnType<typeof observe>>;
  const words = (o: Observation) => ANSWERS.map((a) => a.words).filter((w) => o.comments.includes(w));

  let afterSix: Observation;

  test('answers one by one: nothing moves until three people answered, then again only at the sixth', async () => {
    const seen: Observation[] = [await observe()];
    for (const a of ANSWERS) {
      await answer(a);
      seen.push(await observe());
    }
    const changedAt = seen.slice(1).flatMap((o, i) => (JSON.stringify(o) === JSON.stringify(seen[i]) ? [] : [i + 1]));
    expect(changedAt).toEqual([3, 6]);
    expect(seen[2]!.home).toBe('Check-in ratings: none yet (answers are added in groups of at least 3 people)');
    expect(seen[3]!.home).toBe('Check-in ratings: 3.3 average over 3 answers (answers are added in groups of at least 3 people)');
    expect(seen[6]!.home).toBe('Check-in ratings: 3.3 average over 6 answers (answers are added in groups of at least 3 people)');
    expect(words(seen[3]!)).toEqual([
      'WORDS-ONE reels for the launch',
      'WORDS-TWO nothing useful this time',
      'WORDS-THREE prompt styles',
    ]);
    expect(words(seen[6]!)).toHaveLength(6);
    afterSix = seen[6]!;
  });

  test('edits wait for a batch too: one person changing a 5 into a 1 shows nowhere until two others edited', async () => {
    const edits = [ANSWERS[0]!, ANSWERS[3]!, ANSWERS[4]!];
    const seen = [afterSix];
    await answer(edits[0]!, '1', 'WORDS-ONE edited');
    seen.push(await observe());
    await answer(edits[1]!, '4', 'WORDS-FOUR edited');
    seen.push(await observe());
    expect(seen[1]).toEqual(afterSix);
    expect(seen[2]).toEqual(afterSix);
    await answer(edits[2]!, '3', 'WORDS-FIVE edited');
    const released = await observe();
    // Ratings 1, 1, 4, 4, 3, 5: the three edits land together, never one at a time.
    expect(released.home).toBe('Check-in ratings: 3 average over 6 answers (answers are added in groups of at least 3 people)');
    expect(released.comments).toContain('WORDS-ONE edited');
    expect(released.comments).not.toContain('WORDS-ONE reels for the launch');
    expect(await db().releasedAnswer.count({ where: { programmeId: 'prog' } })).toBe(6);
    afterSix = released;
  });

  test('"Delete my data" moves no figure, and withdraws the comments of a whole batch, never one person\'s alone', async () => {
    const leaver = ANSWERS[1]!; // rated 1; wrote WORDS-TWO, released in the first batch
    const userId = slackIdOf(leaver);
    await h.driver.appHomeOpened(userId);
    await eventually(() => h.emulator.homeViewFor(userId) ?? undefined, 5000, 'home of the leaver');
    await h.driver.blockAction({
      userId,
      actionId: 'home_erase',
      value: `${leaver.pair}-${leaver.role}`,
      container: { type: 'view', viewId: h.emulator.homeViewFor(userId)!.id },
    });
    const participantId = `${leaver.pair}-${leaver.role}`;
    await eventually(
      async () => (await db().participant.findUniqueOrThrow({ where: { id: participantId } })).erasedAt !== null || undefined,
      5000,
      'erased',
    );
    const after = await observe();
    expect(after.home).toBe(afterSix.home);
    expect(after.report).toBe(afterSix.report);
    expect(after.feedbackCsv).toBe(afterSix.feedbackCsv);
    const vanished = words(afterSix).filter((w) => !after.comments.includes(w));
    expect(vanished).toContain('WORDS-TWO nothing useful this time');
    expect(vanished.length).toBeGreaterThanOrEqual(3);
    // Nothing left points at them: no released copy carries their id, and their words are gone everywhere.
    expect(await db().releasedAnswer.count({ where: { personKey: participantId } })).toBe(0);
    const copies = await db().releasedAnswer.findMany({ where: { programmeId: 'prog' } });
    expect(JSON.stringify(copies)).not.toContain('WORDS-TWO');
    // The DM that told them it was done reached them, then forgot them too.
    await outboxDrained(h);
    const confirmation = await db().outboxMessage.findFirstOrThrow({ where: { kind: 'participant.erased' } });
    expect(confirmation.status).toBe('sent');
    expect(confirmation.payloadJson).not.toContain(userId);
    expect(h.emulator.messagesIn(h.emulator.channelFor([userId])).some((m) => m.text.includes('has been deleted'))).toBe(true);
  });
});
