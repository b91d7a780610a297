import { LogLevel, type Logger } from '@slack/bolt';
import { redactUrl } from './store/databaseUrl.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LevelName = keyof typeof LEVELS;

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

function errorCode(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : '';
}

/**
 * What the log says about an error: its class, its code (Prisma's P2002, a Slack or Node error code), its message
 * without values (`withoutValues`) and the frames of its stack, then the same for the error it wraps (Bolt's
 * `original`, `cause`). Never the error's other properties: Prisma's `meta`, a request, a response.
 */
export function describeError(err: unknown, options: { stack?: boolean } = {}, depth = 0): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? withoutValues(err) : `non-error thrown: ${render(err)}`;
  const inner = (err as { original?: unknown }).original ?? err.cause;
  // Bolt's UnknownError copies the message of the error it wraps: said once, with the wrapped error.
  const sameMessage = inner instanceof Error && inner.message === err.message;
  let out = `${errorName(err)}${errorCode(err)}${sameMessage ? '' : `: ${withoutValues(err.message)}`}`;
  if (options.stack ?? true) {
    const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    if (frames.length > 0) out += `\n${frames.join('\n')}`;
  }
  if (inner !== undefined && inner !== err && depth < 3) out += `\ncaused by ${describeError(inner, options, depth + 1)}`;
  return out;
}

/** An error's message, safe to print anywhere (a CLI's stderr, an error that is thrown on). */
export function safeMessage(err: unknown): string {
  return redact(withoutValues(err instanceof Error ? err.message : String(err)));
}

/** A string inside a logged object is printed only if it looks like an id, a code or a time: free text is not. */
const PLAIN = /^[\w.:@/+-]{0,64}$/;

function shape(value: unknown, depth: number): unknown {
  if (value instanceof Error) return describeError(value, { stack: false });
  if (typeof value === 'string') return PLAIN.test(value) ? value : `[text, ${value.length} characters]`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return depth >= 3 ? `[${value.length} items]` : value.slice(0, 20).map((v) => shape(v, depth + 1));
  if (depth >= 3) return '[object]';
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, depth + 1)]));
}

function render(part: unknown): string {
  if (part instanceof Error) return describeError(part);
  if (typeof part === 'string') return PRISMA_INVOCATION.test(part) ? withoutValues(part) : part;
  if (part === undefined) return 'undefined';
  try {
    return JSON.stringify(shape(part, 0)) ?? String(part);
  } catch {
    return '[unprintable]';
  }
}

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
}

/**
 * One line per entry: time, level, component, message (an error's stack follows on indented lines). Never
 * message bodies, feedback text or the values in a database error; URLs and tokens masked (`redact`).
 */
export function createLogger(
  level: LevelName,
  name = 'rm-bot',
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): AppLogger {
  let threshold: number = LEVELS[level];
  let component = name;
  const emit = (lvl: LevelName, parts: unknown[]) => {
    if (LEVELS[lvl] < threshold) return;
    write(redact(`${new Date().toISOString()} ${lvl.toUpperCase()} [${component}] ${parts.map(render).join(' ')}`));
  };
  const logger: AppLogger = {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    setLevel: (l: LogLevel) => {
      threshold = LEVELS[l as LevelName] ?? threshold;
    },
    getLevel: () => (Object.keys(LEVELS).find((k) => LEVELS[k as LevelName] === threshold) ?? 'info') as LogLevel,
    setName: (n: string) => {
      component = n;
    },
    child: (n: string) =>
      createLogger((Object.keys(LEVELS).find((k) => LEVELS[k as LevelName] === threshold) ?? 'info') as LevelName, n, write),
  };
  return logger;
}

/**
 * Bolt shares its logger with its WebClient, which logs every request and response body at debug level:
 * message text, modal contents, App Home (feedback answers included). Those lines are dropped; the rest
 * of Bolt's debug output stays.
 */
export function withoutPayloads(logger: AppLogger): AppLogger {
  const payload = /^http request (body|result|headers)/;
  return {
    ...logger,
    debug: (...m: unknown[]) => {
      if (typeof m[0] === 'string' && payload.test(m[0])) return;
      logger.debug(...m);
    },
    child: (n: string) => withoutPayloads(logger.child(n)),
  };
}

/**
 * For the Socket Mode receiver: its client logs every envelope it receives and every ack it sends (form
 * submissions with feedback text and concerns) at debug level, so its debug output is dropped whole.
 */
export function withoutDebug(logger: AppLogger): AppLogger {
  return { ...logger, debug: () => undefined, child: (n: string) => withoutDebug(logger.child(n)) };
}
