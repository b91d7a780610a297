import { checkPin, checkPins, matchCohort } from '../../../../src/domain/matching/index.js';
import { input, person } from './support.js';

describe('pins', () => {
  const sam = person('mentor', { participantId: 'sam', displayName: 'Sam', seniorityLevel: 3, capacity: 1 });
  const ola = person('mentor', { participantId: 'ola', displayName: 'Ola', capacity: 2 });
  const dana = person('mentee', { participantId: 'dana', displayName: 'Dana', seniorityLevel: 4 });
  const kim = person('mentee', { participantId: 'kim', displayName: 'Kim' });
  const lou = person('mentee', { participantId: 'lou', displayName: 'Lou' });

  test('checkPin names the violated constraint in words', () => {
    expect(checkPin({ mentorId: 'sam', menteeId: 'dana' }, input([sam], [dana]))).toEqual({
      mentorId: 'sam',
      menteeId: 'dana',
      problem: 'constraint',
      message:
        'pin Sam - Dana breaks a hard constraint (seniority_gap): Sam is not junior enough to Dana: seniority 3 vs 4, the programme needs a gap of at least 2',
    });
    expect(checkPin({ mentorId: 'ola', menteeId: 'kim' }, input([ola], [kim]))).toBeNull();
  });

  test('a pin that a private avoid list forbids says only that the pair cannot be made', () => {
    const avoiding = { ...dana, seniorityLevel: 7, avoidSlackUserIds: [ola.slackUserId] };
    const error = checkPin({ mentorId: 'ola', menteeId: 'dana' }, input([ola], [avoiding]));
    expect(error).toEqual({
      mentorId: 'ola',
      menteeId: 'dana',
      problem: 'constraint',
      message: 'pin Ola - Dana: this pair cannot be made',
    });
    expect(error?.message).not.toMatch(/avoid|asked|private/i);
  });

  test('checkPin reports unknown participants', () => {
    expect(checkPin({ mentorId: 'nobody', menteeId: 'kim' }, input([ola], [kim]))?.message).toBe(
      'pinned pair refers to an unknown mentor nobody',
    );
  });

  test('checkPins catches duplicates, capacity and mentees paired elsewhere', () => {
    const errors = checkPins(
      input([sam, ola], [dana, kim, lou], {
        pins: [
          { mentorId: 'ola', menteeId: 'kim' },
          { mentorId: 'ola', menteeId: 'kim' },
          { mentorId: 'sam', menteeId: 'lou' },
          { mentorId: 'ola', menteeId: 'dana' },
        ],
        pairedElsewhere: [{ mentorId: 'ola', menteeId: 'someone' }],
      }),
    );
    expect(errors.map((e) => [e.problem, e.message])).toEqual([
      ['duplicate', 'the pair ola - kim is pinned twice'],
      ['capacity', 'Ola can take 2 mentees; this pin would be number 3'],
    ]);
  });

  test('matchCohort refuses to run with a broken pin instead of dropping it', () => {
    const result = matchCohort(input([sam, ola], [dana, kim], { pins: [{ mentorId: 'sam', menteeId: 'dana' }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.pinErrors[0]?.problem).toBe('constraint');
  });

  test('pinned pairs stay, even when another assignment would score more', () => {
    const strong = person('mentor', { participantId: 'strong', teaches: ['ai', 'social'] });
    const weak = person('mentor', { participantId: 'weak', teaches: [] });
    const fan = person('mentee', { participantId: 'fan', learns: ['ai', 'social'] });
    const other = person('mentee', { participantId: 'other', learns: ['tools'] });
    const result = matchCohort(input([strong, weak], [fan, other], { pins: [{ mentorId: 'weak', menteeId: 'fan' }] }));
    if (!result.ok) throw new Error('unexpected pin errors');
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId, p.pinned])).toEqual([
      ['weak', 'fan', true],
      ['strong', 'other', false],
    ]);
  });

  test('a pin uses up the mentor’s capacity', () => {
    const result = matchCohort(input([ola], [kim, lou, dana], { pins: [{ mentorId: 'ola', menteeId: 'kim' }] }));
    if (!result.ok) throw new Error('unexpected pin errors');
    expect(result.pairs).toHaveLength(2);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]?.reason).toBe('capacity');
  });
});
