import {
  buildReportModel,
  MIN_AGGREGATE_RESPONSES,
  netPromoterScore,
  npsBand,
  reportMonths,
  type ReportAggregates,
} from '../../../../src/domain/report/index.js';

const programme = {
  id: 'p',
  name: 'P',
  status: 'running',
  startDate: new Date('2026-03-02T00:00:00Z'),
  endDate: new Date('2026-09-02T00:00:00Z'),
  timezone: 'Europe/London',
  cadenceDays: 14,
  objectives: '',
};

function aggregates(over: Partial<ReportAggregates> = {}): ReportAggregates {
  return {
    programme,
    participants: [],
    pairs: [],
    waitlist: 0,
    checkIns: [],
    ratings: [],
    ratingPeople: 0,
    ratingsByMonth: [],
    atRiskCount: 0,
    atRisk: [],
    topics: [],
    departments: [],
    generations: [],
    surveys: [],
    deliveryFailures: [],
    ...over,
  };
}

describe('report months', () => {
  test('calendar months in the programme zone, start month to the month of now', () => {
    const months = reportMonths(new Date('2026-03-02T00:00:00Z'), new Date('2026-06-15T12:00:00Z'), 'Europe/London');
    expect(months.map((m) => m.key)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    // London is on summer time from 29 March: April starts at 23:00 UTC on 31 March.
    expect(months[1]!.start.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(months[0]!.end).toEqual(months[1]!.start);
  });

  test('a zone east of UTC moves the boundary the other way; one month when now is before the start', () => {
    expect(
      reportMonths(new Date('2026-03-02T00:00:00Z'), new Date('2026-04-10T00:00:00Z'), 'Asia/Kolkata')[1]!.start.toISOString(),
    ).toBe('2026-03-31T18:30:00.000Z');
    expect(reportMonths(new Date('2026-03-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 'UTC').map((m) => m.key)).toEqual([
      '2026-03',
    ]);
  });

  test('a year boundary, and at most 24 months', () => {
    expect(reportMonths(new Date('2026-11-10T00:00:00Z'), new Date('2027-02-01T12:00:00Z'), 'UTC').map((m) => m.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(reportMonths(new Date('2020-01-10T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 'UTC')).toHaveLength(24);
  });
});

describe('NPS', () => {
  test('bands 0-6, 7-8, 9-10 and % promoters minus % detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect(netPromoterScore(2, 1, 1)).toBe(25);
    expect(netPromoterScore(0, 0, 3)).toBe(-100);
    expect(netPromoterScore(1, 1, 1)).toBe(0);
    expect(netPromoterScore(0, 0, 0)).toBeNull();
  });
});

describe('buildReportModel', () => {
  const months = reportMonths(programme.startDate, new Date('2026-04-15T00:00:00Z'), programme.timezone);
  const now = new Date('2026-04-15T00:00:00Z');

  test('adherence is met over everything that came due, overall and per month of the due date', () => {
    const r = buildReportModel(
      aggregates({
        checkIns: [
          { dueDate: '2026-02-27', status: 'met', count: 1 }, // before the first month: counts in it
          { dueDate: '2026-03-31', status: 'met', count: 2 },
          { dueDate: '2026-03-09', status: 'missed', count: 1 },
          { dueDate: '2026-04-01', status: 'skipped', count: 2 },
          { dueDate: '2026-04-14', status: 'scheduled', count: 1 },
          { dueDate: '2026-04-15', status: 'due', count: 1 },
          { dueDate: '2026-05-02', status: 'met', count: 1 }, // settled early, due after the last month: counts in it
        ],
      }),
      months,
      now,
    );
    expect(r.checkIns).toEqual({ due: 9, met: 4, skipped: 2, missed: 1, open: 2, adherence: 4 / 9 });
    expect(r.checkInsByMonth).toEqual([
      { month: '2026-03', due: 4, met: 3, skipped: 0, missed: 1, open: 0, adherence: 0.75 },
      { month: '2026-04', due: 5, met: 1, skipped: 2, missed: 0, open: 2, adherence: 0.2 },
    ]);
  });

  test(`ratings, progress, NPS and topics show only from ${MIN_AGGREGATE_RESPONSES} responses of as many people`, () => {
    const under = buildReportModel(
      aggregates({
        ratings: [{ key: '5', count: 2 }],
        ratingPeople: 2,
        ratingsByMonth: [{ month: 0, responses: 2, sum: 10, people: 2 }],
        surveys: [
          {
            kind: 'midpoint',
            responses: 2,
            people: 2,
            progressResponses: 2,
            progressSum: 8,
            promoters: 2,
            passives: 0,
            detractors: 0,
          },
        ],
        topics: [{ key: 'ai', label: 'AI', count: 2, people: 2 }],
      }),
      months,
      now,
    );
    expect(under.ratings).toEqual({ responses: 2, average: null, distribution: null });
    expect(under.ratingsByMonth[0]).toEqual({ month: '2026-03', responses: 2, average: null });
    expect(under.surveys[0]).toMatchObject({ responses: 2, averageProgress: null, nps: null, promoters: null });
    expect(under.topics).toEqual([]);
    const at = buildReportModel(
      aggregates({
        ratings: [
          { key: '5', count: 2 },
          { key: '2', count: 1 },
        ],
        ratingPeople: 3,
        ratingsByMonth: [{ month: 0, responses: 3, sum: 12, people: 3 }],
        surveys: [
          {
            kind: 'final',
            responses: 3,
            people: 3,
            progressResponses: 3,
            progressSum: 12,
            promoters: 1,
            passives: 1,
            detractors: 1,
          },
        ],
        topics: [{ key: 'ai', label: 'AI', count: 3, people: 3 }],
      }),
      months,
      now,
    );
    expect(at.ratings).toEqual({ responses: 3, average: 4, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 2 } });
    expect(at.ratingsByMonth[0]!.average).toBe(4);
    expect(at.surveys[1]).toMatchObject({ kind: 'final', averageProgress: 4, nps: 0, promoters: 1, passives: 1, detractors: 1 });
    expect(at.topics).toHaveLength(1);
  });

  test('three answers from two people are still hidden (they could be told apart)', () => {
    const r = buildReportModel(
      aggregates({
        ratings: [{ key: '4', count: 3 }],
        ratingPeople: 2,
        ratingsByMonth: [{ month: 0, responses: 3, sum: 12, people: 2 }],
        surveys: [
          {
            kind: 'midpoint',
            responses: 4,
            people: 2,
            progressResponses: 4,
            progressSum: 16,
            promoters: 4,
            passives: 0,
            detractors: 0,
          },
        ],
        topics: [{ key: 'ai', label: 'AI', count: 5, people: 2 }],
      }),
      months,
      now,
    );
    expect(r.ratings.average).toBeNull();
    expect(r.ratingsByMonth[0]!.average).toBeNull();
    expect(r.surveys[0]).toMatchObject({ averageProgress: null, nps: null });
    expect(r.topics).toEqual([]);
  });

  test('days since the last meeting, or since the introduction when the pair never met', () => {
    const person = { slackUserId: 'U1', name: 'A' };
    const r = buildReportModel(
      aggregates({
        atRiskCount: 2,
        atRisk: [
          {
            pairingId: 'x',
            mentor: person,
            mentee: person,
            flaggedAt: new Date('2026-04-01T00:00:00Z'),
            lastMetAt: null,
            introducedAt: new Date('2026-03-05T12:00:00Z'),
          },
          {
            pairingId: 'y',
            mentor: person,
            mentee: person,
            flaggedAt: new Date('2026-04-01T00:00:00Z'),
            lastMetAt: new Date('2026-03-20T00:00:00Z'),
            introducedAt: new Date('2026-03-02T00:00:00Z'),
          },
        ],
      }),
      months,
      now,
    );
    expect(r.atRisk.pairs.map((p) => [p.daysSinceLastMeeting, p.neverMet])).toEqual([
      [40, true],
      [26, false],
    ]);
  });

  test('blank departments and generations count as "Not given"; biggest first', () => {
    const r = buildReportModel(
      aggregates({
        departments: [
          { key: '', count: 1 },
          { key: 'Sales', count: 2 },
          { key: ' ', count: 2 },
        ],
      }),
      months,
      now,
    );
    expect(r.departments).toEqual([
      { key: 'Not given', count: 3 },
      { key: 'Sales', count: 2 },
    ]);
  });
});
