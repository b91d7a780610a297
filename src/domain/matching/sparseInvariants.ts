import type { SparseAssignment, SparseGraph } from './sparseGraph.js';

/** Checks the optimality invariants (for tests): returns a description of the first violation, or null. */
export function findInvariantViolation(graph: SparseGraph, unmatchedCost: number, a: SparseAssignment): string | null {
  const { rows, cols, rowStart, col, cost } = graph;
  const used = new Uint8Array(cols);
  for (let i = 0; i < rows; i++) {
    const assigned = a.colForRow[i] as number;
    const dummyReduced = unmatchedCost - (a.rowPotential[i] as number) - (a.unmatchedPotential[i] as number);
    if (dummyReduced < 0) return `row ${i}: negative reduced cost to its unmatched option`;
    if (assigned === -1 && dummyReduced !== 0) return `row ${i}: unmatched but not tight`;
    if (assigned !== -1 && (a.unmatchedPotential[i] as number) !== 0) return `row ${i}: unused unmatched option priced`;
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const j = col[k] as number;
      const reduced = (cost[k] as number) - (a.rowPotential[i] as number) - (a.colPotential[j] as number);
      if (reduced < 0) return `edge ${i}-${j}: negative reduced cost ${reduced}`;
      if (j === assigned && reduced !== 0) return `edge ${i}-${j}: assigned but not tight`;
    }
    if (assigned >= 0) {
      if (used[assigned]) return `column ${assigned} assigned twice`;
      used[assigned] = 1;
    }
  }
  for (let j = 0; j < cols; j++) {
    const p = a.colPotential[j] as number;
    if (p > 0 || (!used[j] && p !== 0)) return `column ${j}: potential ${p} (used: ${used[j] === 1})`;
  }
  return null;
}
