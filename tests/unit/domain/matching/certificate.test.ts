import {
  allFeasiblePairs,
  assignCohort,
  compileCohort,
  findCertificateViolation,
  mentorCapacity,
} from '../../../../src/domain/matching/index.js';
import { evaluate, makeRandom, syntheticCohort } from './support.js';

function cohortOf(seed: number, mentors: number, mentees: number, doubleCapacityShare: number) {
  const input = syntheticCohort({ mentors, mentees, seed, doubleCapacityShare });
  const c = compileCohort(input.mentors, input.mentees, input);
  return { c, capacity: Int32Array.from(input.mentors, (m) => mentorCapacity(m)) };
}

describe('optimality certificate over the whole cohort', () => {
  test('certified sparse results equal the dense optimum and carry a certificate the full check accepts', () => {
    const random = makeRandom(2111);
    for (let round = 0; round < 12; round++) {
      const mentors = 20 + Math.floor(random() * 60);
      const mentees = 20 + Math.floor(random() * 60);
      const { c, capacity } = cohortOf(Math.floor(random() * 1e9), mentors, mentees, round % 2 === 0 ? 0 : 0.4);
      const all = allFeasiblePairs(c);
      const dense = assignCohort(c, capacity, { solver: 'dense', certify: 'never' });
      for (const k of [1, 2, 4]) {
        const sparse = assignCohort(c, capacity, { solver: 'sparse', certify: 'always', candidatesPerPerson: k });
        expect(sparse.exact).toBe(true);
        expect(evaluate(all, capacity, sparse.mentorForMentee)).toEqual(evaluate(all, capacity, dense.mentorForMentee));
        expect(findCertificateViolation(c, capacity, sparse.mentorForMentee, sparse.duals!)).toBeNull();
      }
    }
  });

  test('the check rejects an optimum of the candidate graph that is not optimal for the whole cohort', () => {
    const random = makeRandom(2112);
    let suboptimal = 0;
    for (let round = 0; round < 20; round++) {
      const { c, capacity } = cohortOf(Math.floor(random() * 1e9), 60, 60, 0.2);
      const all = allFeasiblePairs(c);
      const dense = evaluate(all, capacity, assignCohort(c, capacity, { solver: 'dense', certify: 'never' }).mentorForMentee);
      // Without pricing: optimal on the candidate graph, with that graph's duals.
      const thin = assignCohort(c, capacity, { solver: 'sparse', certify: 'never', candidatesPerPerson: 1 });
      const got = evaluate(all, capacity, thin.mentorForMentee);
      const violation = findCertificateViolation(c, capacity, thin.mentorForMentee, thin.duals!);
      if (got.pairs !== dense.pairs || got.weight !== dense.weight) {
        suboptimal++;
        expect(violation).not.toBeNull();
      }
    }
    expect(suboptimal).toBeGreaterThan(5);
  });

  test('the check rejects a certified result once two mentees swap mentors, and duals nudged off optimal', () => {
    const { c, capacity } = cohortOf(77, 50, 50, 0);
    const result = assignCohort(c, capacity, { solver: 'sparse', certify: 'always', candidatesPerPerson: 3 });
    const duals = result.duals!;
    expect(findCertificateViolation(c, capacity, result.mentorForMentee, duals)).toBeNull();
    const all = allFeasiblePairs(c);
    const base = evaluate(all, capacity, result.mentorForMentee);
    let rejected = 0;
    for (let a = 0; a < 50 && rejected < 5; a++) {
      for (let b = a + 1; b < 50 && rejected < 5; b++) {
        const swapped = Int32Array.from(result.mentorForMentee);
        [swapped[a], swapped[b]] = [swapped[b] as number, swapped[a] as number];
        let value: { pairs: number; weight: number } | null = null;
        try {
          value = evaluate(all, capacity, swapped);
        } catch {
          value = null; // a swap onto an impossible pair
        }
        if (value && value.pairs === base.pairs && value.weight === base.weight) continue; // an equally good swap
        expect(findCertificateViolation(c, capacity, swapped, duals)).not.toBeNull();
        rejected++;
      }
    }
    expect(rejected).toBe(5);
    const lowered = { mentee: Float64Array.from(duals.mentee, (u, e) => (e === 0 ? u + 1 : u)), mentor: duals.mentor };
    expect(findCertificateViolation(c, capacity, result.mentorForMentee, lowered)).not.toBeNull();
  });
});
