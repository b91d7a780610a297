import type { LogLevel, Logger } from '@slack/bolt';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { composeRecord, errorFields, redact } from './logging/masking.js';
import { currentRequestId } from './requests/requestContext.js';

export { describeError, redact, safeMessage, withoutValues } from './logging/masking.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LevelName = (typeof LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
}

/**
 * `LOG_FORMAT` (`json` or `pretty`, validated in src/config.ts); unset: pretty on a terminal, JSON otherwise
 * (a log collector reads a pipe or a file).
 */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env, terminal = Boolean(process.stderr.isTTY)): LogFormat {
  const wanted = env.LOG_FORMAT?.trim();
  if (wanted === 'pretty' || wanted === 'json') return wanted;
  return terminal ? 'pretty' : 'json';
}

// Keys whose values are never written, if a structured field ever carries one (pino's path redaction). Message
// text has no paths: `redact` masks it, and the `err` serializer masks the error's message and stack.
const SECRET_PATHS = ['token', 'password', 'secret', 'signingSecret', 'authorization', 'cookie'].flatMap((key) => [
  key,
  `*.${key}`,
  `*.headers.${key}`,
]);

/** The same line as a person reads it: `[time] LEVEL: [component] message (request id)`, then the error's stack. */
function prettifier(colorize: boolean): (jsonLine: string) => string {
  return prettyFactory({
    colorize,
    translateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss.l'Z'",
    ignore: 'pid,hostname,component,requestId',
    messageFormat: '[{component}] {msg}{if requestId} (request {requestId}){end}',
    errorLikeObjectKeys: ['err'],
  });
}

function destination(format: LogFormat, write: ((line: string) => void) | undefined): DestinationStream {
  const pretty = format === 'pretty' ? prettifier(!write && Boolean(process.stderr.isTTY)) : undefined;
  const out = (line: string) => (pretty ? pretty(line) : line);
  // Synchronous: a short CLI run or a crash does not lose its last lines (no worker thread, no buffer).
  if (write) return { write: (line: string) => write(out(line).replace(/\n$/, '')) };
  return { write: (line: string) => void process.stderr.write(out(line)) };
}

function createRoot(level: LevelName, format: LogFormat, write: ((line: string) => void) | undefined): PinoLogger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      serializers: { err: errorFields },
      // Whatever reaches pino directly (a string argument, an interpolated one) is masked too.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination(format, write),
  );
}

/**
 * A Bolt-compatible logger over pino: one JSON record per entry (`level`, `time`, `pid`, `hostname`,
 * `component`, `requestId` while a Slack request is handled, `msg`; `err` with the class, code, message and
 * stack frames of an error; `data` with the ids and counts of an object argument), or the pretty form of the same
 * record. Never message bodies, feedback text or the values in a
 * database error; URLs and tokens masked (src/logging/masking.ts). Written synchronously to stderr, or to
 * `write` (one line at a time, without its newline: tests, the demo).
 */
export function createLogger(
  level: LevelName,
  name = 'rm-bot',
  write?: (line: string) => void,
  format: LogFormat = write ? 'json' : defaultLogFormat(),
): AppLogger {
  return wrap(createRoot(level, format, write), name, level);
}

function wrap(root: PinoLogger, name: string, level: LevelName): AppLogger {
  let component = root.child({ component: name }, { level });
  const emit = (lvl: LevelName, parts: unknown[]) => {
    if (!component.isLevelEnabled(lvl)) return;
    const { msg, ...fields } = composeRecord(parts);
    component[lvl](fields, msg);
  };
  const currentLevel = () => component.level as LevelName;
  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    setLevel: (l: LogLevel) => {
      if ((LEVELS as readonly string[]).includes(l)) component.level = l;
    },
    getLevel: () => currentLevel() as LogLevel,
    setName: (n: string) => {
      component = root.child({ component: n }, { level: currentLevel() });
    },
    // A child of the root, not of this component: one `component` field per record, and its own level.
    child: (n: string) => wrap(root, n, currentLevel()),
  };
}

/** A record's level, from a JSON log line (undefined for anything else): for tests and the demo's checks. */
export function logLevelOf(line: string): string | undefined {
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    return typeof level === 'string' ? level : undefined;
  } catch {
    return undefined;
  }
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
