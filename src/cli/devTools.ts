import { CliError } from './errors.js';

/**
 * The CLI's `local` and `demo` commands run development tools (the Slack emulator, the demo) that live in
 * src/devtools. The production build leaves that folder out, so they are loaded only when asked for, through a
 * specifier tsc cannot follow (it would otherwise compile them into dist/). The tools declare that they match
 * these shapes (`runLocal: RunLocal`, `runDemo: RunDemo`), which keeps the two sides checked.
 */
export type RunLocal = (opts: { port?: string; apiPort?: string }) => Promise<number>;
export type RunDemo = (args: string[]) => Promise<number>;

interface DevTools {
  localCommand: { runLocal: RunLocal };
  demoCommand: { runDemo: RunDemo };
}

export const DEV_TOOLS_ABSENT =
  'the local emulator and the demo are development tools: run them from a source checkout with npm run local / npm run demo';

export async function loadDevTool<K extends keyof DevTools>(file: K): Promise<DevTools[K]> {
  const specifier = `../devtools/${file}.js`;
  try {
    return (await import(specifier)) as DevTools[K];
  } catch (err) {
    // The tool is absent (a built install), or what it needs is (installed without devDependencies).
    if (isMissingModule(err) && err.message.includes('devtools')) throw new CliError(DEV_TOOLS_ABSENT);
    throw err;
  }
}

function isMissingModule(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && err.code === 'ERR_MODULE_NOT_FOUND';
}
