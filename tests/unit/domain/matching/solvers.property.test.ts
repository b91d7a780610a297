import {
  assignDense,
  assignSparse,
  findInvariantViolation,
  solveDenseAssignment,
  solveSparseAssignment,
  totalWeight,
} from '../../../../src/domain/matching/index.js';
import { expandToSlots, mergePairs, slotLayout, toSlotGraph, unmatchedCost } from '../../../../src/domain/matching/assignment.js';
import { bruteForce, evaluate, makeRandom, minCostFlow, randomPairs } from './support.js';

function randomCapacity(random: () => number, mentors: number, doubleShare: number): Int32Array {
  return Int32Array.from({ length: mentors }, () => (random() < doubleShare ? 2 : 1));
}

describe('assignment solvers against brute force (small random cases)', () => {
  test('dense and sparse reach the brute-force optimum: more pairs first, then more weight', () => {
    const random = makeRandom(101);
    for (let round = 0; round < 300; round++) {
      const mentees = 1 + Math.floor(random() * 6);
      const mentors = 1 + Math.floor(random() * 5);
      const capacity = randomCapacity(random, mentors, 0.35);
      const pairs = randomPairs(random, mentees, mentors, random() * 0.6, 2 + Math.floor(random() * 6));
      const problem = { mentees, capacity, pairs };
      const expected = bruteForce(pairs, capacity);
      expect(evaluate(pairs, capacity, assignDense(problem))).toEqual(expected);
      expect(evaluate(pairs, capacity, assignSparse(problem).mentorForMentee)).toEqual(expected);
    }
  });

  test('an impossible pair is never chosen, even when it would be the only way to pair someone', () => {
    const pairs = { start: Int32Array.from([0, 1, 2]), mentor: Int32Array.from([0, 0]), weight: Int32Array.from([5000, 9000]) };
    const capacity = Int32Array.from([1, 1]);
    for (const result of [
      assignDense({ mentees: 2, capacity, pairs }),
      assignSparse({ mentees: 2, capacity, pairs }).mentorForMentee,
    ]) {
      expect(Array.from(result)).toEqual([-1, 0]);
    }
  });

  test('one more pair beats a higher total with fewer pairs', () => {
    // Mentee 0 fits both mentors; mentee 1 fits only mentor 0. Pairing 0-0 alone scores 10,000; the optimum pairs both.
    const pairs = {
      start: Int32Array.from([0, 2, 3]),
      mentor: Int32Array.from([0, 1, 0]),
      weight: Int32Array.from([10_000, 100, 100]),
    };
    const capacity = Int32Array.from([1, 1]);
    expect(Array.from(assignDense({ mentees: 2, capacity, pairs }))).toEqual([1, 0]);
    expect(Array.from(assignSparse({ mentees: 2, capacity, pairs }).mentorForMentee)).toEqual([1, 0]);
  });
});

describe('assignment solvers against an independent min-cost flow (mid-size cases)', () => {
  test('30 to 60 per side, capacity 1 or 2, impossible pairs, unequal sides', () => {
    const random = makeRandom(202);
    for (let round = 0; round < 12; round++) {
      const mentees = 30 + Math.floor(random() * 31);
      const mentors = 20 + Math.floor(random() * 41);
      const capacity = randomCapacity(random, mentors, round % 3 === 0 ? 0 : 0.4);
      const pairs = randomPairs(random, mentees, mentors, [0.02, 0.3, 0.85][round % 3] as number, 3 + (round % 9));
      const problem = { mentees, capacity, pairs };
      const expected = minCostFlow(pairs, capacity);
      expect(evaluate(pairs, capacity, assignDense(problem))).toEqual(expected);
      const sparse = assignSparse(problem);
      expect(evaluate(pairs, capacity, sparse.mentorForMentee)).toEqual(expected);
    }
  });
});

describe('sparse solver internals', () => {
  test('the result satisfies the LP optimality conditions, cold and warm-started after adding pairs', () => {
    const random = makeRandom(303);
    for (let round = 0; round < 40; round++) {
      const mentees = 5 + Math.floor(random() * 40);
      const mentors = 5 + Math.floor(random() * 40);
      const capacity = randomCapacity(random, mentors, 0.3);
      const all = randomPairs(random, mentees, mentors, 0.2, 4 + (round % 5));
      // Split into a first graph and the pairs a pricing round would add later.
      const first = { start: new Int32Array(mentees + 1), mentor: [] as number[], weight: [] as number[] };
      const later = { start: new Int32Array(mentees + 1), mentor: [] as number[], weight: [] as number[] };
      for (let e = 0; e < mentees; e++) {
        for (let k = all.start[e] as number; k < (all.start[e + 1] as number); k++) {
          const target = random() < 0.5 ? first : later;
          target.mentor.push(all.mentor[k] as number);
          target.weight.push(all.weight[k] as number);
        }
        first.start[e + 1] = first.mentor.length;
        later.start[e + 1] = later.mentor.length;
      }
      const a = { start: first.start, mentor: Int32Array.from(first.mentor), weight: Int32Array.from(first.weight) };
      const b = { start: later.start, mentor: Int32Array.from(later.mentor), weight: Int32Array.from(later.weight) };
      const merged = mergePairs(a, b);
      const layout = slotLayout(capacity);
      const cold = assignSparse({ mentees, capacity, pairs: a });
      const graphA = toSlotGraph({ mentees, capacity, pairs: a }, layout);
      expect(findInvariantViolation(graphA, unmatchedCost(mentees, graphA.cols), cold.state)).toBeNull();

      const warm = assignSparse({ mentees, capacity, pairs: merged }, cold.state);
      const graph = toSlotGraph({ mentees, capacity, pairs: merged }, layout);
      expect(findInvariantViolation(graph, unmatchedCost(mentees, graph.cols), warm.state)).toBeNull();
      const fresh = assignSparse({ mentees, capacity, pairs: merged });
      expect(evaluate(merged, capacity, warm.mentorForMentee)).toEqual(evaluate(merged, capacity, fresh.mentorForMentee));
    }
  });

  test('solveSparseAssignment and solveDenseAssignment agree on a square matrix without impossible cells', () => {
    const random = makeRandom(404);
    const n = 25;
    const cost = Float64Array.from({ length: n * n }, () => Math.floor(random() * 20));
    const dense = solveDenseAssignment(cost, n, n);
    const rowStart = Int32Array.from({ length: n + 1 }, (_, i) => i * n);
    const col = Int32Array.from({ length: n * n }, (_, k) => k % n);
    const sparse = solveSparseAssignment({ rows: n, cols: n, rowStart, col, cost }, 1e6);
    const sum = (a: Int32Array): number => a.reduce((s, j, i) => s + (cost[i * n + j] as number), 0);
    expect(sum(sparse.colForRow)).toBe(sum(dense.colForRow));
    expect(new Set(sparse.colForRow).size).toBe(n);
  });

  test('with one slot per mentor, the solver graph is the general slot expansion, edge for edge', () => {
    const random = makeRandom(505);
    for (let round = 0; round < 20; round++) {
      const mentees = 1 + Math.floor(random() * 40);
      const mentors = 1 + Math.floor(random() * 40);
      const capacity = new Int32Array(mentors).fill(1);
      const pairs = randomPairs(random, mentees, mentors, random(), 2 + (round % 6));
      const problem = { mentees, capacity, pairs };
      const layout = slotLayout(capacity);
      const fast = toSlotGraph(problem, layout);
      const general = expandToSlots(problem, layout);
      expect({ ...fast, rowStart: Array.from(fast.rowStart), col: Array.from(fast.col), cost: Array.from(fast.cost) }).toEqual({
        ...general,
        rowStart: Array.from(general.rowStart),
        col: Array.from(general.col),
        cost: Array.from(general.cost),
      });
    }
    // Capacities other than 1 take the general path.
    const capacity = Int32Array.from([2, 0, 1]);
    const pairs = {
      start: Int32Array.from([0, 2, 3]),
      mentor: Int32Array.from([0, 2, 1]),
      weight: Int32Array.from([10, 20, 30]),
    };
    const graph = toSlotGraph({ mentees: 2, capacity, pairs }, slotLayout(capacity));
    expect(Array.from(graph.col)).toEqual([0, 1, 2]);
    expect(Array.from(graph.rowStart)).toEqual([0, 3, 3]);
  });

  test('the dense solver rejects more rows than columns', () => {
    expect(() => solveDenseAssignment(new Float64Array(6), 3, 2)).toThrow(RangeError);
  });

  test('totalWeight adds the chosen pairs', () => {
    const pairs = { start: Int32Array.from([0, 2, 3]), mentor: Int32Array.from([0, 1, 1]), weight: Int32Array.from([3, 4, 5]) };
    expect(totalWeight(pairs, Int32Array.from([1, -1]))).toBe(4);
  });
});
