// The sparse solver's warm start as of 1710c51, kept verbatim (see ./sparseSolver.ts).
import { ColumnHeap } from './columnHeap.js';
import type { SolverState, SparseAssignment, SparseGraph } from '../../../../../src/domain/matching/sparseGraph.js';

/**
 * Warm start, step 1: keep the old potentials and assignment, lower each row's potential to its cheapest
 * reduced cost (new edges may undercut), and free the rows whose assigned edge is no longer the cheapest.
 * Their columns keep their (negative) potentials for now: a later augmentation may end there, which is
 * what usually happens, and leaves no trace in the potentials.
 */
export function releaseUndercutRows(graph: SparseGraph, unmatchedCost: number, warm: SparseAssignment, s: SolverState): void {
  const { rows, cols, rowStart, col, cost } = graph;
  s.v.set(warm.colPotential);
  s.v.set(warm.unmatchedPotential, cols);
  for (let i = 0; i < rows; i++) {
    const old = warm.colForRow[i] as number;
    const assigned = old === -1 ? cols + i : old;
    const end = rowStart[i + 1] as number;
    let best = unmatchedCost - (s.v[cols + i] as number);
    let assignedReduced = assigned === cols + i ? best : Infinity;
    for (let k = rowStart[i] as number; k < end; k++) {
      const j = col[k] as number;
      const r = (cost[k] as number) - (s.v[j] as number);
      if (r < best) best = r;
      if (j === assigned) assignedReduced = r;
    }
    s.u[i] = best;
    if (assignedReduced === best) {
      s.colForRow[i] = assigned;
      s.rowForCol[assigned] = i;
    }
  }
}

/** Rows having an edge to each column (CSR by column), for searches that run against the edges. */
function columnIndex(graph: SparseGraph): { colStart: Int32Array; colRow: Int32Array; colCost: Float64Array } {
  const { rows, cols, rowStart, col, cost } = graph;
  const colStart = new Int32Array(cols + 1);
  for (let k = 0; k < col.length; k++) colStart[(col[k] as number) + 1] = (colStart[(col[k] as number) + 1] as number) + 1;
  for (let j = 0; j < cols; j++) colStart[j + 1] = (colStart[j + 1] as number) + (colStart[j] as number);
  const colRow = new Int32Array(col.length);
  const colCost = new Float64Array(col.length);
  const fill = colStart.slice(0, cols);
  for (let i = 0; i < rows; i++) {
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const j = col[k] as number;
      const at = fill[j] as number;
      colRow[at] = i;
      colCost[at] = cost[k] as number;
      fill[j] = at + 1;
    }
  }
  return { colStart, colRow, colCost };
}

/**
 * Warm start, step 2. A column that lost its row in step 1 and was not taken again keeps a negative potential,
 * which breaks optimality (an unused column must be at 0). In min-cost-flow terms it still sends a unit it
 * does not receive. For each such column x, a Dijkstra search against the edges finds the cheapest way to
 * settle it: either just raise its potential to 0, or move a chain of rows one column over towards x and free
 * the column at the other end, whichever costs less at current prices; potentials are then updated as in any
 * shortest-path step, so every invariant holds again. Only the neighbourhood of x is searched.
 */
export function settlePhantomColumns(graph: SparseGraph, unmatchedCost: number, s: SolverState): void {
  const { rows, cols } = graph;
  const allCols = cols + rows;
  const phantoms: number[] = [];
  for (let j = 0; j < allCols; j++) if (s.rowForCol[j] === -1 && (s.v[j] as number) < 0) phantoms.push(j);
  if (phantoms.length === 0) return;
  const { colStart, colRow, colCost } = columnIndex(graph);
  const nodes = allCols + rows; // columns, then rows
  const dist = new Float64Array(nodes);
  const pred = new Int32Array(nodes);
  const seen = new Int32Array(nodes);
  const done = new Int32Array(nodes);
  const finished: number[] = [];
  const heap = new ColumnHeap();
  let stamp = 0;
  for (const x of phantoms) {
    stamp++;
    heap.size = 0;
    finished.length = 0;
    const reach = (n: number, d: number, from: number): void => {
      if (seen[n] === stamp && d >= (dist[n] as number)) return;
      seen[n] = stamp;
      dist[n] = d;
      pred[n] = from;
      heap.push(d, n);
    };
    let best = -(s.v[x] as number); // raising x to 0 settles it outright
    let bestVia = x;
    reach(x, 0, -1);
    while (heap.size > 0 && heap.topKey() < best) {
      const key = heap.topKey();
      const n = heap.pop();
      if (done[n] === stamp || key !== dist[n]) continue;
      done[n] = stamp;
      finished.push(n);
      if (n >= allCols) {
        // A row: continue to the column it holds (it would give that column up).
        reach(s.colForRow[n - allCols] as number, key, n);
        continue;
      }
      const j = n;
      if (j !== x && key - (s.v[j] as number) < best) {
        best = key - (s.v[j] as number); // free j: its potential rises to 0
        bestVia = j;
      }
      // Rows that could move onto j.
      if (j >= cols) {
        const r = j - cols;
        if (s.colForRow[r] !== j) reach(allCols + r, key + unmatchedCost - (s.u[r] as number) - (s.v[j] as number), j);
        continue;
      }
      for (let at = colStart[j] as number; at < (colStart[j + 1] as number); at++) {
        const r = colRow[at] as number;
        if (s.colForRow[r] === j) continue;
        reach(allCols + r, key + (colCost[at] as number) - (s.u[r] as number) - (s.v[j] as number), j);
      }
    }
    for (const n of finished) {
      const lift = best - (dist[n] as number);
      if (lift <= 0) continue;
      if (n >= allCols) s.u[n - allCols] = (s.u[n - allCols] as number) - lift;
      else s.v[n] = (s.v[n] as number) + lift;
    }
    if (bestVia === x) continue;
    // Shift the chain: the row holding bestVia moves to the column it was reached from, and so on up to x.
    s.rowForCol[bestVia] = -1;
    let j = bestVia;
    for (;;) {
      const rowNode = pred[j] as number;
      const r = rowNode - allCols;
      const target = pred[rowNode] as number;
      s.colForRow[r] = target;
      s.rowForCol[target] = r;
      if (target === x) break;
      j = target;
    }
  }
}
