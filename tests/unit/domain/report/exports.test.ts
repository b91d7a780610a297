import {
  FeedbackCsvs,
  monthsOf,
  participantCsvRow,
  type FeedbackRow,
  type ParticipantRow,
} from '../../../../src/domain/report/index.js';

const programme = { startDate: new Date('2026-01-01T00:00:00Z'), endDate: new Date('2026-06-30T00:00:00Z'), timezone: 'UTC' };

describe('report months', () => {
  test('a running programme is reported up to now, a finished one up to its end', () => {
    expect(monthsOf(programme, new Date('2026-03-15T00:00:00Z')).map((m) => m.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf(programme, new Date('2027-01-01T00:00:00Z')).at(-1)!.key).toBe('2026-06');
  });
});

describe('CSV rows', () => {
  const person: ParticipantRow = {
    id: 'p1',
    slackUserId: 'U1',
    displayName: 'Ada',
    role: 'mentor',
    status: 'active',
    seniorityLevel: 2,
    careerStage: 'Junior',
    generation: 'gen-z',
    department: 'Finance',
    meetingPreference: 'video',
    capacity: 1,
    timezone: 'UTC',
    createdAt: new Date('2026-01-02T00:00:00Z'),
    pausedUntil: null,
    leftAt: null,
    erasedAt: null,
  };

  test('an erased person is an anonymous row', () => {
    const row = participantCsvRow({ ...person, erasedAt: new Date('2026-02-01T00:00:00Z') });
    expect(row).not.toContain('U1');
    expect(row).not.toContain('Ada');
    expect(row[2]).toBe('(erased)');
  });
});

describe('feedback CSVs', () => {
  const answer = (participantId: string, rating: number, learned = ''): FeedbackRow => ({
    participantId,
    kind: 'checkin',
    createdAt: new Date('2026-02-10T00:00:00Z'),
    rating,
    progress: null,
    recommendScore: null,
    learned,
    changed: '',
    commitment: '',
  });

  test('a group of fewer than three people shows no figures and no comments', () => {
    const csvs = new FeedbackCsvs(monthsOf(programme, new Date('2026-03-15T00:00:00Z')));
    csvs.add(answer('a', 5, 'a lot'));
    csvs.add(answer('b', 4, 'some'));
    const files = csvs.files();
    expect(files['feedback.csv']).toContain('no (under 3 answers or people)');
    expect(files['feedback_comments.csv']).not.toContain('a lot');
  });

  test('three people make a group: its average and comments show', () => {
    const csvs = new FeedbackCsvs(monthsOf(programme, new Date('2026-03-15T00:00:00Z')));
    for (const [who, rating] of [
      ['a', 5],
      ['b', 4],
      ['c', 3],
    ] as const)
      csvs.add(answer(who, rating, `note ${who}`));
    const files = csvs.files();
    expect(files['feedback.csv'].split('\n')[1]).toContain('checkin,2026-02,3,yes,4');
    expect(files['feedback_comments.csv']).toContain('note a');
  });
});
