// What may reach a log line: secrets masked, database errors without their values, objects without free text.
import { redactUrl } from '../store/databaseUrl.js';

// Tokens and secrets never reach the log, whoever logs them (us, Bolt or the WebClient).
const SECRET_PATTERNS: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /(signing[_ ]?secret["'=:\s]+)[A-Za-z0-9]+/gi,
];

/** A URL anywhere in a line: `scheme://...` or `file:...`, up to a space, a quote or an angle bracket. */
const URL_IN_TEXT = /\b(?:[a-z][a-z0-9+.-]*:\/\/|file:)[^\s"'<>`]+/gi;

/** A URL's credentials masked (`redactUrl`); a ")" that closes the sentence around it stays outside it. */
function redactUrlInText(match: string): string {
  let url = match;
  let after = '';
  while (url.endsWith(')') && url.split('(').length < url.split(')').length) {
    url = url.slice(0, -1);
    after = `)${after}`;
  }
  return redactUrl(url) + after;
}

export function redact(text: string): string {
  let out = text.replace(URL_IN_TEXT, redactUrlInText);
  for (const p of SECRET_PATTERNS) {
    out = out.replace(p, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}

/** Prisma's "Invalid `prisma.participant.create()` invocation" quotes the call: its arguments (a whole profile). */
const PRISMA_INVOCATION = /Invalid `[^`\n]*` invocation/;

/**
 * An error message without the values it carries: of Prisma's "Invalid `...` invocation ..." only that phrase
 * and the last line (the cause: "Unique constraint failed on the fields: ...") are kept, never the arguments or
 * the source lines quoted between them; a value that a database message quotes (`value "3000000000" is out of
 * range`, `invalid input syntax for type integer: "abc"`) becomes "***".
 */
export function withoutValues(message: string): string {
  let out = message;
  const invocation = PRISMA_INVOCATION.exec(out);
  if (invocation) {
    const lines = out
      .slice(invocation.index + invocation[0].length)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const cause = lines.length > 1 ? lines[lines.length - 1] : '';
    out = `${out.slice(0, invocation.index)}${invocation[0]}: ${cause}`.trim();
  }
  return out.replace(/(\bvalue |: )"[^"\n]*"/g, '$1"***"');
}

function errorName(err: Error): string {
  const constructorName = (err.constructor as { name?: unknown } | undefined)?.name;
  return err.name === 'Error' && typeof constructorName === 'string' && constructorName !== '' ? constructorName : err.name;
}

function errorCode(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/** The error an error wraps: Bolt's `original`, or `cause`. */
function innerError(err: Error): unknown {
  return (err as { original?: unknown }).original ?? err.cause;
}

/** The frames of an error's stack, without its first line (which repeats the message, values included). */
function stackFrames(err: Error): string[] {
  return (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
}

/**
 * What the log says about an error: its class, its code (Prisma's P2002, a Slack or Node error code), its message
 * without values (`withoutValues`) and the frames of its stack, then the same for the error it wraps (Bolt's
 * `original`, `cause`). Never the error's other properties: Prisma's `meta`, a request, a response.
 */
export function describeError(err: unknown, options: { stack?: boolean } = {}, depth = 0): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? withoutValues(err) : `non-error thrown: ${render(err)}`;
  const inner = innerError(err);
  // Bolt's UnknownError copies the message of the error it wraps: said once, with the wrapped error.
  const sameMessage = inner instanceof Error && inner.message === err.message;
  const code = errorCode(err);
  let out = `${errorName(err)}${code === undefined ? '' : ` [${code}]`}${sameMessage ? '' : `: ${withoutValues(err.message)}`}`;
  if (options.stack ?? true) {
    const frames = stackFrames(err);
    if (frames.length > 0) out += `\n${frames.join('\n')}`;
  }
  if (inner !== undefined && inner !== err && depth < 3) out += `\ncaused by ${describeError(inner, options, depth + 1)}`;
  return out;
}

/** An error as a log record's `err` field: the same facts as `describeError`, as fields, stack frames kept. */
export interface LoggedError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
}

export function errorFields(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: redact(describeError(err)) };
  const inner = innerError(err);
  const code = errorCode(err);
  const frames = stackFrames(err);
  return {
    type: errorName(err),
    ...(code === undefined ? {} : { code }),
    message: redact(withoutValues(err.message)),
    ...(frames.length > 0 ? { stack: redact(frames.join('\n')) } : {}),
    ...(inner !== undefined && inner !== err && depth < 3 ? { cause: errorFields(inner, depth + 1) } : {}),
  };
}

/** An error's message, safe to print anywhere (a CLI's stderr, an error that is thrown on). */
export function safeMessage(err: unknown): string {
  return redact(withoutValues(err instanceof Error ? err.message : String(err)));
}

/** A string inside a logged object is kept only if it looks like an id, a code or a time: free text is not. */
const PLAIN = /^[\w.:@/+-]{0,64}$/;

function shape(value: unknown, depth: number): unknown {
  if (value instanceof Error) return describeError(value, { stack: false });
  if (typeof value === 'string') return PLAIN.test(value) ? redact(value) : `[text, ${value.length} characters]`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return depth >= 3 ? `[${value.length} items]` : value.slice(0, 20).map((v) => shape(v, depth + 1));
  if (depth >= 3) return '[object]';
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, depth + 1)]));
}

/** An object or array argument: it goes in the record's `data`, not in its message. */
const isData = (part: unknown): part is object =>
  typeof part === 'object' && part !== null && !(part instanceof Error) && !(part instanceof Date);

/** One argument of a log call as message text: an error without its stack, a date as ISO time. */
function render(part: unknown): string {
  if (part instanceof Error) return describeError(part, { stack: false });
  if (typeof part === 'string') return PRISMA_INVOCATION.test(part) ? withoutValues(part) : part;
  if (part === undefined) return 'undefined';
  try {
    return typeof part === 'object' ? (JSON.stringify(shape(part, 0)) ?? String(part)) : String(part);
  } catch {
    return '[unprintable]';
  }
}

export interface ComposedRecord {
  msg: string;
  /** the first error among the arguments: its stack goes in the record's `err` */
  err?: Error;
  /** the object arguments, shaped: ids, codes, counts and times, never free text (several: an array) */
  data?: unknown;
}

/**
 * A log call's arguments (Bolt's style: `logger.error('listener failed:', err)`, `logger.debug('pass:', counts)`)
 * as one record: the message (the other arguments rendered, secrets masked), the first error, and the objects.
 */
export function composeRecord(parts: readonly unknown[]): ComposedRecord {
  const err = parts.find((p): p is Error => p instanceof Error);
  const objects = parts.filter(isData).map((p) => shape(p, 0));
  const msg = redact(
    parts
      .filter((p) => !isData(p))
      .map(render)
      .join(' '),
  );
  return { msg, ...(err ? { err } : {}), ...(objects.length > 0 ? { data: objects.length === 1 ? objects[0] : objects } : {}) };
}
