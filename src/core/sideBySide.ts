/**
 * Promise.all for steps run side by side that must all be over before the caller goes on (a pass holding a lease,
 * a database about to close): it waits for every step even when one fails, then throws the failure, or an
 * AggregateError when several failed. Promise.all would reject at the first failure with the others still running.
 */
export async function sideBySide<T extends readonly unknown[] | []>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(steps);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new AggregateError(failures, `${failures.length} of ${settled.length} steps run side by side failed`);
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
