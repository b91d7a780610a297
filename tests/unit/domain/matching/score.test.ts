import { explainPair, matchCohort, normaliseWeights, DEFAULT_WEIGHTS } from '../../../../src/domain/matching/index.js';
import { input, person } from './support.js';

const rules = input([], []);

describe('score parts and reasons', () => {
  const sam = person('mentor', {
    displayName: 'Sam',
    department: 'Marketing',
    teaches: ['ai', 'social', 'safety', 'tools'],
    learns: ['leadership', 'strategy'],
    timezone: 'Europe/London',
    meetingPreference: 'video',
  });
  const dana = person('mentee', {
    displayName: 'Dana',
    department: 'Finance',
    teaches: ['leadership'],
    learns: ['ai', 'social', 'safety', 'dei'],
    timezone: 'America/New_York',
    meetingPreference: 'either',
  });

  test('every part, its points out of 100, and the words for it', () => {
    const x = explainPair(sam, dana, rules);
    expect(x.violation).toBeNull();
    expect(x.parts).toEqual({
      mentorCoversMentee: 33.75, // 3 of 4 x 45
      menteeCoversMentor: 10, // 1 of 2 x 20
      differentDepartment: 15,
      workingHours: 4.5, // 3 of 8 hours x 12
      meetingPreference: 8,
    });
    expect(x.score).toBe(71.25);
    expect(x.reasons).toEqual([
      'Sam covers 3 of 4 topics Dana wants to learn: AI and new technology, social media and personal brand, online safety and privacy (+33.75)',
      'Dana can teach Sam 1 of 2 topics Sam wants to learn: leadership (+10)',
      'different departments: Marketing and Finance (+15)',
      '3 h of shared working hours: Sam in Europe/London (UTC+0), Dana in America/New_York (UTC-5) (+4.5)',
      'meeting preferences fit: Sam prefers video, Dana is happy either way (+8)',
    ]);
  });

  test('nothing in common scores 0 and says so', () => {
    const a = person('mentor', {
      displayName: 'Ann',
      department: 'Sales',
      teaches: ['tools'],
      learns: ['strategy'],
      timezone: 'Asia/Singapore',
      meetingPreference: 'in_person',
    });
    const b = person('mentee', {
      displayName: 'Bob',
      department: ' sales ',
      teaches: ['leadership'],
      learns: ['ai'],
      timezone: 'Europe/London',
      meetingPreference: 'video',
    });
    const x = explainPair(a, b, rules);
    expect(x.score).toBe(0);
    expect(x.reasons).toEqual([
      'Ann covers none of the topics Bob wants to learn (AI and new technology) (+0)',
      'Bob can teach Ann none of the topics Ann wants to learn (strategy and decision making) (+0)',
      'same department: Sales (+0)',
      'no shared working hours: Ann in Asia/Singapore (UTC+8), Bob in Europe/London (UTC+0) (+0)',
      'meeting preferences clash: Ann prefers in person, Bob prefers video (+0)',
    ]);
  });

  test('unknowns are neutral: no topics listed, blank department, unknown time zone', () => {
    const a = person('mentor', { displayName: 'Ann', learns: [], department: '', timezone: 'Nowhere/Atlantis' });
    const b = person('mentee', { displayName: 'Bob', learns: ['ai'], teaches: [] });
    const x = explainPair(a, b, rules);
    expect(x.parts.menteeCoversMentor).toBe(0);
    expect(x.parts.differentDepartment).toBe(7.5);
    expect(x.parts.workingHours).toBe(6);
    expect(x.reasons[1]).toBe('Ann has not listed topics to learn (+0)');
    expect(x.reasons[2]).toBe('department unknown for Ann (+7.5)');
    expect(x.reasons[3]).toBe('time zone unknown for Ann (Nowhere/Atlantis) (+6)');
  });

  test('meeting preferences: same preference, either, clash', () => {
    const pref = (a: 'video' | 'in_person' | 'either', b: 'video' | 'in_person' | 'either'): number =>
      explainPair(person('mentor', { meetingPreference: a }), person('mentee', { meetingPreference: b }), rules).parts
        .meetingPreference;
    expect(pref('video', 'video')).toBe(8);
    expect(pref('in_person', 'in_person')).toBe(8);
    expect(pref('in_person', 'either')).toBe(8);
    expect(pref('video', 'in_person')).toBe(0);
  });

  test('topic keys without a label are shown as keys; duplicate topics count once', () => {
    const a = person('mentor', { displayName: 'Ann', teaches: ['quantum', 'ai'] });
    const b = person('mentee', { displayName: 'Bob', learns: ['quantum', 'quantum', 'ai'] });
    const x = explainPair(a, b, rules);
    expect(x.parts.mentorCoversMentee).toBe(45);
    expect(x.reasons[0]).toBe('Ann covers 2 of 2 topics Bob wants to learn: quantum, AI and new technology (+45)');
  });

  test('weights are normalised to sum 1; invalid ones fall back to the defaults', () => {
    const w = normaliseWeights({
      mentorCoversMentee: 2,
      menteeCoversMentor: 0,
      differentDepartment: 1,
      workingHours: 1,
      meetingPreference: 0,
    });
    expect(w).toEqual({
      mentorCoversMentee: 0.5,
      menteeCoversMentor: 0,
      differentDepartment: 0.25,
      workingHours: 0.25,
      meetingPreference: 0,
    });
    expect(normaliseWeights({ workingHours: -1 })).toEqual(DEFAULT_WEIGHTS);
    const custom = explainPair(
      person('mentor'),
      person('mentee'),
      input([], [], {
        options: {
          weights: {
            mentorCoversMentee: 1,
            menteeCoversMentor: 0,
            differentDepartment: 0,
            workingHours: 0,
            meetingPreference: 0,
          },
        },
      }),
    );
    expect(custom.score).toBe(100);
  });

  test('matchCohort reports the same score and reasons as explainPair', () => {
    const result = matchCohort(input([sam], [dana]));
    if (!result.ok) throw new Error('unexpected pin errors');
    const [pair] = result.pairs;
    const x = explainPair(sam, dana, rules);
    expect(pair).toMatchObject({ score: x.score, parts: x.parts, reasons: x.reasons, pinned: false });
    expect(result.totalScore).toBe(71.25);
  });
});
