import { signupProblems, type SignupDraft } from '../../../src/domain/signup.js';

const ctx = {
  selfSlackId: 'U01',
  catalogueKeys: ['a', 'b', 'c'],
  deadlinePassed: false,
  isKnownTimezone: (tz: string) => tz === 'Europe/London',
};
const valid: SignupDraft = {
  role: 'mentor',
  seniorityLevel: 2,
  title: 'Analyst',
  generation: 'gen-z',
  department: 'Finance',
  managerSlackId: 'U09',
  teaches: ['a'],
  learns: ['b'],
  goals: 'grow',
  meetingPreference: 'video',
  capacity: 2,
  avoidSlackIds: ['U07'],
  timezone: 'Europe/London',
};

describe('signup rules', () => {
  test('a complete signup has no problems', () => {
    expect(signupProblems(valid, ctx)).toEqual({});
    expect(signupProblems({ ...valid, role: 'mentee', capacity: 1 }, ctx)).toEqual({});
  });
  test('capacity: mentors 1 or 2, mentees exactly 1', () => {
    expect(signupProblems({ ...valid, capacity: 3 }, ctx)).toEqual({ capacity: 'A mentor takes 1 or 2 mentees.' });
    expect(signupProblems({ ...valid, capacity: undefined }, ctx)).toEqual({ capacity: 'A mentor takes 1 or 2 mentees.' });
    expect(signupProblems({ ...valid, role: 'mentee', capacity: 2 }, ctx)).toEqual({
      capacity: 'A mentee has one mentor: leave this at 1.',
    });
  });
  test("the avoid list: not oneself, not one's own manager, at most 20", () => {
    expect(signupProblems({ ...valid, avoidSlackIds: ['U01'] }, ctx).avoidSlackIds).toBe('You cannot list yourself here.');
    expect(signupProblems({ ...valid, avoidSlackIds: ['U09'] }, ctx).avoidSlackIds).toContain('Your manager');
    expect(signupProblems({ ...valid, avoidSlackIds: Array.from({ length: 21 }, (_, i) => `UX${i}`) }, ctx).avoidSlackIds).toBe(
      'List at most 20 people.',
    );
  });
  test('a passed deadline is reported on the first field, whatever else is filled in', () => {
    expect(signupProblems(valid, { ...ctx, deadlinePassed: true })).toEqual({ role: expect.stringContaining('has closed') });
  });
  test('topics must come from the catalogue, and both lists are needed', () => {
    expect(signupProblems({ ...valid, teaches: ['a', 'zz'], learns: [] }, ctx)).toEqual({
      teaches: 'Choose topics from the list.',
      learns: 'Choose at least one topic you want to learn.',
    });
  });
  test('text limits', () => {
    expect(
      signupProblems({ ...valid, goals: 'g'.repeat(1001), title: 't'.repeat(121), department: 'd'.repeat(81) }, ctx),
    ).toEqual({
      goals: 'Keep your goals under 1000 characters (now 1001).',
      title: 'Keep your title under 120 characters.',
      department: 'Keep this under 80 characters.',
    });
  });
  test('every choice is one the form offered; pickers hold Slack user ids', () => {
    for (const seniorityLevel of [-5, 0, 8, 999, 3_000_000_000])
      expect(signupProblems({ ...valid, seniorityLevel }, ctx)).toEqual({
        seniorityLevel: 'Choose your career stage from the list.',
      });
    expect(signupProblems({ ...valid, generation: 'gen-alpha' }, ctx)).toEqual({
      generation: 'Choose a generation from the list.',
    });
    expect(signupProblems({ ...valid, generation: undefined }, ctx)).toEqual({});
    expect(signupProblems({ ...valid, meetingPreference: 'carrier-pigeon' }, ctx)).toEqual({
      meetingPreference: 'Choose how you prefer to meet from the list.',
    });
    expect(signupProblems({ ...valid, capacity: 1.5 }, ctx)).toEqual({ capacity: 'A mentor takes 1 or 2 mentees.' });
    for (const managerSlackId of ['<!channel>', '<@U09>', 'u09', ''])
      expect(signupProblems({ ...valid, managerSlackId }, ctx)).toEqual({
        managerSlackId: 'Choose your manager with the people picker.',
      });
    expect(signupProblems({ ...valid, avoidSlackIds: ['U07', '<!here>'] }, ctx)).toEqual({
      avoidSlackIds: 'Choose people with the people picker.',
    });
  });
});

describe('signup rules for someone paired', () => {
  test('their role cannot change while a pairing holds; everything else can', () => {
    const paired = { ...ctx, paired: { role: 'mentor' as const, pairs: 1 } };
    expect(signupProblems({ ...valid, role: 'mentee', capacity: 1 }, paired)).toEqual({
      role: 'You are paired as a mentor, so your role stays mentor while the pairing runs. Everything else here can change.',
    });
    expect(signupProblems({ ...valid, department: 'Brand', teaches: ['c'] }, paired)).toEqual({});
    // Not paired (or only in pairings that no longer hold): free to switch.
    expect(signupProblems({ ...valid, role: 'mentee', capacity: 1 }, { ...ctx, paired: { role: 'mentor', pairs: 0 } })).toEqual(
      {},
    );
  });

  test('a mentor with two mentees keeps room for both', () => {
    const two = { ...ctx, paired: { role: 'mentor' as const, pairs: 2 } };
    expect(signupProblems({ ...valid, capacity: 1 }, two)).toEqual({
      capacity: 'You are paired with 2 mentees now: keep this at 2 while those pairings run.',
    });
    expect(signupProblems({ ...valid, capacity: 2 }, two)).toEqual({});
  });

  test('after the deadline the deadline is the one problem shown under the role', () => {
    const late = { ...ctx, deadlinePassed: true, paired: { role: 'mentor' as const, pairs: 1 } };
    expect(signupProblems({ ...valid, role: 'mentee', capacity: 1 }, late).role).toContain(
      'Signup for this programme has closed',
    );
  });
});
