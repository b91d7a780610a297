// Reading a page's query string with zod: anything unexpected falls back to the default, never to an error page.
import { z } from 'zod';

/** A schema's value for these search params; each field that does not parse takes its default. */
export function readQuery<T extends object>(
  params: URLSearchParams,
  fields: { [K in keyof T]: z.ZodType<T[K]> },
  defaults: T,
): T {
  const out = { ...defaults };
  for (const key of Object.keys(fields) as Array<keyof T>) {
    const raw = params.get(String(key));
    if (raw === null) continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

export const text = (max = 100) => z.string().trim().max(max);
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);
export const pageNumber = z.coerce.number().int().min(1).max(100_000);

/** The current query with some fields changed (empty values dropped), as `?a=b`. */
export function withQuery(params: URLSearchParams, changes: Record<string, string | number | undefined>): string {
  const next = new URLSearchParams(params);
  next.delete('done');
  next.delete('who');
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  const s = next.toString();
  return s ? `?${s}` : '';
}
