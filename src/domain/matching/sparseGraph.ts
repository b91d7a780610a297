/** A sparse assignment problem in CSR form: rows = mentees, columns = mentor slots, costs integer. */
export interface SparseGraph {
  rows: number;
  cols: number;
  /** rows + 1 offsets into col / cost. */
  rowStart: Int32Array;
  col: Int32Array;
  cost: Float64Array;
}

export interface SparseAssignment {
  /** -1 = the row took its private unmatched option. */
  colForRow: Int32Array;
  rowPotential: Float64Array;
  colPotential: Float64Array;
  /** Potentials of the rows' private unmatched columns. */
  unmatchedPotential: Float64Array;
}

/** Working state of the sparse solver: potentials and the assignment, private columns included. */
export interface SolverState {
  u: Float64Array;
  v: Float64Array;
  colForRow: Int32Array;
  rowForCol: Int32Array;
}
