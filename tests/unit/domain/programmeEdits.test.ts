import {
  changesOutsidersHome,
  newTopicKey,
  programmeEditProblems,
  settingChanges,
  topicLines,
  topicPlan,
  type ProgrammeEdit,
  type ProgrammeSettings,
} from '../../../src/domain/programmeEdits.js';
import { DEFAULT_TOPICS } from '../../../src/domain/topics.js';

const current: ProgrammeSettings = {
  draft: {
    name: 'Spring',
    startDate: '2026-03-30',
    durationMonths: 6,
    cadenceDays: 14,
    minSeniorityGap: 2,
    objectives: 'Learn',
    signupDeadline: '2026-03-16',
  },
  topics: [
    ...DEFAULT_TOPICS.slice(0, 3).map((t) => ({ ...t, retired: false })),
    { key: 'old', label: 'Old topic', direction: 'downward', retired: true },
  ],
};

const edit = (over: Partial<ProgrammeEdit['draft']> = {}, topics: Partial<Omit<ProgrammeEdit, 'draft'>> = {}): ProgrammeEdit => ({
  draft: { ...current.draft, ...over },
  keptTopicKeys: ['social-media', 'ai-new-tech', 'digital-tools'],
  newTopics: { upward: [], downward: [] },
  ...topics,
});

describe('programme edit rules', () => {
  test('nothing changed is fine in every phase, even once the deadline has passed', () => {
    for (const [today, phase] of [
      ['2026-03-02', 'signup_open'],
      ['2026-03-20', 'signup_closed'],
      ['2026-05-01', 'running'],
      ['2026-10-01', 'ended'],
    ] as const)
      expect(programmeEditProblems(current, edit(), today, phase)).toEqual({});
  });

  test('the opening form’s rules apply to what changed', () => {
    expect(
      programmeEditProblems(
        current,
        edit({ name: '', signupDeadline: '2026-04-01', cadenceDays: 10 }),
        '2026-03-02',
        'signup_open',
      ),
    ).toEqual({
      name: 'Give the programme a name.',
      signupDeadline: 'Signup must close on or before the start date.',
      cadenceDays: 'Choose every 2, 3 or 4 weeks.',
    });
    expect(programmeEditProblems(current, edit({ signupDeadline: '2026-03-19' }), '2026-03-20', 'signup_closed')).toEqual({
      signupDeadline: 'The signup deadline has already passed: choose today or later.',
    });
  });

  test('a later deadline reopens signup before the start; the start may move until the programme starts', () => {
    expect(programmeEditProblems(current, edit({ signupDeadline: '2026-03-25' }), '2026-03-20', 'signup_closed')).toEqual({});
    expect(programmeEditProblems(current, edit({ startDate: '2026-04-06' }), '2026-03-20', 'signup_closed')).toEqual({});
    expect(
      programmeEditProblems(
        current,
        edit({ startDate: '2026-03-19', signupDeadline: '2026-03-19' }),
        '2026-03-20',
        'signup_closed',
      ).startDate,
    ).toBe('That day has passed: choose today or later.');
  });

  test('once running the start and the deadline stay; the end may not land on a day that has passed; once ended it stays', () => {
    expect(
      programmeEditProblems(current, edit({ startDate: '2026-04-06', signupDeadline: '2026-05-02' }), '2026-05-01', 'running'),
    ).toEqual({
      startDate: 'The programme has started: its start date stays as it is.',
      signupDeadline: 'The programme has started: signup cannot reopen. Leave the deadline as it is.',
    });
    expect(programmeEditProblems(current, edit({ durationMonths: 12 }), '2026-05-01', 'running')).toEqual({});
    const longer = { ...current, draft: { ...current.draft, durationMonths: 9 } };
    expect(programmeEditProblems(longer, edit({ durationMonths: 6 }), '2026-10-15', 'running').durationMonths).toBe(
      'That would end the programme on 2026-09-30, which is not after today: choose a longer duration.',
    );
    expect(programmeEditProblems(current, edit({ durationMonths: 7 }), '2026-10-01', 'ended').durationMonths).toContain(
      'has ended',
    );
  });

  test('topics: known keys only, new labels not already topics nor listed twice nor too long, at least one kept', () => {
    expect(
      programmeEditProblems(
        current,
        edit({}, { keptTopicKeys: ['nope'], newTopics: { upward: ['ai and new technology'], downward: ['x'.repeat(76)] } }),
        '2026-03-02',
        'signup_open',
      ),
    ).toEqual({
      topics: 'Choose topics from the list.',
      newUpwardTopics: '"ai and new technology" is a topic already: select it in the list above.',
      newDownwardTopics: 'Keep each topic under 75 characters.',
    });
    expect(
      programmeEditProblems(
        current,
        edit({}, { newTopics: { upward: ['Podcasts'], downward: ['podcasts'] } }),
        '2026-03-02',
        'signup_open',
      ),
    ).toEqual({ newDownwardTopics: '"podcasts" is listed twice.' });
    expect(programmeEditProblems(current, edit({}, { keptTopicKeys: [] }), '2026-03-02', 'signup_open')).toEqual({
      topics: 'Keep at least one topic.',
    });
  });

  test('new topics one a line; keys stable and never reused', () => {
    expect(topicLines('• Podcasts\n\n - Podcasts\nGaming  \n')).toEqual(['Podcasts', 'Gaming']);
    expect(newTopicKey('Élan & Co!', new Set())).toBe('elan-co');
    expect(newTopicKey('Old', new Set(['old', 'old-2']))).toBe('old-3');
    expect(newTopicKey('日本語', new Set())).toBe('topic');
  });
});

describe('what an edit records', () => {
  test('each changed setting with its before and after; the end date when it moves; topics by label', () => {
    const e = edit(
      { name: 'Spring 2', durationMonths: 7, announcementChannel: 'C123' },
      { keptTopicKeys: ['social-media', 'old'], newTopics: { upward: ['Podcasts'], downward: [] } },
    );
    const plan = topicPlan(current.topics, e);
    expect(plan).toEqual({
      added: [{ key: 'podcasts', label: 'Podcasts', direction: 'upward', position: 4 }],
      retired: ['ai-new-tech', 'digital-tools'],
      restored: ['old'],
    });
    expect(settingChanges(current, e, plan)).toEqual([
      { field: 'name', before: 'Spring', after: 'Spring 2' },
      { field: 'durationMonths', before: '6', after: '7' },
      { field: 'endDate', before: '2026-09-30', after: '2026-10-30' },
      { field: 'announcementChannel', before: '', after: 'C123' },
      { field: 'topicsAdded', before: '', after: 'Podcasts' },
      { field: 'topicsRetired', before: 'AI and new technology, Digital tools and productivity', after: '' },
      { field: 'topicsRestored', before: '', after: 'Old topic' },
    ]);
    expect(settingChanges(current, edit(), topicPlan(current.topics, edit()))).toEqual([]);
  });
});

describe('what an edit changes on the Home of people outside the programme', () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const p = { status: 'open', signupDeadline: d('2026-03-16'), startDate: d('2026-03-30'), endDate: d('2026-10-30') };
  test('only opening or closing signup today: the count of programmes open for signup is all they see', () => {
    // Open on 10 March: a later deadline or start keeps it open; a deadline of yesterday closes it.
    expect(changesOutsidersHome(p, { ...p, signupDeadline: d('2026-03-20') }, '2026-03-10')).toBe(false);
    expect(changesOutsidersHome(p, { ...p, startDate: d('2026-04-06'), endDate: d('2026-11-06') }, '2026-03-10')).toBe(false);
    expect(changesOutsidersHome(p, { ...p, signupDeadline: d('2026-03-09') }, '2026-03-10')).toBe(true);
    // Closed on 20 March: a deadline still past keeps it closed; a later one reopens it.
    expect(changesOutsidersHome(p, { ...p, signupDeadline: d('2026-03-18') }, '2026-03-20')).toBe(false);
    expect(changesOutsidersHome(p, { ...p, signupDeadline: d('2026-03-27') }, '2026-03-20')).toBe(true);
    // The deadline day itself is still open.
    expect(changesOutsidersHome(p, { ...p, signupDeadline: d('2026-03-20') }, '2026-03-20')).toBe(true);
    expect(changesOutsidersHome(p, p, '2026-03-20')).toBe(false);
  });
});
