export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parameter as a string (form bodies carry strings, JSON bodies may carry numbers). */
export function str(params: JsonObject, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function flag(params: JsonObject, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(params: JsonObject, key: string): number | undefined {
  const text = str(params, key);
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

export type Parsed = { ok: true; value: unknown } | { ok: false };

/** Form bodies carry structured arguments as JSON strings; JSON bodies carry them as values. */
export function jsonParam(params: JsonObject, key: string): Parsed | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}

/** `users=U1,U2` or a JSON array of ids. */
export function idList(params: JsonObject, key: string): string[] {
  const value = params[key];
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
