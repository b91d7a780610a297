import { DEFAULT_ROSTER_QUERY, filterRoster, type RosterRow } from '../../../src/flows/dashboardRoster.js';
import { DEFAULT_REVIEW_QUERY, filterPairs, type ReviewPair } from '../../../src/flows/dashboardMatching.js';

const row = (name: string, o: Partial<RosterRow> = {}): RosterRow => ({
  participantId: `p-${name}`,
  slackUserId: `U${name.toUpperCase().replace(/[^A-Z]/g, '')}`,
  name,
  title: '',
  role: 'mentor',
  status: 'active',
  pausedUntil: null,
  department: 'Marketing',
  timezone: 'Europe/London',
  seniorityLevel: 2,
  joined: '2026-03-01T00:00:00.000Z',
  partners: [],
  ...o,
});

const ROWS = [
  row('Zoë Martin', { title: 'Marketing Associate' }),
  row('amara Okafor', { role: 'mentee', department: 'Operations', seniorityLevel: 8 }),
  row('Leo Nguyen', { department: 'Engineering', timezone: 'America/Los_Angeles', status: 'paused' }),
  row('Klaus Becker', { role: 'mentee', department: 'Engineering', timezone: 'Europe/Berlin', seniorityLevel: 7 }),
];
const names = (rows: RosterRow[]) => rows.map((r) => r.name);

describe('filterRoster', () => {
  test('sorts by name, any case and accent, by default', () => {
    expect(names(filterRoster(ROWS, DEFAULT_ROSTER_QUERY))).toEqual(['amara Okafor', 'Klaus Becker', 'Leo Nguyen', 'Zoë Martin']);
  });

  test('filters combine: role, status, department, time zone', () => {
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, role: 'mentee', department: 'Engineering' }))).toEqual([
      'Klaus Becker',
    ]);
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, status: 'paused' }))).toEqual(['Leo Nguyen']);
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, timezone: 'Europe/London' }))).toEqual([
      'amara Okafor',
      'Zoë Martin',
    ]);
  });

  test('search words must all match name, title, department or Slack id, accents ignored', () => {
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, q: 'zoe marketing' }))).toEqual(['Zoë Martin']);
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, q: 'engineering' }))).toEqual(['Klaus Becker', 'Leo Nguyen']);
    expect(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, q: 'nobody' })).toEqual([]);
  });

  test('sorts numerically and descending, ties by name', () => {
    expect(names(filterRoster(ROWS, { ...DEFAULT_ROSTER_QUERY, sort: 'seniority', dir: 'desc' }))).toEqual([
      'amara Okafor',
      'Klaus Becker',
      'Leo Nguyen',
      'Zoë Martin',
    ]);
  });
});

const pair = (id: string, score: number, mentor: string, mentee: string, pinned = false): ReviewPair => ({
  id,
  score,
  pinned,
  reasons: [`${mentor} covers what ${mentee} wants to learn`],
  mentor: { participantId: `m-${id}`, slackUserId: 'U1', name: mentor, department: 'Marketing' },
  mentee: { participantId: `e-${id}`, slackUserId: 'U2', name: mentee, department: 'Sales' },
});

describe('filterPairs', () => {
  const PAIRS = [pair('a', 70, 'Zoe', 'Amara'), pair('b', 90, 'Leo', 'Daniel', true), pair('c', 80, 'Aisha', 'Klaus')];
  test('best score first by default; a score floor, pinned only and a search narrow it', () => {
    expect(filterPairs(PAIRS, DEFAULT_REVIEW_QUERY).map((p) => p.id)).toEqual(['b', 'c', 'a']);
    expect(filterPairs(PAIRS, { ...DEFAULT_REVIEW_QUERY, minScore: 75 }).map((p) => p.id)).toEqual(['b', 'c']);
    expect(filterPairs(PAIRS, { ...DEFAULT_REVIEW_QUERY, pinned: 'pinned' }).map((p) => p.id)).toEqual(['b']);
    expect(filterPairs(PAIRS, { ...DEFAULT_REVIEW_QUERY, q: 'klaus' }).map((p) => p.id)).toEqual(['c']);
    expect(filterPairs(PAIRS, { ...DEFAULT_REVIEW_QUERY, sort: 'mentor', dir: 'asc' }).map((p) => p.id)).toEqual(['c', 'b', 'a']);
  });
});
