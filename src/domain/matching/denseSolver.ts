/**
 * Exact minimum-cost rectangular assignment on a row-major Float64Array (rows <= cols): every row gets a
 * distinct column. Shortest augmenting paths with row and column potentials (Jonker-Volgenant, in the
 * form of Crouse 2016, as in SciPy's linear_sum_assignment) after a row-reduction start.
 * Impossible cells must carry a large finite cost (see matchCohort), not Infinity.
 * O(rows^2 x cols) worst case. Ties: lowest distance, then a free column, then the lowest column index.
 */
export interface DenseAssignment {
  colForRow: Int32Array;
  /** Dual potentials: cost[i][j] - rowPotential[i] - colPotential[j] >= 0, equal on assigned cells. */
  rowPotential: Float64Array;
  colPotential: Float64Array;
}

export function solveDenseAssignment(cost: Float64Array, rows: number, cols: number): DenseAssignment {
  if (rows > cols) throw new RangeError(`solveDenseAssignment needs rows <= cols, got ${rows} x ${cols}`);
  if (cost.length !== rows * cols) throw new RangeError('cost matrix size does not match rows x cols');
  const u = new Float64Array(rows);
  const v = new Float64Array(cols);
  const colForRow = new Int32Array(rows).fill(-1);
  const rowForCol = new Int32Array(cols).fill(-1);

  // Row reduction: each row takes a free column among its cheapest ones, if there is one (ties are common).
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let bestValue = Infinity;
    let bestFree = -1;
    for (let j = 0; j < cols; j++) {
      const c = cost[base + j] as number;
      if (c < bestValue) {
        bestValue = c;
        bestFree = rowForCol[j] === -1 ? j : -1;
      } else if (c === bestValue && bestFree === -1 && rowForCol[j] === -1) {
        bestFree = j;
      }
    }
    u[i] = bestValue;
    if (bestFree !== -1) {
      rowForCol[bestFree] = i;
      colForRow[i] = bestFree;
    }
  }

  const distance = new Float64Array(cols);
  const pathRow = new Int32Array(cols);
  const remaining = new Int32Array(cols);
  const scannedRows = new Int32Array(rows);
  const doneCols = new Int32Array(cols);

  for (let start = 0; start < rows; start++) {
    if (colForRow[start] !== -1) continue;
    distance.fill(Infinity);
    for (let j = 0; j < cols; j++) remaining[j] = j;
    let remainingCount = cols;
    let scannedCount = 0;
    let doneCount = 0;
    let minValue = 0;
    let i = start;
    let sink = -1;

    while (sink === -1) {
      scannedRows[scannedCount++] = i;
      const base = i * cols;
      const offset = minValue - (u[i] as number);
      let lowest = Infinity;
      let lowestAt = -1;
      let lowestFree = false;
      for (let k = 0; k < remainingCount; k++) {
        const j = remaining[k] as number;
        const r = offset + (cost[base + j] as number) - (v[j] as number);
        let d = distance[j] as number;
        if (r < d) {
          d = r;
          distance[j] = r;
          pathRow[j] = i;
        }
        if (d < lowest || (d === lowest && !lowestFree && rowForCol[j] === -1)) {
          lowest = d;
          lowestAt = k;
          lowestFree = rowForCol[j] === -1;
        }
      }
      if (lowestAt < 0) throw new Error('dense assignment infeasible (non-finite costs?)');
      minValue = lowest;
      const j = remaining[lowestAt] as number;
      // Remove j keeping the remaining columns in index order, so ties resolve to the lowest index.
      remaining.copyWithin(lowestAt, lowestAt + 1, remainingCount);
      remainingCount--;
      doneCols[doneCount++] = j;
      if (rowForCol[j] === -1) sink = j;
      else i = rowForCol[j] as number;
    }

    u[start] = (u[start] as number) + minValue;
    for (let k = 1; k < scannedCount; k++) {
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
  return { colForRow, rowPotential: u, colPotential: v };
}
