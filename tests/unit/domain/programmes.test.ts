import {
  acceptsParticipantChanges,
  acceptsSignups,
  isOver,
  programmePhase,
  programmeProblems,
  type ProgrammeDraft,
} from '../../../src/domain/programmes.js';

const draft: ProgrammeDraft = {
  name: 'Spring',
  startDate: '2026-03-30',
  durationMonths: 6,
  cadenceDays: 14,
  minSeniorityGap: 2,
  objectives: '',
  signupDeadline: '2026-03-16',
};

describe('programme rules', () => {
  test('a sensible programme has no problems', () => {
    expect(programmeProblems(draft, '2026-03-02')).toEqual({});
  });
  test('each rule names its field', () => {
    expect(
      programmeProblems(
        { ...draft, name: ' ', durationMonths: 13, cadenceDays: 10, minSeniorityGap: 9, objectives: 'x'.repeat(2001) },
        '2026-03-02',
      ),
    ).toEqual({
      name: 'Give the programme a name.',
      durationMonths: 'A programme runs 6 to 12 months.',
      cadenceDays: 'Choose every 2, 3 or 4 weeks.',
      minSeniorityGap: 'Choose a gap of 0 to 6 levels.',
      objectives: 'Keep the objectives under 2000 characters.',
    });
    expect(programmeProblems(draft, '2026-03-17').signupDeadline).toContain('already passed');
    expect(programmeProblems({ ...draft, signupDeadline: '2026-04-01' }, '2026-03-02').signupDeadline).toContain(
      'on or before the start date',
    );
    expect(programmeProblems({ ...draft, signupDeadline: '2026-03-02' }, '2026-03-02')).toEqual({}); // today is still open
  });
  test('dates are real days from 2000 to 2100; a channel is a channel id', () => {
    const notADate = 'That is not a real date: choose one with the date picker.';
    expect(programmeProblems({ ...draft, startDate: '2026-13-01' }, '2026-03-02')).toEqual({ startDate: notADate });
    expect(programmeProblems({ ...draft, startDate: '2026-04-31' }, '2026-03-02')).toEqual({ startDate: notADate });
    expect(programmeProblems({ ...draft, startDate: '9999-12-31' }, '2026-03-02')).toEqual({
      startDate: 'Choose a date between 2000 and 2100.',
    });
    expect(programmeProblems({ ...draft, signupDeadline: '2026-02-30' }, '2026-03-02')).toEqual({ signupDeadline: notADate });
    expect(programmeProblems({ ...draft, durationMonths: 6.5, minSeniorityGap: 1.5 }, '2026-03-02')).toEqual({
      durationMonths: 'A programme runs 6 to 12 months.',
      minSeniorityGap: 'Choose a gap of 0 to 6 levels.',
    });
    expect(programmeProblems({ ...draft, announcementChannel: 'C0123' }, '2026-03-02')).toEqual({});
    expect(programmeProblems({ ...draft, announcementChannel: '<!channel>' }, '2026-03-02')).toEqual({
      announcementChannel: 'Choose a channel with the channel picker.',
    });
  });
});

describe('programmePhase', () => {
  const p = {
    status: 'open',
    signupDeadline: new Date('2026-02-20T00:00:00Z'),
    startDate: new Date('2026-03-02T00:00:00Z'),
    endDate: new Date('2026-09-02T00:00:00Z'),
  };
  test.each([
    ['2026-02-01', 'open', 'signup_open'],
    ['2026-02-20', 'open', 'signup_open'], // the deadline day itself
    ['2026-02-21', 'open', 'signup_closed'],
    ['2026-03-01', 'open', 'signup_closed'],
    ['2026-03-02', 'open', 'running'],
    ['2026-09-01', 'running', 'running'],
    ['2026-09-02', 'open', 'ended'], // the end date: pairs wrap up
    ['2027-01-01', 'running', 'ended'],
    ['2026-02-01', 'closed', 'closed'], // a coordinator's close wins over the dates
    ['2026-05-01', 'closed', 'closed'],
  ])('on %s a programme stored as %s is %s', (today, status, phase) => {
    expect(programmePhase({ ...p, status }, today)).toBe(phase);
  });

  test('signup that closes on the start day is open that day, and running the next', () => {
    const sameDay = { ...p, signupDeadline: p.startDate };
    expect(programmePhase(sameDay, '2026-03-02')).toBe('signup_open');
    expect(programmePhase(sameDay, '2026-03-03')).toBe('running');
  });

  test('without a known deadline, signup is open until the start', () => {
    const { signupDeadline: _unused, ...undated } = p;
    expect(programmePhase(undated, '2026-03-01')).toBe('signup_open');
    expect(programmePhase(undated, '2026-03-02')).toBe('running');
  });

  test('what each phase allows', () => {
    const all = ['signup_open', 'signup_closed', 'running', 'ended', 'closed'] as const;
    expect(all.filter(acceptsSignups)).toEqual(['signup_open']);
    expect(all.filter(acceptsParticipantChanges)).toEqual(['signup_open', 'signup_closed', 'running']);
    expect(all.filter(isOver)).toEqual(['ended', 'closed']);
  });
});
