import { solveDenseAssignment } from './denseSolver.js';
import { WEIGHT_SCALE } from './score.js';
import { type SparseAssignment, type SparseGraph, solveSparseAssignment } from './sparseSolver.js';

/** Possible pairs, CSR by mentee. Weights are integers 0..WEIGHT_SCALE; an absent pair is impossible. */
export interface WeightedPairs {
  start: Int32Array;
  mentor: Int32Array;
  weight: Int32Array;
}

/**
 * Pair mentees with mentor slots (a mentor of capacity 2 is two identical columns), maximising first the
 * number of pairs, then the total weight: nobody is left waiting to raise the total. Both solvers minimise
 * cost = WEIGHT_SCALE - weight with "unmatched" priced above any achievable difference in weights.
 */
export interface AssignmentProblem {
  mentees: number;
  /** Per mentor, >= 0. */
  capacity: Int32Array;
  pairs: WeightedPairs;
}

export interface SlotLayout {
  /** Slots of mentor m: slotStart[m] .. slotStart[m + 1] - 1. */
  slotStart: Int32Array;
  slotMentor: Int32Array;
}

export function slotLayout(capacity: Int32Array): SlotLayout {
  const slotStart = new Int32Array(capacity.length + 1);
  for (let m = 0; m < capacity.length; m++) slotStart[m + 1] = (slotStart[m] as number) + Math.max(0, capacity[m] as number);
  const slotMentor = new Int32Array(slotStart[capacity.length] as number);
  for (let m = 0; m < capacity.length; m++) slotMentor.fill(m, slotStart[m] as number, slotStart[m + 1] as number);
  return { slotStart, slotMentor };
}

/** Higher than the largest possible difference in total weight, so one more pair always wins. */
export function unmatchedCost(mentees: number, slots: number): number {
  return WEIGHT_SCALE * (Math.min(mentees, slots) + 1);
}

export function totalWeight(pairs: WeightedPairs, mentorForMentee: Int32Array): number {
  let total = 0;
  for (let e = 0; e < mentorForMentee.length; e++) {
    const m = mentorForMentee[e] as number;
    if (m < 0) continue;
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      if (pairs.mentor[k] === m) {
        total += pairs.weight[k] as number;
        break;
      }
    }
  }
  return total;
}

/** Exact, on the full mentees x slots matrix. Memory rows x cols x 8 bytes: for small and mid-size cohorts. */
export function assignDense(problem: AssignmentProblem): Int32Array {
  const { mentees, pairs } = problem;
  const layout = slotLayout(problem.capacity);
  const slots = layout.slotMentor.length;
  const mentorForMentee = new Int32Array(mentees).fill(-1);
  if (mentees === 0 || slots === 0) return mentorForMentee;
  const big = unmatchedCost(mentees, slots);
  const transposed = mentees > slots;
  const rows = transposed ? slots : mentees;
  const cols = transposed ? mentees : slots;
  const cost = new Float64Array(rows * cols).fill(big);
  for (let e = 0; e < mentees; e++) {
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      const m = pairs.mentor[k] as number;
      const c = WEIGHT_SCALE - (pairs.weight[k] as number);
      for (let s = layout.slotStart[m] as number; s < (layout.slotStart[m + 1] as number); s++) {
        cost[transposed ? s * cols + e : e * cols + s] = c;
      }
    }
  }
  const { colForRow } = solveDenseAssignment(cost, rows, cols);
  for (let r = 0; r < rows; r++) {
    const c = colForRow[r] as number;
    if ((cost[r * cols + c] as number) >= big) continue; // an impossible cell stands for "unmatched"
    const e = transposed ? c : r;
    const s = transposed ? r : c;
    mentorForMentee[e] = layout.slotMentor[s] as number;
  }
  return mentorForMentee;
}

/**
 * The solver's graph: one column per mentor slot, cost WEIGHT_SCALE - weight. When every mentor has exactly one
 * slot, the columns are the mentors themselves and the graph is the pairs with their costs (the common case,
 * built again after every pricing round: 7 ms -> under 1 ms for 260,000 pairs).
 */
export function toSlotGraph(problem: AssignmentProblem, layout: SlotLayout): SparseGraph {
  const { pairs, mentees } = problem;
  const mentors = layout.slotStart.length - 1;
  let oneSlotEach = layout.slotMentor.length === mentors;
  for (let m = 0; oneSlotEach && m <= mentors; m++) oneSlotEach = layout.slotStart[m] === m;
  if (!oneSlotEach || pairs.start[0] !== 0) return expandToSlots(problem, layout);
  const edges = pairs.start[mentees] as number;
  return {
    rows: mentees,
    cols: mentors,
    rowStart: pairs.start.slice(0, mentees + 1),
    col: pairs.mentor.slice(0, edges),
    cost: costsOf(pairs.weight, edges),
  };
}

/**
 * WEIGHT_SCALE - weight of the first `edges` pairs. A loop in a function of its own: V8 compiles a long loop while
 * it runs, without feedback for the code after it, and that code (the graph's fields) then deoptimised it.
 */
function costsOf(weight: Int32Array, edges: number): Float64Array {
  const cost = new Float64Array(edges);
  for (let k = 0; k < edges; k++) cost[k] = WEIGHT_SCALE - (weight[k] as number);
  return cost;
}

/** toSlotGraph for any capacities: each pair becomes one edge per slot of its mentor. */
export function expandToSlots(problem: AssignmentProblem, layout: SlotLayout): SparseGraph {
  const { pairs, mentees } = problem;
  const rowStart = new Int32Array(mentees + 1);
  for (let e = 0; e < mentees; e++) {
    let edges = 0;
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      const m = pairs.mentor[k] as number;
      edges += (layout.slotStart[m + 1] as number) - (layout.slotStart[m] as number);
    }
    rowStart[e + 1] = (rowStart[e] as number) + edges;
  }
  const col = new Int32Array(rowStart[mentees] as number);
  const cost = new Float64Array(col.length);
  let at = 0;
  for (let e = 0; e < mentees; e++) {
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      const m = pairs.mentor[k] as number;
      const c = WEIGHT_SCALE - (pairs.weight[k] as number);
      for (let s = layout.slotStart[m] as number; s < (layout.slotStart[m + 1] as number); s++) {
        col[at] = s;
        cost[at++] = c;
      }
    }
  }
  return { rows: mentees, cols: layout.slotMentor.length, rowStart, col, cost };
}

export interface SparseOutcome {
  mentorForMentee: Int32Array;
  state: SparseAssignment;
  /** Per mentee: the solver's dual (row potential). */
  menteePotential: Float64Array;
  /** Per mentor: the highest potential among its slots (what a new pair would have to beat). */
  mentorPotential: Float64Array;
}

/** Exact on the given pairs; pass the previous outcome's state to warm-start after adding pairs. */
export function assignSparse(problem: AssignmentProblem, warm?: SparseAssignment): SparseOutcome {
  const layout = slotLayout(problem.capacity);
  const graph = toSlotGraph(problem, layout);
  const state = solveSparseAssignment(graph, unmatchedCost(problem.mentees, graph.cols), warm);
  const mentorForMentee = new Int32Array(state.colForRow.length);
  for (let e = 0; e < mentorForMentee.length; e++) {
    const s = state.colForRow[e] as number;
    mentorForMentee[e] = s < 0 ? -1 : (layout.slotMentor[s] as number);
  }
  const mentors = problem.capacity.length;
  const mentorPotential = new Float64Array(mentors).fill(-Infinity);
  for (let s = 0; s < graph.cols; s++) {
    const m = layout.slotMentor[s] as number;
    mentorPotential[m] = Math.max(mentorPotential[m] as number, state.colPotential[s] as number);
  }
  return { mentorForMentee, state, menteePotential: state.rowPotential, mentorPotential };
}

/** Per mentee, the pairs of `a` then those of `b` (assumed disjoint), in memory from `allocate`. */
export function mergePairs(
  a: WeightedPairs,
  b: WeightedPairs,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): WeightedPairs {
  const mentees = a.start.length - 1;
  const start = new Int32Array(allocate((mentees + 1) * 4));
  const mentor = new Int32Array(allocate((a.mentor.length + b.mentor.length) * 4));
  const weight = new Int32Array(allocate(mentor.length * 4));
  let at = 0;
  for (let e = 0; e < mentees; e++) {
    start[e] = at;
    for (let k = a.start[e] as number; k < (a.start[e + 1] as number); k++) {
      mentor[at] = a.mentor[k] as number;
      weight[at++] = a.weight[k] as number;
    }
    for (let k = b.start[e] as number; k < (b.start[e + 1] as number); k++) {
      mentor[at] = b.mentor[k] as number;
      weight[at++] = b.weight[k] as number;
    }
  }
  start[mentees] = at;
  return { start, mentor, weight };
}
