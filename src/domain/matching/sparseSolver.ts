/**
 * Exact minimum-cost assignment on a sparse bipartite graph in CSR form (rows = mentees, columns = mentor
 * slots). Every row also has a private "unmatched" column of cost `unmatchedCost`, so a solution always
 * exists. Shortest augmenting paths (Dijkstra with a binary heap over reduced costs, Jonker-Volgenant
 * potentials) after row reduction and augmenting row reduction. O(rows x (E + V log V)) worst case.
 * Ties: lowest distance, then a column without a row, then heap order (deterministic).
 *
 * Invariants (LP optimality at the end): cost - u[i] - v[j] >= 0 on every edge, = 0 on assigned edges,
 * v <= 0, and v = 0 on columns without a row. Costs and potentials stay integers, so comparisons are exact.
 */
import { ColumnHeap } from './columnHeap.js';
import type { SolverState, SparseAssignment, SparseGraph } from './sparseGraph.js';
import { releaseUndercutRows, settlePhantomColumns } from './sparseWarmStart.js';

export type { SparseAssignment, SparseGraph } from './sparseGraph.js';

/**
 * Solves from scratch, or warm-starts from `warm`, an optimum of the same problem with fewer edges (pricing
 * rounds only add edges): rows whose assigned edge is still the cheapest keep it, the others are re-routed.
 */
export function solveSparseAssignment(graph: SparseGraph, unmatchedCost: number, warm?: SparseAssignment): SparseAssignment {
  const { rows, cols } = graph;
  const allCols = cols + rows; // column cols + i is row i's private unmatched option
  const s: SolverState = {
    u: new Float64Array(rows),
    v: new Float64Array(allCols),
    colForRow: new Int32Array(rows).fill(-1),
    rowForCol: new Int32Array(allCols).fill(-1),
  };
  if (warm) {
    releaseUndercutRows(graph, unmatchedCost, warm, s);
    augmentingRowReduction(graph, unmatchedCost, s);
    augmentFreeRows(graph, unmatchedCost, s);
    settlePhantomColumns(graph, unmatchedCost, s);
  } else {
    rowReduction(graph, unmatchedCost, s);
    augmentingRowReduction(graph, unmatchedCost, s);
    augmentFreeRows(graph, unmatchedCost, s);
  }
  // A loop, not Int32Array.from with a function: a call per row, mostly before V8 optimises it.
  const colForRow = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const j = s.colForRow[i] as number;
    colForRow[i] = j >= cols ? -1 : j;
  }
  return { colForRow, rowPotential: s.u, colPotential: s.v.slice(0, cols), unmatchedPotential: s.v.slice(cols) };
}

/** Each row takes a free column among its cheapest ones, if there is one. */
function rowReduction(graph: SparseGraph, unmatchedCost: number, s: SolverState): void {
  const { rows, cols, rowStart, col, cost } = graph;
  for (let i = 0; i < rows; i++) {
    let bestValue = unmatchedCost;
    let bestFree = cols + i;
    const end = rowStart[i + 1] as number;
    for (let k = rowStart[i] as number; k < end; k++) {
      const c = cost[k] as number;
      const j = col[k] as number;
      if (c < bestValue) {
        bestValue = c;
        bestFree = s.rowForCol[j] === -1 ? j : -1;
      } else if (c === bestValue && bestFree === -1 && s.rowForCol[j] === -1) {
        bestFree = j;
      }
    }
    s.u[i] = bestValue;
    if (bestFree !== -1) {
      s.rowForCol[bestFree] = i;
      s.colForRow[i] = bestFree;
    }
  }
}

/**
 * Jonker-Volgenant's augmenting row reduction: a free row takes its cheapest column at current prices,
 * whose price rises (its potential falls) until the row's second choice is as cheap, and the row it displaces
 * becomes free. Cheap per step (no heap); keeps all invariants; settles most rows before the Dijkstra phase.
 */
function augmentingRowReduction(graph: SparseGraph, unmatchedCost: number, s: SolverState): void {
  const { rows, cols, rowStart, col, cost } = graph;
  const { u, v, colForRow, rowForCol } = s;
  let free: number[] = [];
  for (let i = 0; i < rows; i++) if (colForRow[i] === -1) free.push(i);
  for (let pass = 0; pass < 2 && free.length > 0; pass++) {
    const next: number[] = [];
    let budget = 4 * rows + 16; // guards against long displacement chains on ties
    let k = 0;
    while (k < free.length && budget-- > 0) {
      const i = free[k++] as number;
      let first = unmatchedCost - (v[cols + i] as number);
      let j1 = cols + i;
      let second = Infinity;
      let j2 = -1;
      const end = rowStart[i + 1] as number;
      for (let e = rowStart[i] as number; e < end; e++) {
        const j = col[e] as number;
        const h = (cost[e] as number) - (v[j] as number);
        if (h < second) {
          if (h >= first) {
            second = h;
            j2 = j;
          } else {
            second = first;
            j2 = j1;
            first = h;
            j1 = j;
          }
        }
      }
      let displaced = rowForCol[j1] as number;
      if (j2 !== -1) {
        if (first < second) v[j1] = (v[j1] as number) - (second - first);
        else if (displaced >= 0) {
          j1 = j2;
          displaced = rowForCol[j2] as number;
        }
      }
      u[i] = j2 === -1 ? first : second;
      if (displaced >= 0) colForRow[displaced] = -1;
      rowForCol[j1] = i;
      colForRow[i] = j1;
      if (displaced >= 0) {
        if (first < second) free[--k] = displaced;
        else next.push(displaced);
      }
    }
    for (; k < free.length; k++) next.push(free[k] as number);
    free = next;
  }
}

/** Dijkstra from each row without a column to the nearest column without a row, then augment. */
function augmentFreeRows(graph: SparseGraph, unmatchedCost: number, s: SolverState): void {
  const { rows, cols, rowStart, col, cost } = graph;
  const { u, v, colForRow, rowForCol } = s;
  const allCols = cols + rows;
  const distance = new Float64Array(allCols);
  const pathRow = new Int32Array(allCols);
  // Per column, 2 x search + 1 once its distance is final, 2 x search while it is only valid in this search:
  // one load tells both (the hot loop reads it for every edge).
  const mark = new Int32Array(allCols);
  const scannedRows = new Int32Array(rows);
  const doneCols = new Int32Array(allCols);
  const heap = new ColumnHeap();
  // Heap key: 2 x distance, + 1 for a column that has a row, so equal distances prefer a sink.
  let seenMark = 0;

  for (let start = 0; start < rows; start++) {
    if (colForRow[start] !== -1) continue;
    seenMark += 2;
    const doneMark = seenMark + 1;
    heap.size = 0;
    let scanned = 0;
    let doneCount = 0;
    let minValue = 0;
    let i = start;
    let sink = -1;
    // The heap key of the best column without a row found so far: a column that cannot beat it is not pushed.
    let sinkKey = Infinity;

    while (sink === -1) {
      scannedRows[scanned++] = i;
      const offset = minValue - (u[i] as number);
      const end = rowStart[i + 1] as number;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = col[k] as number;
        const r = offset + (cost[k] as number) - (v[j] as number);
        // A column is pushed only if this row reaches it sooner and it could still beat the best sink.
        if (2 * r > sinkKey) continue;
        const m = mark[j] as number;
        if (m === doneMark || (m === seenMark && r >= (distance[j] as number))) continue;
        const free = rowForCol[j] === -1;
        const key = free ? 2 * r : 2 * r + 1;
        if (key > sinkKey) continue;
        if (free && key < sinkKey) sinkKey = key;
        mark[j] = seenMark;
        distance[j] = r;
        pathRow[j] = i;
        heap.push(key, j);
      }
      // The row's private unmatched column, cols + i.
      const unmatched = cols + i;
      if (mark[unmatched] !== doneMark) {
        const r = offset + unmatchedCost - (v[unmatched] as number);
        if (mark[unmatched] !== seenMark || r < (distance[unmatched] as number)) {
          const free = rowForCol[unmatched] === -1;
          const key = free ? 2 * r : 2 * r + 1;
          if (key <= sinkKey) {
            if (free && key < sinkKey) sinkKey = key;
            mark[unmatched] = seenMark;
            distance[unmatched] = r;
            pathRow[unmatched] = i;
            heap.push(key, unmatched);
          }
        }
      }
      let j = -1;
      while (heap.size > 0) {
        const key = heap.topKey();
        const candidate = heap.pop();
        if (mark[candidate] !== doneMark) {
          const d = distance[candidate] as number;
          if (key === (rowForCol[candidate] === -1 ? 2 * d : 2 * d + 1)) {
            j = candidate;
            break;
          }
        }
      }
      if (j < 0) throw new Error('sparse assignment: no augmenting path (unreachable with unmatched options)');
      minValue = distance[j] as number;
      mark[j] = doneMark;
      doneCols[doneCount++] = j;
      if (rowForCol[j] === -1) sink = j;
      else i = rowForCol[j] as number;
    }

    u[start] = (u[start] as number) + minValue;
    for (let k = 1; k < scanned; k++) {
      const r = scannedRows[k] as number;
      u[r] = (u[r] as number) + minValue - (distance[colForRow[r] as number] as number);
    }
    for (let k = 0; k < doneCount; k++) {
      const j = doneCols[k] as number;
      v[j] = (v[j] as number) - (minValue - (distance[j] as number));
    }
    let j = sink;
    for (;;) {
      const r = pathRow[j] as number;
      rowForCol[j] = r;
      const previous = colForRow[r] as number;
      colForRow[r] = j;
      if (r === start) break;
      j = previous;
    }
  }
}
