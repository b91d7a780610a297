import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function scipyVersion(): string | null {
  try {
    return execFileSync('python3', ['-c', 'import scipy; print(scipy.__version__)'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function runPython(script: string, files: Record<string, ArrayBufferView>): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'rm-bench-'));
  try {
    for (const [name, data] of Object.entries(files)) {
      writeFileSync(join(dir, name), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    const out = execFileSync('python3', ['-c', script, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SciPy's dense linear_sum_assignment (C++), timed around the call only. */
export function scipyDense(cost: Float64Array, rows: number, cols: number): { seconds: number; cost: number } {
  const script = `
import sys, time, json, numpy as np
from scipy.optimize import linear_sum_assignment
d = sys.argv[1]
c = np.fromfile(d + '/cost.f64', dtype=np.float64).reshape(${rows}, ${cols})
t = time.perf_counter(); r, k = linear_sum_assignment(c); s = time.perf_counter() - t
print(json.dumps({'seconds': s, 'cost': float(c[r, k].sum())}))
`;
  const r = runPython(script, { 'cost.f64': cost });
  return { seconds: r.seconds ?? NaN, cost: r.cost ?? NaN };
}

/**
 * SciPy's sparse LAPJVsp (min_weight_full_bipartite_matching) on a CSR graph whose rows all have a private
 * "unmatched" column appended by the caller. SciPy drops zero weights, so the caller shifts costs by +1.
 */
export function scipySparse(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  rows: number,
  cols: number,
): { seconds: number; cost: number } {
  const script = `
import sys, time, json, numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching
d = sys.argv[1]
ip = np.fromfile(d + '/indptr.i32', dtype=np.int32)
ix = np.fromfile(d + '/indices.i32', dtype=np.int32)
dt = np.fromfile(d + '/data.f64', dtype=np.float64)
g = csr_matrix((dt, ix, ip), shape=(${rows}, ${cols}))
t = time.perf_counter(); r, k = min_weight_full_bipartite_matching(g); s = time.perf_counter() - t
print(json.dumps({'seconds': s, 'cost': float(g[r, k].sum())}))
`;
  const r = runPython(script, { 'indptr.i32': indptr, 'indices.i32': indices, 'data.f64': data });
  return { seconds: r.seconds ?? NaN, cost: r.cost ?? NaN };
}
