#!/usr/bin/env node
// Operator commands: `rm-bot <command>`, i.e. `node dist/cli.js <command>` once built (`npm run cli -- <command>` from source).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadDotEnv } from './dotenv.js';
import { runMigrate } from './cli/migrate.js';
import { KEEP_RUNNING, runServe } from './cli/serve.js';
import { packageVersion } from './cli/version.js';
import { runTick } from './cli/tick.js';
import { loadDevTool } from './cli/devTools.js';
import { runReport } from './cli/report.js';
import { CliError } from './cli/errors.js';
import { safeMessage } from './logger.js';

const USAGE = `Usage: rm-bot <command> [options]
       (node dist/cli.js <command> once built; npm run cli -- <command> from a source checkout)

Commands:
  serve                        run the bot (the same as node dist/main.js and npm start)
  migrate                      apply pending database migrations (DATABASE_URL; default file:./data/rm.db)
  tick [--now <ISO time>]      run one scheduler pass as of that time (default: now) and print what it did
  local [--port N] [--api-port N]
                               run the bot against the built-in Slack emulator on the embedded SQLite database
                               (a development tool: from a source checkout, npm run local)
  demo [--people N] [--seed S] [--out <dir>] [--db <url>] [--quiet] [--serve]
                               a whole six-month programme against the built-in Slack emulator, in under a
                               minute: prints the transcript and the final report (--out keeps them, the
                               CSVs and the chart; --db: an empty database, default a temporary SQLite file;
                               --serve: keeps it running with a link to the coordinator dashboard)
                               (a development tool: from a source checkout, npm run demo)
  report [--programme <id>] [--csv <dir>] [--now <ISO time>]
                               a programme's health report (the figures of /rm-report); --csv writes
                               participants, pairs, check-ins and aggregated feedback as CSV files
  --version                    print the version
  help                         this text`;

const nowSchema = z.iso.datetime({ offset: true });

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      parseArgs({ args: rest, options: {}, strict: true });
      return runServe();
    case '--version':
    case '-v':
    case 'version':
      console.log(packageVersion());
      return 0;
    case 'migrate':
      return runMigrate();
    case 'tick': {
      const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } }, strict: true });
      return runTick(values.now);
    }
    case 'local': {
      const { values } = parseArgs({
        args: rest,
        options: { port: { type: 'string' }, 'api-port': { type: 'string' } },
        strict: true,
      });
      const { runLocal } = await loadDevTool('localCommand');
      return runLocal({ port: values.port, apiPort: values['api-port'] });
    }
    case 'report': {
      const { values } = parseArgs({
        args: rest,
        options: { programme: { type: 'string' }, csv: { type: 'string' }, now: { type: 'string' } },
        strict: true,
      });
      if (values.now !== undefined && !nowSchema.safeParse(values.now).success)
        throw new CliError(`--now must be an ISO time such as 2026-03-02T09:00:00Z (got "${values.now}")`);
      return runReport({ programme: values.programme, csv: values.csv, ...(values.now ? { now: new Date(values.now) } : {}) });
    }
    case 'demo': {
      const { runDemo } = await loadDevTool('demoCommand');
      return runDemo(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      throw new CliError(`unknown command "${command}".\n\n${USAGE}`);
  }
}

/**
 * Exits once stdout and stderr have taken everything written. Through a pipe (`npm run demo | less`) writes queue
 * while the reader is slow, and process.exit() would drop what is still queued. A reader that went away (`| head`)
 * ends the wait too.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let waiting = 2;
  const flushed = () => {
    if (--waiting === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => undefined); // EPIPE: nobody reads any more
    if (stream.destroyed || !stream.writable) flushed();
    else stream.write('', flushed);
  }
}

loadDotEnv();
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== KEEP_RUNNING) exitWhenFlushed(code);
  },
  (err: unknown) => {
    if (err instanceof CliError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`rm-bot: ${safeMessage(err)}`);
      exitWhenFlushed(2);
      return;
    }
    // Without the values a database error carries, and with the credentials of any URL in it masked.
    console.error(`rm-bot: ${safeMessage(err)}`);
    exitWhenFlushed(1);
  },
);
