import {
  compileCohort,
  findViolation,
  makeConstraintRules,
  passesHardConstraints,
  type MatchCandidate,
} from '../../../../src/domain/matching/index.js';
import { makeRandom, person, syntheticCohort } from './support.js';

const rules = makeConstraintRules(2, []);

describe('hard constraints', () => {
  test('a pair that breaks nothing is possible', () => {
    expect(findViolation(person('mentor'), person('mentee'), rules)).toBeNull();
  });

  test('seniority: the mentor must be junior by at least the minimum gap', () => {
    const mentor = person('mentor', { seniorityLevel: 3, displayName: 'Sam' });
    expect(findViolation(mentor, person('mentee', { seniorityLevel: 5 }), rules)).toBeNull();
    const v = findViolation(mentor, person('mentee', { seniorityLevel: 4, displayName: 'Dana' }), rules);
    expect(v?.constraint).toBe('seniority_gap');
    expect(v?.message).toBe('Sam is not junior enough to Dana: seniority 3 vs 4, the programme needs a gap of at least 2');
    expect(findViolation(mentor, person('mentee', { seniorityLevel: 3 }), makeConstraintRules(0, []))).toBeNull();
  });

  test('reporting line: either is the other one’s manager', () => {
    const dana = person('mentee', { displayName: 'Dana', slackUserId: 'UDANA' });
    const sam = person('mentor', { displayName: 'Sam', managerSlackId: 'UDANA' });
    expect(findViolation(sam, dana, rules)).toEqual({
      constraint: 'reporting_line',
      message: "same reporting line: Dana is Sam's manager",
    });
    const lee = person('mentor', { displayName: 'Lee', slackUserId: 'ULEE' });
    const boss = person('mentee', { displayName: 'Kim', managerSlackId: 'ULEE' });
    expect(findViolation(lee, boss, rules)?.message).toBe("same reporting line: Lee is Kim's manager");
  });

  test('reporting line: one is in the other one’s known management chain', () => {
    const vp = person('mentee', { displayName: 'Ada', slackUserId: 'UVP' });
    const junior = person('mentor', { displayName: 'Bo', managerSlackId: 'ULEAD', managementChain: ['UHEAD', 'UVP'] });
    expect(findViolation(junior, vp, rules)).toEqual({
      constraint: 'reporting_line',
      message: "same reporting line: Ada is in Bo's management chain",
    });
    const mentorAbove = person('mentor', { slackUserId: 'UX' });
    expect(findViolation(mentorAbove, person('mentee', { managementChain: ['UX'] }), rules)?.constraint).toBe('reporting_line');
    // Sharing a manager is not a reporting line.
    const a = person('mentor', { managerSlackId: 'UCEO' });
    const b = person('mentee', { managerSlackId: 'UCEO' });
    expect(findViolation(a, b, rules)).toBeNull();
  });

  test('either private avoid list, saying only that the pair cannot be made', () => {
    const mentor = person('mentor', { slackUserId: 'UM' });
    const mentee = person('mentee', { slackUserId: 'UE' });
    const expected = {
      constraint: 'avoid_list',
      message: 'this pair cannot be made',
    };
    expect(findViolation({ ...mentor, avoidSlackUserIds: ['UE'] }, mentee, rules)).toEqual(expected);
    expect(findViolation(mentor, { ...mentee, avoidSlackUserIds: ['UM'] }, rules)).toEqual(expected);
  });

  test('already paired in an earlier programme, in either role', () => {
    const mentor = person('mentor', { slackUserId: 'UM', displayName: 'Sam' });
    const mentee = person('mentee', { slackUserId: 'UE', displayName: 'Dana' });
    const same = makeConstraintRules(2, [{ mentorSlackUserId: 'UM', menteeSlackUserId: 'UE' }]);
    const swapped = makeConstraintRules(2, [{ mentorSlackUserId: 'UE', menteeSlackUserId: 'UM' }]);
    expect(findViolation(mentor, mentee, same)?.message).toBe('Sam and Dana were already paired in an earlier programme');
    expect(findViolation(mentor, mentee, swapped)?.constraint).toBe('past_pair');
  });

  test.each([
    ['paused', 'is paused'],
    ['withdrawn', 'has withdrawn'],
    ['departed', 'has left the company'],
  ] as const)('a %s participant cannot be paired', (status, words) => {
    const mentee = person('mentee', { status, displayName: 'Dana' });
    expect(findViolation(person('mentor'), mentee, rules)).toEqual({ constraint: 'inactive', message: `Dana ${words}` });
    expect(findViolation(person('mentor', { status }), person('mentee'), rules)?.constraint).toBe('inactive');
  });

  test('the same person, and wrong roles', () => {
    expect(
      findViolation(person('mentor', { slackUserId: 'U1' }), person('mentee', { slackUserId: 'U1' }), rules)?.constraint,
    ).toBe('same_person');
    expect(findViolation(person('mentee'), person('mentee'), rules)?.constraint).toBe('wrong_role');
  });

  test('the compiled (typed-array) feasibility agrees with the rules on random cohorts', () => {
    const random = makeRandom(7);
    for (let round = 0; round < 20; round++) {
      const cohort = syntheticCohort({ mentors: 15, mentees: 15, seed: Math.floor(random() * 1e9) });
      // Sprinkle avoid lists and past pairs in both directions.
      cohort.mentees.forEach((e, i) => {
        if (i % 4 === 0) e.avoidSlackUserIds = [`UM${(i * 7) % 15}`];
      });
      cohort.pastPairs.push({ mentorSlackUserId: 'UE3', menteeSlackUserId: 'UM4' });
      // A Slack id listed twice on each side, and once on both sides (the same person).
      const [e0, e1, e2] = cohort.mentees as [MatchCandidate, MatchCandidate, MatchCandidate];
      const [m0, m1] = cohort.mentors as [MatchCandidate, MatchCandidate];
      e1.slackUserId = e0.slackUserId;
      m1.slackUserId = m0.slackUserId;
      e2.slackUserId = m0.slackUserId;
      const c = compileCohort(cohort.mentors, cohort.mentees, {
        minSeniorityGap: cohort.minSeniorityGap,
        pastPairs: cohort.pastPairs,
        referenceDate: cohort.referenceDate,
      });
      const r = makeConstraintRules(cohort.minSeniorityGap, cohort.pastPairs);
      cohort.mentors.forEach((mentor, m) =>
        cohort.mentees.forEach((mentee, e) => {
          const active = mentor.status === 'active' && mentee.status === 'active';
          if (!active) return;
          expect(passesHardConstraints(c, m, e)).toBe(findViolation(mentor, mentee, r) === null);
        }),
      );
    }
  });
});
