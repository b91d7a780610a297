export const BATCH = 500;

/** Runs `step` over batches until a batch comes back short (processed rows leave the query). */
export async function batches<T>(load: () => Promise<T[]>, step: (row: T) => Promise<boolean>): Promise<number> {
  let done = 0;
  for (let round = 0; round < 100; round++) {
    const rows = await load();
    let changed = 0;
    for (const row of rows) if (await step(row)) changed++;
    done += changed;
    if (rows.length < BATCH || changed === 0) break;
  }
  return done;
}

/** Runs `step` over whole batches (it returns how many rows it changed) until a batch comes back short. */
export async function wholeBatches<T>(load: () => Promise<T[]>, step: (rows: T[]) => Promise<number>): Promise<number> {
  let done = 0;
  for (let round = 0; round < 100; round++) {
    const rows = await load();
    const changed = rows.length === 0 ? 0 : await step(rows);
    done += changed;
    if (rows.length < BATCH || changed === 0) break;
  }
  return done;
}
