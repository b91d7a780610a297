import { LogLevel, type Logger } from '@slack/bolt';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LevelName = keyof typeof LEVELS;

// Tokens and secrets never reach the log, whoever logs them (us, Bolt or the WebClient).
const SECRET_PATTERNS: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g,
  /(signing[_ ]?secret["'=:\s]+)[A-Za-z0-9]+/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const p of SECRET_PATTERNS) {
    out = out.replace(p, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}***@` : '[redacted]',
    );
  }
  return out;
}

function render(part: unknown): string {
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

export interface AppLogger extends Logger {
  child(name: string): AppLogger;
}

/** One line per entry: time, level, component, message. Never message bodies or feedback text. */
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
