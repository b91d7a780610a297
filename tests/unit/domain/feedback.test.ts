import {
  aggregateRecommend,
  aggregateScores,
  aggregateTexts,
  aggregateTopics,
  canAggregate,
  midpointDate,
  MIN_AGGREGATE_RESPONSES,
  netPromoterScore,
  NOT_ENOUGH_RESPONSES,
  parseRequestKey,
  requestKey,
  TEXT_LIMIT,
  validateCheckInFeedback,
  validateObjectives,
  validateSurvey,
  bothAnswered,
  ratingsOverview,
  reminderAt,
  summariseAnswers,
} from '../../../src/domain/feedback.js';

const catalogue = ['social-media', 'ai-new-tech', 'leadership'];
const good = { rating: '4', learned: 'How reels work', topics: ['social-media'], concern: '', consent: false };

describe('check-in feedback validation', () => {
  test('a good answer is accepted, topics sorted, no concern', () => {
    expect(validateCheckInFeedback({ ...good, topics: ['leadership', 'ai-new-tech'] }, catalogue)).toEqual({
      ok: true,
      value: { rating: 4, learned: 'How reels work', topics: ['ai-new-tech', 'leadership'], concern: null },
    });
  });
  test.each(['0', '6', '-1', '4.5', 'five', '', undefined])('rating %p is refused', (rating) => {
    const r = validateCheckInFeedback({ ...good, rating }, catalogue);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', problems: { rating: 'Choose a rating from 1 to 5.' } });
  });
  test('text at the limit passes, one character more is refused', () => {
    expect(validateCheckInFeedback({ ...good, learned: 'x'.repeat(TEXT_LIMIT) }, catalogue).ok).toBe(true);
    const r = validateCheckInFeedback({ ...good, learned: 'x'.repeat(TEXT_LIMIT + 1) }, catalogue);
    expect(r).toMatchObject({
      ok: false,
      reason: 'invalid',
      problems: { learned: `Please keep this under ${TEXT_LIMIT} characters (it has ${TEXT_LIMIT + 1}).` },
    });
  });
  test('a topic outside the catalogue, or twice, is refused', () => {
    expect(validateCheckInFeedback({ ...good, topics: ['social-media', 'astrology'] }, catalogue)).toMatchObject({
      ok: false,
      problems: { topics: expect.stringContaining('programme') },
    });
    expect(validateCheckInFeedback({ ...good, topics: ['leadership', 'leadership'] }, catalogue)).toMatchObject({
      ok: false,
      problems: { topics: 'Choose each topic once.' },
    });
  });
  test('a concern needs the consent box; with it, it is kept', () => {
    expect(validateCheckInFeedback({ ...good, concern: 'He keeps cancelling' }, catalogue)).toMatchObject({
      ok: false,
      problems: { concern_consent: expect.any(String) },
    });
    expect(validateCheckInFeedback({ ...good, concern: 'He keeps cancelling', consent: true }, catalogue)).toMatchObject({
      ok: true,
      value: { concern: 'He keeps cancelling' },
    });
  });
  test('several problems are reported together', () => {
    const r = validateCheckInFeedback(
      { rating: '9', learned: 'x'.repeat(TEXT_LIMIT + 5), topics: ['nope'], concern: 'c', consent: false },
      catalogue,
    );
    expect(r.ok ? [] : Object.keys(r.problems).sort()).toEqual(['concern_consent', 'learned', 'rating', 'topics']);
  });
});

describe('survey validation', () => {
  const answer = {
    progress: '3',
    recommend: '9',
    changed: 'I ask for help sooner',
    commitment: 'Post weekly',
    concern: '',
    consent: false,
  };
  test('mentees must commit to one thing; mentors are not asked', () => {
    expect(validateSurvey({ ...answer, commitment: '' }, 'mentee')).toMatchObject({
      ok: false,
      reason: 'invalid',
      problems: { commitment: 'Name one thing you commit to change.' },
    });
    expect(validateSurvey({ ...answer, commitment: 'ignored' }, 'mentor')).toEqual({
      ok: true,
      value: { progress: 3, recommendScore: 9, changed: 'I ask for help sooner', commitment: '', concern: null },
    });
  });
  test.each([
    ['progress', '0'],
    ['progress', '6'],
    ['recommend', '11'],
    ['recommend', '-1'],
    ['recommend', undefined],
  ])('%s %p is refused', (field, value) => {
    const r = validateSurvey({ ...answer, [field]: value }, 'mentee');
    expect(r.ok ? [] : Object.keys(r.problems)).toEqual([field]);
  });
  test('0 and 10 are valid recommendation scores', () => {
    expect(validateSurvey({ ...answer, recommend: '0' }, 'mentee')).toMatchObject({ ok: true, value: { recommendScore: 0 } });
    expect(validateSurvey({ ...answer, recommend: '10' }, 'mentee')).toMatchObject({ ok: true, value: { recommendScore: 10 } });
  });
  test('objectives have their own limit', () => {
    expect(validateObjectives('Post twice a month').ok).toBe(true);
    expect(validateObjectives('x'.repeat(1001))).toMatchObject({ ok: false, problems: { objectives: expect.any(String) } });
  });
});

describe('aggregation: only over at least three people', () => {
  const r = (participantId: string, value: number) => ({ participantId, value });
  test('the threshold is three', () => {
    expect(MIN_AGGREGATE_RESPONSES).toBe(3);
  });
  test('two answers are hidden, three are shown with average and distribution', () => {
    expect(aggregateScores([r('a', 5), r('b', 4)])).toEqual({ shown: false, responses: 2, note: NOT_ENOUGH_RESPONSES });
    expect(aggregateScores([r('a', 5), r('b', 4), r('c', 2)])).toEqual({
      shown: true,
      responses: 3,
      respondents: 3,
      average: 3.7,
      distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
    });
  });
  test("three answers of only two people stay hidden (they would be one person's answers)", () => {
    expect(canAggregate([r('a', 5), r('a', 1), r('b', 4)])).toBe(false);
    expect(aggregateScores([r('a', 5), r('a', 1), r('b', 4)]).shown).toBe(false);
  });
  test('texts: empty answers do not count, shown sorted, never with who wrote them', () => {
    const texts = [
      { participantId: 'a', value: 'zebra' },
      { participantId: 'b', value: '' },
      { participantId: 'c', value: 'apple' },
    ];
    expect(aggregateTexts(texts)).toEqual({ shown: false, responses: 2, note: NOT_ENOUGH_RESPONSES });
    const shown = aggregateTexts([...texts, { participantId: 'd', value: 'mango' }]);
    expect(shown).toEqual({ shown: true, responses: 3, respondents: 3, texts: ['apple', 'mango', 'zebra'] });
    expect(JSON.stringify(shown)).not.toMatch(/"[abcd]"/);
  });
  test('topics are counted over enough answers', () => {
    const t = (p: string, v: string[]) => ({ participantId: p, value: v });
    expect(aggregateTopics([t('a', ['x', 'y']), t('b', ['y']), t('c', [])])).toEqual({
      shown: true,
      responses: 3,
      respondents: 3,
      topics: [
        { key: 'y', count: 2 },
        { key: 'x', count: 1 },
      ],
    });
  });
  test('net promoter score: promoters minus detractors, in percent', () => {
    expect(netPromoterScore([])).toBe(0);
    expect(netPromoterScore([10, 9, 8, 7, 6])).toBe(20); // 2 promoters, 1 detractor of 5
    expect(netPromoterScore([0, 3, 6])).toBe(-100);
    expect(aggregateRecommend([r('a', 10), r('b', 9), r('c', 0), r('d', 8)])).toMatchObject({
      shown: true,
      nps: 25,
      average: 6.8,
    });
  });
});

describe('keys and dates', () => {
  test('request keys round-trip; other shapes are refused', () => {
    expect(parseRequestKey(requestKey('checkin', 'ci-1', 'p-1'))).toEqual({
      kind: 'checkin',
      subjectId: 'ci-1',
      participantId: 'p-1',
    });
    expect(parseRequestKey('final:pair:p')).toEqual({ kind: 'final', subjectId: 'pair', participantId: 'p' });
    for (const bad of ['checkin:a', 'report:a:b', 'checkin:a:b:c', '']) expect(parseRequestKey(bad)).toBeUndefined();
  });
  test('the midpoint is halfway between start and end', () => {
    expect(midpointDate('2026-03-02', '2026-09-02')).toBe('2026-06-02'); // 184 days: 31 + 30 + 31 = day 92
    expect(midpointDate('2026-01-01', '2026-01-03')).toBe('2026-01-02');
    expect(midpointDate('2026-01-01', '2027-01-01')).toBe('2026-07-02');
  });
});

describe("reminders, the closing word and the coordinators' glance", () => {
  test("the one reminder: three days later at 10:00 in the person's own zone", () => {
    expect(reminderAt({ timezone: 'Europe/London' }, new Date('2026-03-02T15:00:00Z')).toISOString()).toBe(
      '2026-03-05T10:00:00.000Z',
    );
    expect(reminderAt({ timezone: 'Asia/Kolkata' }, new Date('2026-03-02T15:00:00Z')).toISOString()).toBe(
      '2026-03-05T04:30:00.000Z',
    );
  });

  test('the closing word goes once both members were asked and both answered', () => {
    expect(bothAnswered({ asked: 2, unanswered: 0 })).toBe(true);
    expect(bothAnswered({ asked: 2, unanswered: 1 })).toBe(false);
    expect(bothAnswered({ asked: 1, unanswered: 0 })).toBe(false);
  });

  test('the ratings average shows only over enough answers from enough people', () => {
    expect(ratingsOverview({ responses: 5, people: MIN_AGGREGATE_RESPONSES - 1, average: 4.26 })).toEqual({
      shown: false,
      responses: 5,
    });
    expect(ratingsOverview({ responses: 2, people: 2, average: 4 })).toEqual({ shown: false, responses: 2 });
    expect(ratingsOverview({ responses: 5, people: MIN_AGGREGATE_RESPONSES, average: 4.26 })).toEqual({
      shown: true,
      responses: 5,
      average: 4.3,
    });
  });

  test('a programme summary aggregates per kind and hides what too few people said', () => {
    const row = (participantId: string, kind: string, rating: number | null) => ({
      participantId,
      kind,
      rating,
      progress: null,
      learned: '',
      recommendScore: null,
      changed: '',
      commitment: '',
      topics: [],
    });
    const summary = summariseAnswers([
      row('a', 'checkin', 4),
      row('b', 'checkin', 5),
      row('c', 'checkin', 3),
      row('a', 'final', null),
    ]);
    expect(summary.checkIns.ratings).toMatchObject({ shown: true, responses: 3, average: 4 });
    expect(summary.final.progress).toEqual({ shown: false, responses: 0, note: NOT_ENOUGH_RESPONSES });
  });
});
