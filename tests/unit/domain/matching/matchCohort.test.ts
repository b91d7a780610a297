import {
  allFeasiblePairs,
  compileCohort,
  DENSE_LIMIT,
  explainPair,
  findViolation,
  makeConstraintRules,
  matchCohort,
  mentorCapacity,
  type MatchInput,
  type MatchResult,
} from '../../../../src/domain/matching/index.js';
import { better, input, makeRandom, minCostFlow, person, syntheticCohort, type Optimum } from './support.js';

function ok(result: MatchResult): Extract<MatchResult, { ok: true }> {
  if (!result.ok) throw new Error(`pin errors: ${JSON.stringify(result.pinErrors)}`);
  return result;
}

function achieved(result: Extract<MatchResult, { ok: true }>): Optimum {
  return { pairs: result.pairs.length, weight: Math.round(result.pairs.reduce((s, p) => s + p.score * 100, 0)) };
}

/** Every assignment, scored pair by pair with explainPair and the plain-object rules (not the solver's code). */
function bruteForceCohort(cohort: MatchInput): Optimum {
  const rules = makeConstraintRules(cohort.minSeniorityGap, cohort.pastPairs);
  const mentors = cohort.mentors;
  const room = mentors.map((m) => mentorCapacity(m));
  const options = cohort.mentees.map((mentee) =>
    mentors.flatMap((mentor, m) =>
      findViolation(mentor, mentee, rules) ? [] : [{ m, w: Math.round(explainPair(mentor, mentee, cohort).score * 100) }],
    ),
  );
  let best: Optimum = { pairs: 0, weight: 0 };
  const visit = (e: number, pairs: number, weight: number): void => {
    if (e === options.length) {
      if (better({ pairs, weight }, best)) best = { pairs, weight };
      return;
    }
    visit(e + 1, pairs, weight);
    for (const { m, w } of options[e] ?? []) {
      if ((room[m] as number) === 0) continue;
      room[m] = (room[m] as number) - 1;
      visit(e + 1, pairs + 1, weight + w);
      room[m] = (room[m] as number) + 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

function shuffled<T>(random: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('matchCohort finds the optimum', () => {
  test('against brute force on small random cohorts (capacity 2, constraints, inactive people, unequal sides)', () => {
    const random = makeRandom(11);
    for (let round = 0; round < 60; round++) {
      const cohort = syntheticCohort({
        mentors: 1 + Math.floor(random() * 4),
        mentees: 1 + Math.floor(random() * 6),
        seed: Math.floor(random() * 1e9),
        doubleCapacityShare: 0.4,
        inactiveShare: 0.1,
        departments: 3,
      });
      const expected = bruteForceCohort(cohort);
      expect(achieved(ok(matchCohort(cohort)))).toEqual(expected);
      expect(achieved(ok(matchCohort({ ...cohort, options: { solver: 'sparse', candidatesPerPerson: 1 } })))).toEqual(expected);
    }
  });

  test('against the min-cost-flow oracle on mid-size cohorts, dense and certified sparse', () => {
    const random = makeRandom(12);
    for (let round = 0; round < 6; round++) {
      const cohort = syntheticCohort({
        mentors: 30 + Math.floor(random() * 30),
        mentees: 30 + Math.floor(random() * 30),
        seed: Math.floor(random() * 1e9),
        doubleCapacityShare: 0.3,
      });
      const c = compileCohort(cohort.mentors, cohort.mentees, cohort);
      const capacity = Int32Array.from(cohort.mentors, (m) => mentorCapacity(m));
      const expected = minCostFlow(allFeasiblePairs(c), capacity);
      expect(achieved(ok(matchCohort({ ...cohort, options: { solver: 'dense' } })))).toEqual(expected);
      const sparse = ok(matchCohort({ ...cohort, options: { solver: 'sparse', candidatesPerPerson: 2, certify: 'always' } }));
      expect(sparse.stats.exact).toBe(true);
      expect(achieved(sparse)).toEqual(expected);
    }
  });

  test('sparse without certification matches dense once the candidate lists hold every feasible pair', () => {
    const cohort = syntheticCohort({ mentors: 70, mentees: 60, seed: 5, doubleCapacityShare: 0.3 });
    const dense = ok(matchCohort({ ...cohort, options: { solver: 'dense' } }));
    const sparse = ok(matchCohort({ ...cohort, options: { solver: 'sparse', candidatesPerPerson: 100, certify: 'never' } }));
    expect(sparse.stats.solver).toBe('sparse');
    expect(achieved(sparse)).toEqual(achieved(dense));
  });

  test('a larger cohort: certified sparse (the automatic choice) equals dense', () => {
    const n = Math.ceil(Math.sqrt(DENSE_LIMIT)) + 20;
    const cohort = syntheticCohort({ mentors: n, mentees: n + 20, seed: 9 });
    const auto = ok(matchCohort(cohort));
    expect(auto.stats).toMatchObject({ solver: 'sparse', exact: true });
    expect(achieved(auto)).toEqual(achieved(ok(matchCohort({ ...cohort, options: { solver: 'dense' } }))));
  });
});

describe('every result is a valid assignment', () => {
  test('no hard constraint broken, capacity respected, each mentee once, pins kept, unmatched explained', () => {
    const random = makeRandom(14);
    for (let round = 0; round < 8; round++) {
      const cohort = syntheticCohort({
        mentors: 40 + Math.floor(random() * 200),
        mentees: 40 + Math.floor(random() * 200),
        seed: Math.floor(random() * 1e9),
        doubleCapacityShare: 0.3,
        inactiveShare: 0.05,
      });
      const rules = makeConstraintRules(cohort.minSeniorityGap, cohort.pastPairs);
      const mentorOf = new Map(cohort.mentors.map((m) => [m.participantId, m]));
      const menteeOf = new Map(cohort.mentees.map((e) => [e.participantId, e]));
      const pin = cohort.mentors.flatMap((m) =>
        cohort.mentees
          .filter((e) => !findViolation(m, e, rules))
          .map((e) => ({ mentorId: m.participantId, menteeId: e.participantId })),
      )[round];
      const pins = pin ? [pin] : [];
      for (const certify of ['always', 'never'] as const) {
        const result = ok(matchCohort({ ...cohort, pins, options: { solver: 'sparse', certify } }));
        const load = new Map<string, number>();
        const seen = new Set<string>();
        for (const p of result.pairs) {
          const mentor = mentorOf.get(p.mentorId);
          const mentee = menteeOf.get(p.menteeId);
          if (!mentor || !mentee) throw new Error('unknown participant in a pair');
          expect(findViolation(mentor, mentee, rules)).toBeNull();
          expect(seen.has(p.menteeId)).toBe(false);
          seen.add(p.menteeId);
          load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
          expect(load.get(p.mentorId)).toBeLessThanOrEqual(mentorCapacity(mentor));
          expect(p.reasons).toHaveLength(5);
        }
        for (const p of pins) expect(result.pairs).toContainEqual(expect.objectContaining({ ...p, pinned: true }));
        const accounted = new Set([...seen, ...load.keys(), ...result.unmatched.map((u) => u.participantId)]);
        for (const person of [...cohort.mentors, ...cohort.mentees]) expect(accounted.has(person.participantId)).toBe(true);
        expect(result.stats.exact).toBe(certify === 'always');
      }
    }
  });
});

describe('matchCohort is deterministic', () => {
  test('the same input, in any list order, gives the same result', () => {
    const random = makeRandom(13);
    for (const size of [8, 40, 700]) {
      const cohort = syntheticCohort({ mentors: size, mentees: size, seed: size, doubleCapacityShare: 0.2, inactiveShare: 0.05 });
      const first = matchCohort(cohort);
      expect(matchCohort(cohort)).toEqual(first);
      const reordered = { ...cohort, mentors: shuffled(random, cohort.mentors), mentees: shuffled(random, cohort.mentees) };
      expect(matchCohort(reordered)).toEqual(first);
    }
  });
});

describe('unmatched people get a reason', () => {
  test('no feasible partner, with what rules them out', () => {
    const mentor = person('mentor', { participantId: 'm', seniorityLevel: 5, displayName: 'Sam', slackUserId: 'US' });
    const mentees = [
      person('mentee', { participantId: 'a', seniorityLevel: 6, displayName: 'Ann' }),
      person('mentee', { participantId: 'b', seniorityLevel: 9, displayName: 'Bo', managementChain: ['US'] }),
    ];
    const result = ok(matchCohort(input([mentor], mentees)));
    expect(result.pairs).toEqual([]);
    expect(result.unmatched).toEqual([
      {
        participantId: 'a',
        role: 'mentee',
        reason: 'no_feasible_partner',
        detail: 'no mentor can be paired with Ann: 1 seniority gap too small',
      },
      {
        participantId: 'b',
        role: 'mentee',
        reason: 'no_feasible_partner',
        detail: 'no mentor can be paired with Bo: 1 same reporting line',
      },
      {
        participantId: 'm',
        role: 'mentor',
        reason: 'no_feasible_partner',
        detail: 'no mentee can be paired with Sam: 1 seniority gap too small, 1 same reporting line',
      },
    ]);
  });

  test('a private avoid list is neither named nor counted in the waitlist reason', () => {
    const mentor = person('mentor', { participantId: 'm', seniorityLevel: 2, displayName: 'Sam', slackUserId: 'US' });
    const mentees = [
      person('mentee', { participantId: 'a', seniorityLevel: 9, displayName: 'Ann', avoidSlackUserIds: ['US'] }),
      person('mentee', { participantId: 'b', seniorityLevel: 2, displayName: 'Bo' }),
    ];
    const result = ok(matchCohort(input([mentor], mentees)));
    expect(result.pairs).toEqual([]);
    const details = result.unmatched.map((u) => u.detail);
    expect(details).toEqual([
      'no mentor can be paired with Ann',
      'no mentor can be paired with Bo: 1 seniority gap too small',
      'no mentee can be paired with Sam: 1 seniority gap too small',
    ]);
    expect(JSON.stringify(result)).not.toMatch(/avoid/i);
  });

  test('capacity: partners taken by better overall pairings', () => {
    const mentor = person('mentor', { participantId: 'm', teaches: ['ai'] });
    const fan = person('mentee', { participantId: 'fan', learns: ['ai'], displayName: 'Fan' });
    const other = person('mentee', { participantId: 'other', learns: ['tools'], displayName: 'Other' });
    const result = ok(matchCohort(input([mentor], [fan, other])));
    expect(result.pairs.map((p) => p.menteeId)).toEqual(['fan']);
    expect(result.unmatched).toEqual([
      {
        participantId: 'other',
        role: 'mentee',
        reason: 'capacity',
        detail: 'Other is on the waitlist: the one mentor who fits is paired with others in the best overall assignment',
      },
    ]);
  });

  test('inactive people are listed, not matched', () => {
    const result = ok(
      matchCohort(
        input(
          [person('mentor', { participantId: 'p', status: 'paused', displayName: 'Pat' })],
          [person('mentee', { participantId: 'e' })],
        ),
      ),
    );
    expect(result.unmatched.map((u) => [u.participantId, u.reason, u.detail])).toEqual([
      ['e', 'no_feasible_partner', 'no active mentors to pair Mentee e with'],
      ['p', 'inactive', 'Pat is paused: not matched'],
    ]);
  });

  test('a minimum score makes weak pairs impossible', () => {
    const mentor = person('mentor', { participantId: 'm', teaches: ['tools'], department: 'Finance', displayName: 'Sam' });
    const mentee = person('mentee', { participantId: 'e', learns: ['ai'], displayName: 'Dana' });
    expect(ok(matchCohort(input([mentor], [mentee]))).pairs).toHaveLength(1);
    const strict = ok(matchCohort(input([mentor], [mentee], { options: { minScore: 50 } })));
    expect(strict.pairs).toEqual([]);
    expect(strict.unmatched[0]?.detail).toBe('no mentor can be paired with Dana: 1 score below the programme minimum');
  });
});

describe('partial re-matches', () => {
  test('pairs kept elsewhere use capacity and their mentees are not matched again', () => {
    const ola = person('mentor', { participantId: 'ola', capacity: 2, teaches: ['ai'] });
    const sam = person('mentor', { participantId: 'sam', capacity: 1, teaches: ['ai'] });
    const kept = person('mentee', { participantId: 'kept', learns: ['ai'] });
    const orphan = person('mentee', { participantId: 'orphan', learns: ['ai'] });
    const waiting = person('mentee', { participantId: 'waiting', learns: ['ai'] });
    const result = ok(
      matchCohort(
        input([ola, sam], [kept, orphan, waiting], {
          pairedElsewhere: [
            { mentorId: 'ola', menteeId: 'kept' },
            { mentorId: 'sam', menteeId: 'someone-not-in-this-run' },
          ],
        }),
      ),
    );
    expect(result.pairs.map((p) => p.mentorId)).toEqual(['ola']);
    expect(result.pairs[0]?.menteeId).not.toBe('kept');
    expect(result.unmatched.map((u) => [u.participantId, u.reason])).toHaveLength(1);
    expect(result.stats.mentorSlots).toBe(1);
  });

  test('a departed mentor’s mentee is re-matched, never with the departed mentor', () => {
    const gone = person('mentor', { participantId: 'gone', status: 'departed', teaches: ['ai'] });
    const other = person('mentor', { participantId: 'other', teaches: [] });
    const mentee = person('mentee', { participantId: 'e', learns: ['ai'] });
    const result = ok(matchCohort(input([gone, other], [mentee])));
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['other', 'e']]);
  });
});

describe('input validation', () => {
  test('a person listed on the wrong side, or twice, is a programming error', () => {
    const e = person('mentee', { participantId: 'x' });
    expect(() => matchCohort(input([e], []))).toThrow(RangeError);
    expect(() => matchCohort(input([], [e, { ...e }]))).toThrow('listed twice');
  });

  test('empty cohorts', () => {
    expect(ok(matchCohort(input([], []))).stats.solver).toBe('none');
  });
});
