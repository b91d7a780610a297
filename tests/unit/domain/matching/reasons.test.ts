import { describePair, formatPoints } from '../../../../src/domain/matching/reasons.js';
import { WEIGHT_SCALE } from '../../../../src/domain/matching/score.js';
import { person } from './support.js';

const points = {
  mentorCoversMentee: 2500,
  menteeCoversMentor: 0,
  differentDepartment: 1000,
  workingHours: 1234,
  meetingPreference: 500,
};
const context = { topicLabels: { ai: 'AI' }, mentorOffset: 0, menteeOffset: 60, overlapMinutes: 420 };

describe('pair reasons', () => {
  test('a topic listed twice counts once, in order of first mention', () => {
    const mentor = person('mentor', { displayName: 'Ola', teaches: ['tools', 'ai'] });
    const mentee = person('mentee', { displayName: 'Kim', learns: ['ai', 'safety', 'ai'] });
    const [forMentee] = describePair(mentor, mentee, points, context);
    expect(forMentee).toBe('Ola covers 1 of 2 topics Kim wants to learn: AI (+25)');
  });

  test('every part carries its points, formatted the same way each time', () => {
    const reasons = describePair(person('mentor'), person('mentee'), points, context);
    const again = describePair(person('mentor'), person('mentee'), points, context);
    expect(reasons.map((r) => /\(([^()]*)\)$/.exec(r)?.[1])).toEqual(['+25', '+0', '+10', '+12.34', '+5']);
    expect(again.map((r) => /\(([^()]*)\)$/.exec(r)?.[1])).toEqual(['+25', '+0', '+10', '+12.34', '+5']);
    expect(formatPoints(WEIGHT_SCALE)).toBe('+100');
    for (const p of [0, 1, 7, 8, 1234, 9999, WEIGHT_SCALE, 1, 7]) {
      const meeting = describePair(person('mentor'), person('mentee'), { ...points, meetingPreference: p }, context)[4];
      expect(meeting).toBe(`both happy with video or in person (${formatPoints(p)})`);
    }
  });

  test('points that are not whole still format', () => {
    const [forMentee] = describePair(person('mentor'), person('mentee'), { ...points, mentorCoversMentee: 2512.5 }, context);
    expect(forMentee?.endsWith(`(${formatPoints(2512.5)})`)).toBe(true);
    expect(formatPoints(2512.5)).not.toBe(formatPoints(2512));
  });
});
